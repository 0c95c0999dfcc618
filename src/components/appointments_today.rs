//! The appointment book where staff look first: today's appointments on the staff
//! home (in time order, one tap to check in), and on the today list the reminder calls
//! for tomorrow's visits and the visits coming in the week.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::actions::appointments::BookRow;
use crate::components::appointment_row::AppointmentRow;
use crate::context::use_app;
use crate::domain::appointment::Attendance;
use crate::hooks::use_load;
use crate::i18n::{Msg, T};
use crate::route::Route;

/// 今天的预约 on the staff home.
#[function_component(TodayAppointments)]
pub fn today_appointments() -> Html {
    let ctx = use_app();
    let version = use_state(|| 0u32);
    let flash = use_state(|| None::<T>);
    let today = ctx.clock.today();
    let loaded = use_load((today, *version), |ctx, (day, _)| async move { actions::appointments::day_book(&ctx, day).await });
    let l = ctx.lang;
    let on_change = {
        let (version, flash) = (version.clone(), flash.clone());
        Callback::from(move |said: T| {
            flash.set(Some(said));
            version.set(*version + 1);
        })
    };
    let rows: Vec<&BookRow> = match &*loaded {
        Some(Ok(rows)) => rows.iter().filter(|r| r.appointment.attendance != Attendance::Cancelled).collect(),
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        None => Vec::new(),
    };
    html! {
        <section class="card-section today-appointments">
            <div class="section-head">
                <h2>{ ctx.t(T::TodayAppointments) }</h2>
                <Link<Route> to={Route::Appointments} classes="btn big">{ ctx.t(T::AppointmentsLink) }</Link<Route>>
            </div>
            if let Some(said) = *flash { <p class="status done" role="status">{ "✓ " }{ ctx.t(said) }</p> }
            if loaded.is_some() && rows.is_empty() { <p class="note muted">{ ctx.t(T::NoAppointmentsToday) }</p> }
            <ul class="appt-list">
                { for rows.iter().map(|r| html! { <AppointmentRow key={r.appointment.id.clone()} row={Rc::new((*r).clone())} on_change={on_change.clone()} compact=true /> }) }
            </ul>
        </section>
    }
}

/// Tomorrow's reminder calls and the week's coming visits, on the today list.
#[function_component(ComingAppointments)]
pub fn coming_appointments() -> Html {
    let ctx = use_app();
    let version = use_state(|| 0u32);
    let failed = use_state(|| None::<Msg>);
    let busy = use_state(|| false);
    let loaded = use_load(*version, |ctx, _| async move { actions::appointments::coming_up(&ctx).await });
    let l = ctx.lang;
    let (reminders, coming) = match &*loaded {
        Some(Ok(found)) => found.clone(),
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        None => return html! {},
    };
    let remind = |row: &BookRow| {
        let (ctx, version, failed, busy, appointment) = (ctx.clone(), version.clone(), failed.clone(), busy.clone(), row.appointment.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (ctx, version, failed, busy, appointment) = (ctx.clone(), version.clone(), failed.clone(), busy.clone(), appointment.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::appointments::remind(&ctx, &appointment).await {
                    Ok(()) => {
                        failed.set(None);
                        version.set(*version + 1);
                    }
                    Err(e) => failed.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let line = |r: &BookRow| format!("{} {} · {} · {}", r.appointment.day, r.appointment.time.format("%H:%M"), r.appointment.purpose, Msg::new(T::LabelValue).arg(T::AppointmentStaff).arg(r.appointment.staff.as_str()).get(l));
    let tail = |r: &BookRow| r.phone_digits.get(r.phone_digits.len().saturating_sub(4)..).unwrap_or_default().to_string();
    html! {
        <>
            if !reminders.is_empty() {
                <section class="card-section appointment-reminders">
                    <h2>{ ctx.t(T::RemindTomorrowTitle) }</h2>
                    if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                    <ul class="due-list">
                        { for reminders.iter().map(|r| html! {
                            <li class="due-row">
                                <div class="due-who">
                                    <Link<Route> to={Route::Customer { id: r.appointment.customer_id.clone() }} classes="due-name">{ r.name.clone() }</Link<Route>>
                                    <span class="result-facts">{ format!("…{}", tail(r)) }</span>
                                </div>
                                <p class="due-reasons">{ line(r) }</p>
                                <button class="btn big primary" onclick={remind(r)} disabled={*busy}>{ ctx.t(T::Reminded) }</button>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if !coming.is_empty() {
                <section class="card-section appointments-coming">
                    <h2>{ ctx.t(T::ComingAppointmentsTitle) }</h2>
                    <ul class="log">
                        { for coming.iter().map(|r| html! {
                            <li>
                                <Link<Route> to={Route::Customer { id: r.appointment.customer_id.clone() }} classes="due-name">{ r.name.clone() }</Link<Route>>
                                { format!(" · {}", line(r)) }
                            </li>
                        }) }
                    </ul>
                    <Link<Route> to={Route::Appointments} classes="btn big">{ ctx.t(T::AppointmentsLink) }</Link<Route>>
                </section>
            }
        </>
    }
}
