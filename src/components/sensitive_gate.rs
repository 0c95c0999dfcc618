//! Before a health record is taken (a scalp photo, a trichoscope image, measurements,
//! an adverse reaction): the screen's form only when the customer's sensitive consent
//! is active. Otherwise it says why nothing can be recorded and offers to ask the
//! customer again, before anyone goes to the trouble. (Storage refuses such a write
//! anyway; this is what the staff see first.)

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::nav::{back_to_card, back_to_search};
use crate::context::use_app;
use crate::hooks::use_load;
use crate::i18n::{Msg, T};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct SensitiveGateProps {
    pub customer_id: String,
    /// The screen's form.
    pub children: Html,
}

#[function_component(SensitiveGate)]
pub fn sensitive_gate(props: &SensitiveGateProps) -> Html {
    let ctx = use_app();
    let state = use_load(props.customer_id.clone(), |ctx, id| async move { actions::consent::sensitive_state(&ctx, &id).await });
    let l = ctx.lang;
    match &*state {
        None => html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => html! { <section class="narrow"><p class="status" role="status">{ ctx.t(T::CustomerGone) }</p>{ back_to_search(l) }</section> },
        Some(Ok(Some((_, true)))) => props.children.clone(),
        Some(Ok(Some((customer, false)))) => html! {
            <section class="narrow consent-needed">
                <h1>{ ctx.t(T::SensitiveNeededTitle) }</h1>
                <p class="lead" role="alert">{ Msg::new(T::SensitiveNeededWhy).arg(customer.salutation(l)).get(l) }</p>
                <p>{ ctx.t(T::SensitiveNeededWhat) }</p>
                <div class="actions">
                    { back_to_card(&customer.id, T::BackToCard, l) }
                    <Link<Route> to={Route::ConsentAgain { id: customer.id.clone() }} classes="btn big primary">{ ctx.t(T::AskConsentAgain) }</Link<Route>>
                </div>
            </section>
        },
    }
}
