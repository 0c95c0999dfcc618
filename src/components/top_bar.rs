use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;
use crate::i18n::T;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub at_home: bool,
}

/// The store's name, a way home, and the language switch — on every screen.
#[function_component(TopBar)]
pub fn top_bar(props: &TopBarProps) -> Html {
    let ctx = use_app();
    let switch = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.set_lang.emit(ctx.lang.other()))
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
            <button class="btn lang-switch" lang={ctx.lang.other().tag()}
                aria-label={ctx.t(T::SwitchLanguageHint)} onclick={switch}>
                { ctx.t(T::SwitchLanguage) }
            </button>
        </header>
    }
}
