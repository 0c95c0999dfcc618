//! 预约到店表: one day of the appointment book in time order — who comes when, what
//! for, who serves them, what became of each (arrived, did not come, cancelled) and
//! who changed what. Today by default; a day back or on with one tap.

use std::rc::Rc;

use chrono::Days;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::appointment_row::AppointmentRow;
use crate::context::use_app;
use crate::hooks::use_load;
use crate::i18n::{Msg, T};
use crate::route::Route;

#[function_component(AppointmentBook)]
pub fn appointment_book() -> Html {
    let ctx = use_app();
    let today = ctx.clock.today();
    let day = use_state(|| today);
    // Bumped to read the day again after a change.
    let version = use_state(|| 0u32);
    let flash = use_state(|| None::<T>);
    let loaded = use_load((*day, *version), |ctx, (day, _)| async move { actions::appointments::day_book(&ctx, day).await.map(Rc::new) });
    let l = ctx.lang;
    let go = |to: Option<chrono::NaiveDate>| {
        let (day, flash) = (day.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(to) = to {
                flash.set(None);
                day.set(to);
            }
        })
    };
    let on_change = {
        let (version, flash) = (version.clone(), flash.clone());
        Callback::from(move |said: T| {
            flash.set(Some(said));
            version.set(*version + 1);
        })
    };
    let shown = *day;
    html! {
        <section class="appointment-book">
            <div class="card-actions">
                <Link<Route> to={Route::Staff} classes="btn big">{ ctx.t(T::BackToSearch) }</Link<Route>>
            </div>
            <h1>{ ctx.t(T::AppointmentsTitle) }</h1>
            <div class="actions day-nav">
                <button class="btn big" onclick={go(shown.checked_sub_days(Days::new(1)))}>{ "◀ " }{ ctx.t(T::PreviousDay) }</button>
                if shown != today { <button class="btn big" onclick={go(Some(today))}>{ ctx.t(T::BackToToday) }</button> }
                <button class="btn big" onclick={go(shown.checked_add_days(Days::new(1)))}>{ ctx.t(T::NextDay) }{ " ▶" }</button>
            </div>
            if let Some(said) = *flash { <p class="status done" role="status">{ "✓ " }{ ctx.t(said) }</p> }
            { match &*loaded {
                None => html! { <p class="status">{ ctx.t(T::Loading) }</p> },
                Some(Err(e)) => html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
                Some(Ok(rows)) => html! {
                    <>
                        <h2 class="book-day">{ Msg::new(T::AppointmentsOnDay).arg(shown).arg(rows.iter().filter(|r| r.appointment.attendance != crate::domain::appointment::Attendance::Cancelled).count()).get(l) }</h2>
                        if rows.is_empty() { <p class="status" role="status">{ ctx.t(T::NoAppointmentsDay) }</p> }
                        <ul class="appt-list">
                            { for rows.iter().map(|r| html! { <AppointmentRow key={r.appointment.id.clone()} row={Rc::new(r.clone())} on_change={on_change.clone()} /> }) }
                        </ul>
                    </>
                },
            } }
        </section>
    }
}
