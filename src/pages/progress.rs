//! 头发变化 (staff): a customer's progress, with the ways to add a picture or
//! measurements.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::progress_view::ProgressView;
use crate::context::use_app;
use crate::hooks::use_load;
use crate::i18n::T;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct StaffProgressProps {
    pub id: String,
}

/// The staff's view of a customer's progress, with the ways to add to it.
#[function_component(StaffProgress)]
pub fn staff_progress(props: &StaffProgressProps) -> Html {
    let ctx = use_app();
    let customer = use_load(props.id.clone(), |ctx, id| async move { actions::customer::load(&ctx, &id).await });
    let c = match &*customer {
        None => return html! { <p class="status">{ ctx.t(T::Loading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(ctx.lang).to_string() }</p> },
        Some(Ok(None)) => return html! { <p class="status" role="status">{ ctx.t(T::CustomerGone) }</p> },
        Some(Ok(Some(c))) => c,
    };
    let id = props.id.clone();
    html! {
        <>
            <div class="card-actions">
                <Link<Route> to={Route::Customer { id: id.clone() }} classes="btn big">{ format!("← {}", c.salutation(ctx.lang)) }</Link<Route>>
                <Link<Route> to={Route::AddPhoto { id: id.clone() }} classes="btn big primary">{ ctx.t(T::AddPhoto) }</Link<Route>>
                <Link<Route> to={Route::AddMeasurement { id: id.clone() }} classes="btn big">{ ctx.t(T::AddMeasurement) }</Link<Route>>
            </div>
            <ProgressView customer_id={id} title={format!("{} · {}", ctx.t(T::HairProgress), c.salutation(ctx.lang))} staff=true />
        </>
    }
}

