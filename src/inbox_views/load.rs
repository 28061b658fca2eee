//! An answer from the inbox API loading into a view: "Loading…" meanwhile; a failure is
//! told in the inbox's alert region in the inbox's words (an ended session goes back to
//! sign-in, as in the "Inbox" view), and the view shows nothing of it.

use std::future::Future;

use evenhand_core::i18n::praise::PraiseCopy;
use evenhand_core::inbox_page::Failure;
use leptos::prelude::*;

use crate::inbox::Ctx;

/// What a view has of its answer.
#[derive(Debug, Clone)]
pub enum Load<T> {
    Loading,
    Ready(T),
    /// Told in the alert region.
    Failed,
}

/// A view's answer and the number of the load asked last: a load that a later one
/// overtakes (two quick "Show") is dropped, so the view shows what was asked last.
#[derive(Debug)]
pub struct Loader<T: Send + Sync + 'static> {
    pub load: RwSignal<Load<T>>,
    latest: StoredValue<u32>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Send + Sync + 'static> Loader<T> {
    pub fn new() -> Self {
        Loader {
            load: RwSignal::new(Load::Loading),
            latest: StoredValue::new(0),
        }
    }

    /// Runs `answer` into the view, after clearing the live regions.
    pub fn run<F>(self, ctx: Ctx, answer: F)
    where
        F: Future<Output = Result<T, Failure>> + 'static,
    {
        ctx.quiet();
        let ticket = self.latest.get_value().wrapping_add(1);
        self.latest.set_value(ticket);
        self.load.set(Load::Loading);
        leptos::task::spawn_local(async move {
            let answer = answer.await;
            if self.latest.try_get_value() != Some(ticket) {
                return;
            }
            match answer {
                Ok(t) => {
                    self.load.try_set(Load::Ready(t));
                }
                Err(f) => {
                    self.load.try_set(Load::Failed);
                    ctx.fail(f);
                }
            }
        });
    }
}

/// What a view shows of its answer: "Loading…", nothing after a failure (told in the
/// alert region), or `ok` of it.
pub fn shown<T: Clone + Send + Sync + 'static>(
    loader: Loader<T>,
    c: &'static PraiseCopy,
    ok: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match loader.load.get() {
        Load::Loading => view! { <p role="status">{c.loading}</p> }.into_any(),
        Load::Failed => ().into_any(),
        Load::Ready(answer) => ok(answer),
    }
}
