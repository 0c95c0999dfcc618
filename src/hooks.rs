//! Hooks shared by pages: reading through an action when a screen opens, and a form's
//! submit (one at a time, busy while it runs, the problems it found).

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use yew::prelude::*;

use crate::actions::Problems;
use crate::context::{use_app, AppContext};
use crate::i18n::Msg;

/// What a screen reads when it opens (and again when `deps` change): `None` while
/// reading, then what the action returned.
#[hook]
pub fn use_load<D, T, F, Fut>(deps: D, load: F) -> UseStateHandle<Option<Result<T, Msg>>>
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(AppContext, D) -> Fut + 'static,
    Fut: Future<Output = Result<T, Msg>> + 'static,
{
    let ctx = use_app();
    let state = use_state(|| None);
    {
        let state = state.clone();
        use_effect_with(deps, move |deps| {
            let deps = deps.clone();
            wasm_bindgen_futures::spawn_local(async move { state.set(Some(load(ctx, deps).await)) });
        });
    }
    state
}

/// A text field's input written into one field of a form's draft.
pub fn field<D: Clone + 'static>(draft: &UseStateHandle<D>, apply: fn(&mut D, String)) -> Callback<String> {
    let draft = draft.clone();
    Callback::from(move |v: String| {
        let mut d = (*draft).clone();
        apply(&mut d, v);
        draft.set(d);
    })
}

/// Loads the customers' summary rows (the staff search's in-memory index) if they are
/// not loaded yet; `None` while loading, then `Ok` when `ctx.search` is ready.
#[hook]
pub fn use_customer_rows() -> Option<Result<(), Msg>> {
    let ctx = use_app();
    let ready = ctx.search.is_ready();
    let loaded = use_load((), |ctx, ()| async move { crate::actions::lists::load_rows(&ctx).await });
    if ready {
        Some(Ok(()))
    } else {
        (*loaded).clone()
    }
}

/// A form's submit: runs one action at a time (a second tap while it runs does
/// nothing), says when it is busy, and keeps the problems it found by field.
#[derive(Clone)]
pub struct Submit {
    busy: UseStateHandle<bool>,
    problems: UseStateHandle<Problems>,
    /// Readable at once: a second tap before the next render must not start twice.
    in_flight: Rc<Cell<bool>>,
}

impl Submit {
    pub fn busy(&self) -> bool {
        *self.busy
    }

    pub fn problems(&self) -> &Problems {
        &self.problems
    }

    /// The message for one field (`"form"` for the whole form).
    pub fn error_of(&self, field: &str) -> Option<Msg> {
        self.problems.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone())
    }

    pub fn set_problems(&self, problems: Problems) {
        self.problems.set(problems);
    }

    /// Runs `work`; on success clears the problems and calls `done`, otherwise shows
    /// what `work` found.
    pub fn run<T: 'static>(&self, work: impl Future<Output = Result<T, Problems>> + 'static, done: impl FnOnce(T) + 'static) {
        if self.in_flight.replace(true) {
            return;
        }
        self.busy.set(true);
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = work.await;
            this.in_flight.set(false);
            this.busy.set(false);
            match result {
                Ok(value) => {
                    this.problems.set(Problems::new());
                    done(value);
                }
                Err(found) => this.problems.set(found),
            }
        });
    }
}

#[hook]
pub fn use_submit() -> Submit {
    let busy = use_state(|| false);
    let problems = use_state(Problems::new);
    let in_flight = use_memo((), |_| Cell::new(false));
    Submit { busy, problems, in_flight }
}
