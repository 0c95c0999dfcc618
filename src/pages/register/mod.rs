//! 新顾客登记: the registration wizard. One topic per screen (a file each), a "why"
//! beside every step, consent before anything sensitive is kept, one transaction to
//! save (the action). The draft lives only in this page: leaving (or the idle timer)
//! discards it.

mod basic;
mod consent;
mod form;
mod hair;
mod health;
mod review;
mod source;
mod welcome;

use std::collections::HashSet;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::actions::registration::NotSaved;
use crate::context::use_app;
use crate::domain::registration::Step;
use crate::domain::Customer;
use crate::i18n::{Label, Lang, Msg, T};
use crate::route::Route;
use form::{DraftState, Form};

/// How long the done screen stays before returning home.
const DONE_RETURN_MS: u32 = 10_000;

fn step_title(step: Step) -> T {
    step.label()
}

#[function_component(Register)]
pub fn register() -> Html {
    let ctx = use_app();
    let navigator = use_navigator().expect("inside a router");
    let draft = use_reducer(DraftState::default);
    let step = use_state(|| Step::Welcome);
    // Steps where "next" was tried: their problems show, and update as the customer types.
    let attempted = use_state(HashSet::<usize>::new);
    let saving = use_state(|| false);
    let save_error = use_state(|| None::<Msg>);
    let saved = use_state(|| None::<Rc<Customer>>);
    let heading = use_node_ref();
    let l = ctx.lang;
    let today = ctx.clock.today();

    // A step refused on "next" shows why where the eyes are: its first problem is
    // scrolled into view and its field focused (the message itself is an alert).
    let refusals = use_state(|| 0u32);
    {
        use_effect_with(*refusals, move |n| {
            if *n > 0 {
                let document = gloo::utils::document();
                let first = document.query_selector(".wizard-main .has-error").ok().flatten();
                if let Some(problem) = first {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Center);
                    problem.scroll_into_view_with_scroll_into_view_options(&options);
                    let field = problem.query_selector("input, textarea, select").ok().flatten();
                    if let Some(field) = field.and_then(|f| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(f).ok()) {
                        let _ = field.focus();
                    }
                }
            }
        });
    }
    // A new step starts at the top with its title focused (screen readers announce it).
    {
        let heading = heading.clone();
        use_effect_with((*step, saved.is_some()), move |_| {
            gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    // The done screen returns home by itself.
    {
        let navigator = navigator.clone();
        use_effect_with(saved.is_some(), move |done| {
            let timer = done.then(|| Timeout::new(DONE_RETURN_MS, move || navigator.push(&Route::Home)));
            move || drop(timer)
        });
    }

    if let Some(customer) = &*saved {
        return done_screen(customer, l, &heading, &navigator);
    }

    let f = Form {
        draft: draft.clone(),
        problems: if attempted.contains(&step.index()) { draft.0.problems(*step, today) } else { Vec::new() },
        lang: l,
        today,
    };

    let go_to = {
        let (step, save_error) = (step.clone(), save_error.clone());
        Callback::from(move |s: Step| {
            save_error.set(None);
            step.set(s);
        })
    };
    let on_prev = {
        let (go_to, current) = (go_to.clone(), *step);
        Callback::from(move |_| {
            if let Some(prev) = current.prev() {
                go_to.emit(prev)
            }
        })
    };
    // A registration that may be someone already there is saved all the same and
    // marked for staff: the person at the kiosk learns nothing about anyone else.
    let on_next = {
        let (go_to, attempted, refusals) = (go_to.clone(), attempted.clone(), refusals.clone());
        let (current, draft) = (*step, draft.clone());
        Callback::from(move |_| {
            if !draft.0.problems(current, today).is_empty() {
                let mut tried = (*attempted).clone();
                tried.insert(current.index());
                attempted.set(tried);
                refusals.set(*refusals + 1);
                return;
            }
            if let Some(next) = current.next() {
                go_to.emit(next);
            }
        })
    };
    let on_save = {
        let (ctx, draft, saving, save_error, saved, go_to, attempted, refusals) =
            (ctx.clone(), draft.clone(), saving.clone(), save_error.clone(), saved.clone(), go_to.clone(), attempted.clone(), refusals.clone());
        Callback::from(move |_| {
            if *saving {
                return;
            }
            saving.set(true);
            let (ctx, d, saving, save_error, saved, go_to, attempted, refusals) =
                (ctx.clone(), draft.0.clone(), saving.clone(), save_error.clone(), saved.clone(), go_to.clone(), attempted.clone(), refusals.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::registration::register(&ctx, &d).await {
                    Ok(customer) => saved.set(Some(Rc::new(customer))),
                    Err(NotSaved::Problems(first)) => {
                        attempted.set(Step::ALL.iter().map(|s| s.index()).collect());
                        if let Some(s) = first {
                            go_to.emit(s);
                        }
                        refusals.set(*refusals + 1);
                    }
                    Err(NotSaved::Storage(e)) => save_error.set(Some(e)),
                }
                saving.set(false);
            });
        })
    };

    let body = {
        let fields = match *step {
            Step::Welcome => welcome::view(&f),
            Step::Basic => basic::view(&f),
            Step::Hair => hair::view(&f),
            Step::Health => health::view(&f),
            Step::Source => source::view(&f),
            Step::Consent => consent::view(&f),
            Step::Review => review::view(&f, &go_to),
        };
        html! {
            <>
                <h1 ref={heading.clone()} tabindex="-1">{ ctx.t(if *step == Step::Welcome { T::WelcomeTitle } else { step_title(*step) }) }</h1>
                if !f.problems.is_empty() { <p class="error" role="alert">{ ctx.t(T::FixBeforeSaving) }</p> }
                { fields }
            </>
        }
    };

    let progress = html! {
        <ol class="progress" aria-label={ctx.t(T::StepProgress)}>
            { for Step::ALL.iter().map(|s| {
                let current = *s == *step;
                let done = s.index() < step.index();
                html! {
                    <li class={classes!(current.then_some("current"), done.then_some("done"))}
                        aria-current={current.then_some("step")}>
                        <span class="marker" aria-hidden="true">{ if done { "✓".to_string() } else { (s.index() + 1).to_string() } }</span>
                        <span class="label">{ ctx.t(step_title(*s)) }</span>
                    </li>
                }
            }) }
        </ol>
    };

    let nav = match *step {
        Step::Welcome => html! {
            <div class="wizard-nav">
                <button class="btn primary big next" onclick={on_next}>{ ctx.t(T::Start) }</button>
            </div>
        },
        Step::Review => html! {
            <div class="wizard-nav">
                <button class="btn big" onclick={on_prev}>{ ctx.t(T::Prev) }</button>
                <button class="btn primary big next" onclick={on_save} disabled={*saving}>
                    { ctx.t(if *saving { T::Saving } else { T::SaveRegistration }) }
                </button>
            </div>
        },
        _ => html! {
            <div class="wizard-nav">
                <button class="btn big" onclick={on_prev}>{ ctx.t(T::Prev) }</button>
                <button class="btn primary big next" onclick={on_next}>{ ctx.t(T::Next) }</button>
            </div>
        },
    };

    html! {
        <section class="wizard">
            { progress }
            <div class="wizard-body">
                <div class="wizard-main">
                    { body }
                    if let Some(e) = &*save_error { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                </div>
                <aside class="why" aria-labelledby="why-title">
                    <h2 id="why-title">{ ctx.t(step.aside_title()) }</h2>
                    <p>{ ctx.t(step.why()) }</p>
                </aside>
            </div>
            { nav }
        </section>
    }
}

/// Saved: the customer greeted by surname (王先生), then home by itself.
fn done_screen(customer: &Customer, l: Lang, heading: &NodeRef, navigator: &Navigator) -> Html {
    let who = customer.salutation(l);
    let greeting = Msg::new(T::WelcomeGreetingName).arg(who).get(l);
    let home = {
        let navigator = navigator.clone();
        Callback::from(move |_| navigator.push(&Route::Home))
    };
    html! {
        <section class="wizard done" aria-live="polite">
            <h1 ref={heading.clone()} tabindex="-1">{ T::DoneTitle.get(l) }</h1>
            <p class="greeting">{ greeting }</p>
            <p class="lead">{ T::DoneBody.get(l) }</p>
            <p>{ T::DoneAuto.get(l) }</p>
            <button class="btn primary big" onclick={home}>{ T::Home.get(l) }</button>
        </section>
    }
}
