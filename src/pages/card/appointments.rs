//! The card's 预约: the customer's visits booked (coming first, then the past ones,
//! each with what became of it) and the way to book another.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::domain::appointment::Status;
use crate::hooks::use_load;
use crate::i18n::{Label, Msg, T};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub customer_id: String,
}

#[function_component(CustomerAppointments)]
pub fn customer_appointments(props: &Props) -> Html {
    let ctx = use_app();
    let loaded = use_load(props.customer_id.clone(), |ctx, id| async move { actions::appointments::of_customer(&ctx, &id).await });
    let l = ctx.lang;
    let today = ctx.clock.today();
    let list = match &*loaded {
        Some(Ok(list)) => list.clone(),
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        None => Vec::new(),
    };
    // Coming first (soonest on top), then the past (latest on top).
    // (`of_customer` gives them in time order.)
    let (past, coming): (Vec<_>, Vec<_>) = list.iter().partition(|a| a.day < today);
    let list: Vec<_> = coming.into_iter().chain(past.into_iter().rev()).collect();
    html! {
        <section class="card-section card-appointments">
            <h2>{ ctx.t(T::CardAppointments) }</h2>
            if loaded.is_some() && list.is_empty() { <p class="note muted">{ ctx.t(T::NoAppointments) }</p> }
            <ul class="log">
                { for list.iter().take(6).map(|a| {
                    let status = a.status(today);
                    html! {
                        <li class={classes!((status == Status::Booked).then_some("next-due"))}>
                            { format!("{} {} · {} · {} · ", a.day, a.time.format("%H:%M"), a.purpose, Msg::new(T::LabelValue).arg(T::AppointmentStaff).arg(a.staff.as_str()).get(l)) }
                            <strong>{ status.label().get(l) }</strong>
                        </li>
                    }
                }) }
            </ul>
            <Link<Route> to={Route::BookVisit { id: props.customer_id.clone() }} classes="btn big">{ ctx.t(T::BookAppointment) }</Link<Route>>
        </section>
    }
}
