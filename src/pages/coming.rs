use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{AppContext, Route};
use crate::i18n::T;

#[derive(Properties, PartialEq)]
pub struct ComingProps {
    pub title: T,
}

/// The screen of a job whose issue has not landed yet: says so plainly and offers the
/// way back.
#[function_component(Coming)]
pub fn coming(props: &ComingProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    html! {
        <section class="coming">
            <h1>{ ctx.t(props.title) }</h1>
            <p class="lead">{ ctx.t(T::ComingTitle) }</p>
            <p>{ ctx.t(T::ComingBody) }</p>
            <div class="actions">
                <Link<Route> to={Route::Home} classes="btn primary big">{ ctx.t(T::Home) }</Link<Route>>
            </div>
        </section>
    }
}
