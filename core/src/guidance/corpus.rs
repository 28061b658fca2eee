//! The labelled corpus in `core/guidance/corpus.tsv` and the precision and recall of
//! [`Checker`] over it, shared by the tests, `examples/guidance_bench.rs` (run by
//! `bench/guidance`) and the browser timing test. Not used by the app.
use super::{Checker, Findings};

/// Columns: `names` (comma-separated, from [`STAFF`]), `heated` (0/1), `text`.
pub const TSV: &str = include_str!("../../guidance/corpus.tsv");

/// The staff list the corpus is labelled against.
pub const STAFF: [&str; 5] = ["Amy", "Jean-Marc", "Sophie", "Léa", "Tom"];

/// The comment line in `corpus.tsv` after which texts are held out: written after
/// the lists were reviewed and never used to tune them, so their figures estimate
/// how the lists do on texts nobody has seen.
pub const HELD_OUT_MARK: &str = "# held out";

/// One labelled text.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Line number in the file.
    pub line: usize,
    pub names: Vec<String>,
    pub heated: bool,
    pub text: &'static str,
    /// After [`HELD_OUT_MARK`].
    pub held_out: bool,
}

/// The samples, or the first malformed line. Lines starting with `#` are comments.
pub fn samples() -> Result<Vec<Sample>, String> {
    let mut held_out = false;
    let mut out = Vec::new();
    for (n, l) in TSV.lines().enumerate().skip(1) {
        if l.starts_with('#') {
            held_out |= l.starts_with(HELD_OUT_MARK);
            continue;
        }
        if l.trim().is_empty() {
            continue;
        }
        let mut cols = l.splitn(3, '\t');
        let (names, heated, text) = (cols.next(), cols.next(), cols.next());
        let (Some(names), Some(heated), Some(text)) = (names, heated, text) else {
            return Err(format!("corpus.tsv:{}: expected 3 columns", n + 1));
        };
        let heated = match heated {
            "0" => false,
            "1" => true,
            other => return Err(format!("corpus.tsv:{}: heated {other:?}", n + 1)),
        };
        let names: Vec<String> = names
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if let Some(bad) = names.iter().find(|n| !STAFF.contains(&n.as_str())) {
            return Err(format!(
                "corpus.tsv:{}: {bad} is not on the staff list",
                n + 1
            ));
        }
        out.push(Sample {
            line: n + 1,
            names,
            heated,
            text,
            held_out,
        });
    }
    Ok(out)
}

/// True and false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    fn add(&mut self, other: Score) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// 1 when nothing was flagged.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A misclassified text.
#[derive(Debug, Clone)]
pub struct Miss {
    pub line: usize,
    /// `names` or `heated`.
    pub check: &'static str,
    pub expected: String,
    pub found: String,
    pub text: &'static str,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub samples: usize,
    /// Per (text, name) pair.
    pub names: Score,
    /// Per text.
    pub heated: Score,
    /// The same, over the held-out texts only ([`HELD_OUT_MARK`]).
    pub held_out_samples: usize,
    pub held_out_names: Score,
    pub held_out_heated: Score,
    pub misses: Vec<Miss>,
}

/// A checker for [`STAFF`].
pub fn staff_checker() -> Checker {
    let staff: Vec<String> = STAFF.iter().map(|s| (*s).to_owned()).collect();
    Checker::new(&staff)
}

/// What was flagged, with the flagged text: `Insult «idiot», Shouting «!!!»`.
pub fn describe_heat(text: &str, findings: &Findings) -> String {
    findings
        .heat
        .iter()
        .map(|h| {
            let passage = text.get(h.span.start..h.span.end).unwrap_or("?");
            format!("{:?} «{passage}»", h.kind)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs [`staff_checker`] over the corpus.
pub fn evaluate() -> Result<Report, String> {
    let checker = staff_checker();
    let samples = samples()?;
    let mut report = Report {
        samples: samples.len(),
        ..Report::default()
    };
    for s in samples {
        report.held_out_samples += usize::from(s.held_out);
        let f = checker.check(s.text);
        let mut found: Vec<&str> = f.names.iter().map(|h| h.name.as_str()).collect();
        found.sort_unstable();
        found.dedup();
        let tp = found
            .iter()
            .filter(|n| s.names.iter().any(|e| e == *n))
            .count();
        let names = Score {
            tp,
            fp: found.len() - tp,
            fn_: s.names.len() - tp,
        };
        report.names.add(names);
        if s.held_out {
            report.held_out_names.add(names);
        }
        if tp != found.len() || tp != s.names.len() {
            report.misses.push(Miss {
                line: s.line,
                check: "names",
                expected: s.names.join(","),
                found: found.join(","),
                text: s.text,
            });
        }
        let heated = f.is_heated();
        let score = Score {
            tp: usize::from(s.heated && heated),
            fp: usize::from(!s.heated && heated),
            fn_: usize::from(s.heated && !heated),
        };
        report.heated.add(score);
        if s.held_out {
            report.held_out_heated.add(score);
        }
        if s.heated != heated {
            report.misses.push(Miss {
                line: s.line,
                check: "heated",
                expected: u8::from(s.heated).to_string(),
                found: describe_heat(s.text, &f),
                text: s.text,
            });
        }
    }
    Ok(report)
}

/// A realistic guest text of exactly `chars` characters: French and English,
/// polite and heated, with staff names, for timing [`Checker::check`].
pub fn sample_text(chars: usize) -> String {
    const PARTS: [&str; 12] = [
        "Le serveur était un peu lent ce soir, mais Léa nous a très bien conseillés sur le vin. ",
        "The soup was cold and we waited forty minutes for the mains, which is far too long. ",
        "Honestly the manager was an idiot about our booking and Jean-Marc had to sort it out. ",
        "La terrasse est magnifique, les desserts aussi, mais l'addition était vraiment salée. ",
        "Amy’s recommendation was spot on, the Tom yum soup was the best I've had in years!!! ",
        "C'est inadmissible, je vais vous faire virer si ça continue, espèce de cochon stupide. ",
        "We loved the atmosphere; the kids menu could be bigger and the chairs more comfortable. ",
        "THE MUSIC WAS WAY TOO LOUD and nobody answered when we asked to turn it down a bit. ",
        "Sophie a été adorable avec les enfants, merci à toute l'équipe pour cette soirée. ",
        "The b*tch at the till charged us twice and the c0nnard at the bar laughed at us. ",
        "Dommage pour l'attente, on reviendra quand même : le poisson était parfaitement cuit. ",
        "Tom's burger recommendation was great, though the fries were soggy and lukewarm. ",
    ];
    let mut out = String::new();
    let mut n = 0;
    'fill: loop {
        for part in PARTS {
            for c in part.chars() {
                if n == chars {
                    break 'fill;
                }
                out.push(c);
                n += 1;
            }
        }
    }
    out
}
