//! The line under a staff form's title that says whose record it writes to (王女士 ·
//! 王秀英), as the purchase and visit forms show it.

use yew::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::hooks::use_load;

#[derive(Properties, PartialEq)]
pub struct WhoseProps {
    pub customer_id: AttrValue,
}

/// Reads the customer and names them; nothing while reading or if they are gone.
#[function_component(Whose)]
pub fn whose(props: &WhoseProps) -> Html {
    let ctx = use_app();
    let customer = use_load(props.customer_id.to_string(), |ctx, id| async move { actions::customer::load(&ctx, &id).await });
    match &*customer {
        Some(Ok(Some(c))) => html! { <p class="lead whose">{ c.salutation(ctx.lang) }{ " · " }{ c.name.clone() }</p> },
        _ => html! {},
    }
}
