//! The inbox's "Overview" (SPEC §11): per ISO week, submissions, with praise, with a
//! complaint and declined praise; the average rating per topic. Drawn as SVG by the app
//! (no third-party script); each series has its own pattern and its name in a legend,
//! so the chart reads without colour, and each chart is followed by a table of its
//! numbers for screen readers and anyone who wants them.

use evenhand_core::i18n::praise::{praise_copy, PraiseCopy};
use evenhand_core::praise::overview::{Counts, Overview, Rating, Week};
use leptos::prelude::*;

use super::load::{shown, Loader};
use super::period::{last_30_days, query, PeriodForm};
use crate::inbox::{api, use_ctx};

/// A weekly series: its name, its fill (a pattern), and its value in a week.
type Series = (&'static str, &'static str, fn(&Counts) -> u64);

/// The four weekly series.
fn series(c: &PraiseCopy) -> [Series; 4] {
    [
        (c.submissions, "url(#ov-solid)", |k| k.submissions),
        (c.with_praise, "url(#ov-stripes)", |k| k.with_praise),
        (c.with_complaint, "url(#ov-dots)", |k| k.with_complaint),
        (c.declined_praise, "url(#ov-cross)", |k| k.declined_praise),
    ]
}

const BAR: f64 = 12.0;
const WEEK_W: f64 = 4.0 * BAR + 16.0;
const PLOT_H: f64 = 160.0;
const LEFT: f64 = 44.0;
const TOP: f64 = 12.0;

/// The patterns every bar and legend swatch uses.
#[component]
fn Patterns() -> impl IntoView {
    view! {
        <svg class="ov-defs" width="0" height="0" aria-hidden="true" focusable="false">
            <defs>
                <pattern id="ov-solid" width="4" height="4" patternUnits="userSpaceOnUse">
                    <rect width="4" height="4" fill="#1d2421" />
                </pattern>
                <pattern id="ov-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="6" height="6" fill="#ffffff" />
                    <rect width="3" height="6" fill="#1b6e5a" />
                </pattern>
                <pattern id="ov-dots" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect width="6" height="6" fill="#ffffff" />
                    <circle cx="3" cy="3" r="1.8" fill="#a4262c" />
                </pattern>
                <pattern id="ov-cross" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect width="6" height="6" fill="#ffffff" />
                    <path d="M0 0L6 6M6 0L0 6" stroke="#4a5450" stroke-width="1.2" />
                </pattern>
            </defs>
        </svg>
    }
}

/// An SVG chart named by its title (an image to assistive technology; its numbers are
/// in the table after it).
#[component]
fn Chart(
    id: &'static str,
    title: &'static str,
    width: f64,
    height: f64,
    children: Children,
) -> impl IntoView {
    view! {
        <svg
            class="ov-chart"
            viewBox=format!("0 0 {width} {height}")
            width=width
            height=height
            role="img"
            aria-labelledby=id
        >
            <title id=id>{title}</title>
            {children()}
        </svg>
    }
}

/// Bars per week, four a week, with a scale and the week under each group.
#[component]
fn WeeksChart(c: &'static PraiseCopy, weeks: Vec<Week>) -> impl IntoView {
    let max = weeks
        .iter()
        .map(|w| w.counts.submissions)
        .max()
        .unwrap_or(0)
        .max(1);
    let width = LEFT + WEEK_W * weeks.len() as f64 + 8.0;
    let height = TOP + PLOT_H + 28.0;
    let y = move |v: u64| TOP + PLOT_H - PLOT_H * v as f64 / max as f64;
    let scale = [0, max / 2, max]
        .into_iter()
        .map(|v| {
            view! {
                <line x1=LEFT x2=width y1=y(v) y2=y(v) stroke="#c9cfcb" stroke-width="1" />
                <text x=LEFT - 6.0 y=y(v) + 4.0 text-anchor="end" class="ov-axis">{v.to_string()}</text>
            }
        })
        .collect_view();
    let groups = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x0 = LEFT + 8.0 + WEEK_W * i as f64;
            let bars = series(c)
                .into_iter()
                .enumerate()
                .map(|(j, (_, fill, value))| {
                    let v = value(&w.counts);
                    view! {
                        <rect
                            x=x0 + BAR * j as f64
                            y=y(v)
                            width=BAR - 1.0
                            height=TOP + PLOT_H - y(v)
                            fill=fill
                            stroke="#1d2421"
                            stroke-width="0.8"
                        />
                    }
                })
                .collect_view();
            let label = w.week.rsplit('-').next().unwrap_or("").to_string();
            view! {
                <g>
                    {bars}
                    <text x=x0 + 2.0 * BAR y=TOP + PLOT_H + 18.0 text-anchor="middle" class="ov-axis">{label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <Chart id="ov-weeks-title" title=c.weeks_title width height>
            {scale}
            {groups}
        </Chart>
    }
}

/// One horizontal bar per topic on a 0–5 scale, its average written at its end.
#[component]
fn RatingsChart(c: &'static PraiseCopy, ratings: Vec<Rating>) -> impl IntoView {
    let (label_w, bar_w, row_h) = (130.0, 300.0, 30.0);
    let height = row_h * ratings.len() as f64 + 24.0;
    let width = label_w + bar_w + 60.0;
    let rows = ratings
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = 8.0 + row_h * i as f64;
            let w = bar_w * (r.average / 5.0).clamp(0.0, 1.0);
            view! {
                <text x=label_w - 8.0 y=y + 15.0 text-anchor="end" class="ov-axis">{r.topic.clone()}</text>
                <rect x=label_w y=y width=bar_w height=20.0 fill="#ffffff" stroke="#6b7570" stroke-width="0.8" />
                <rect x=label_w y=y width=w height=20.0 fill="url(#ov-stripes)" stroke="#1d2421" stroke-width="0.8" />
                <text x=label_w + w + 6.0 y=y + 15.0 class="ov-value">{format!("{:.1}", r.average)}</text>
            }
        })
        .collect_view();
    view! {
        <Chart id="ov-ratings-title" title=c.ratings_title width height>
            {rows}
        </Chart>
    }
}

#[component]
fn Legend(c: &'static PraiseCopy) -> impl IntoView {
    view! {
        <ul class="ov-legend" aria-hidden="true">
            {series(c).into_iter().map(|(name, fill, _)| view! {
                <li>
                    <svg width="18" height="18" focusable="false">
                        <rect x="1" y="1" width="16" height="16" fill=fill stroke="#1d2421" />
                    </svg>
                    {name}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A chart's numbers as a table: a caption, column headings, and rows each led by a
/// row heading.
#[component]
fn NumbersTable(
    caption: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<(String, Vec<String>)>,
) -> impl IntoView {
    view! {
        <table class="ov-table">
            <caption>{caption}</caption>
            <thead>
                <tr>{columns.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|(head, cells)| view! {
                    <tr>
                        <th scope="row">{head}</th>
                        {cells.into_iter().map(|v| view! { <td>{v}</td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Charts(c: &'static PraiseCopy, overview: Overview) -> impl IntoView {
    if overview.weeks.is_empty() {
        return view! { <p>{c.overview_none}</p> }.into_any();
    }
    let week_rows = overview
        .weeks
        .iter()
        .map(|w| {
            let cells = series(c)
                .into_iter()
                .map(|(_, _, value)| value(&w.counts).to_string());
            (w.week.clone(), cells.collect())
        })
        .collect();
    let mut week_columns = vec![c.week];
    week_columns.extend(series(c).into_iter().map(|(name, _, _)| name));
    let rating_rows: Vec<_> = overview
        .ratings
        .iter()
        .map(|r| {
            let cells = vec![format!("{:.1}", r.average), r.count.to_string()];
            (r.topic.clone(), cells)
        })
        .collect();
    let has_ratings = !rating_rows.is_empty();
    view! {
        <Patterns />
        <figure class="ov-figure">
            <figcaption><h2>{c.weeks_title}</h2></figcaption>
            <Legend c />
            <div class="ov-scroll"><WeeksChart c weeks=overview.weeks.clone() /></div>
            <NumbersTable caption=c.weeks_title columns=week_columns rows=week_rows />
        </figure>
        {has_ratings.then(|| view! {
            <figure class="ov-figure">
                <figcaption><h2>{c.ratings_title}</h2></figcaption>
                <div class="ov-scroll"><RatingsChart c ratings=overview.ratings.clone() /></div>
                <NumbersTable
                    caption=c.ratings_title
                    columns=vec![c.topic, c.average, c.ratings_count]
                    rows=rating_rows
                />
            </figure>
        })}
    }
    .into_any()
}

#[component]
pub fn OverviewView() -> impl IntoView {
    let ctx = use_ctx();
    let c = move || praise_copy(ctx.lang.get());
    let (first, last) = last_30_days();
    let from = RwSignal::new(first);
    let to = RwSignal::new(last);
    let overview: Loader<Overview> = Loader::new();
    let load = move || {
        let period = query(&from.get_untracked(), &to.get_untracked());
        overview.run(ctx, async move { api::overview(&period).await });
    };
    load();
    let body = move || {
        let c = c();
        shown(overview, c, |overview| {
            view! { <Charts c overview /> }.into_any()
        })
    };
    view! {
        <section class="overview-view" aria-labelledby="view-heading">
            <h1 id="view-heading" tabindex="-1">{move || c().overview_heading}</h1>
            <PeriodForm id="overview" from to on_show=Callback::new(move |()| load()) />
            <div class="praise-body">{body}</div>
        </section>
    }
}
