use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::route::Route;
use crate::i18n::{Msg, T};

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub at_home: bool,
}

/// The store's name, a way home, and the language switch — on every screen; on the
/// staff side also who is signed in, with a button to lock.
#[function_component(TopBar)]
pub fn top_bar(props: &TopBarProps) -> Html {
    let ctx = use_app();
    let staff_side = use_route::<Route>().is_some_and(|r| !r.is_customer_side());
    let switch = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.set_lang.emit(ctx.lang.other()))
    };
    let signed_in = match (&ctx.staff, staff_side) {
        (Some(me), true) => {
            let lock = {
                let ctx = ctx.clone();
                Callback::from(move |_| actions::staff::lock(&ctx))
            };
            html! {
                <>
                    <span class="signed-in">{ Msg::new(T::SignedInAs).arg(&me.name).get(ctx.lang) }</span>
                    <button class="btn lock" title={ctx.t(T::LockHint)} onclick={lock}>{ ctx.t(T::Lock) }</button>
                </>
            }
        }
        _ => html! {},
    };
    html! {
        <header class="top-bar">
            if props.at_home {
                <span class="brand">{ ctx.t(T::AppName) }</span>
            } else {
                <Link<Route> to={Route::Home} classes="btn home-link">
                    <span aria-hidden="true">{ "⌂ " }</span>{ ctx.t(T::Home) }
                </Link<Route>>
            }
            <span class="store-name">{ ctx.settings.store.store_name.clone() }</span>
            { signed_in }
            // The visible word is the accessible name (WCAG 2.5.3: voice control finds
            // "English" by saying it); what it does is the description.
            <button class="btn lang-switch" lang={ctx.lang.other().tag()}
                title={ctx.t(T::SwitchLanguageHint)} onclick={switch}>
                { ctx.t(T::SwitchLanguage) }
            </button>
        </header>
    }
}
