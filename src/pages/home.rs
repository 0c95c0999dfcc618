use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;
use crate::i18n::T;

/// The name of the mark set once per page load when the home screen is first drawn
/// and answers taps; `scripts/bench.py` reads it to time a cold start.
pub const INTERACTIVE_MARK: &str = "follicle:interactive";

thread_local! {
    static MARKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The three jobs, as three big buttons.
#[function_component(Home)]
pub fn home() -> Html {
    let ctx = use_app();
    // Effects run after the render is in the DOM with its listeners attached.
    use_effect_with((), |_| {
        if !MARKED.replace(true) {
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                let _ = performance.mark(INTERACTIVE_MARK);
            }
        }
    });
    let entry = |route: Route, title: T, hint: T, icon: Html, class: &'static str| {
        html! {
            <Link<Route> to={route} classes={classes!("entry", class)}>
                <span class="entry-icon" aria-hidden="true">{ icon }</span>
                <span class="entry-text">
                    <span class="entry-title">{ ctx.t(title) }</span>
                    <span class="entry-hint">{ ctx.t(hint) }</span>
                </span>
            </Link<Route>>
        }
    };
    html! {
        <section class="home">
            <h1>{ ctx.t(T::HomeWelcome) }</h1>
            <nav class="entries">
                { entry(Route::Register, T::Register, T::RegisterHint, icon_register(), "register") }
                { entry(Route::SelfCheck, T::SelfCheck, T::SelfCheckHint, icon_progress(), "self-check") }
                { entry(Route::Staff, T::Staff, T::StaffHint, icon_staff(), "staff") }
            </nav>
        </section>
    }
}

fn icon_register() -> Html {
    html! {
        <svg viewBox="0 0 48 48" width="64" height="64" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round">
            <rect x="9" y="5" width="30" height="38" rx="3" />
            <path d="M16 16h16M16 24h16M16 32h9" />
        </svg>
    }
}

fn icon_progress() -> Html {
    html! {
        <svg viewBox="0 0 48 48" width="64" height="64" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round">
            <rect x="4" y="10" width="17" height="28" rx="2" />
            <rect x="27" y="10" width="17" height="28" rx="2" />
            <path d="M24 6v36" />
        </svg>
    }
}

fn icon_staff() -> Html {
    html! {
        <svg viewBox="0 0 48 48" width="64" height="64" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round">
            <circle cx="24" cy="16" r="8" />
            <path d="M9 42c1-9 7-14 15-14s14 5 15 14" />
        </svg>
    }
}
