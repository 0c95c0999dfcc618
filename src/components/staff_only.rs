//! The staff side's door: its children only for a signed-in staff member.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct StaffOnlyProps {
    pub children: Html,
}

/// Shows its children to a signed-in staff member; anyone else goes to the gate.
#[function_component(StaffOnly)]
pub fn staff_only(props: &StaffOnlyProps) -> Html {
    let ctx = use_app();
    if ctx.staff.is_some() {
        props.children.clone()
    } else {
        html! { <Redirect<Route> to={Route::Staff} /> }
    }
}

