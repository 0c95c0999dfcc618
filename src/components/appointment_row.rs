//! One appointment as the book and the staff home show it: the time, who, what for,
//! who serves, what it is now (待到店, 已到店, 未到, 已取消 — in words, never colour
//! alone), who booked, moved or cancelled it and when, and what can still be done:
//! 到店签到 on its day, 改期 and 取消预约 (asked once more) while it is still booked.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::actions::appointments::BookRow;
use crate::clock::{date_field, local_time};
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::domain::appointment::{ChangeKind, Status};
use crate::hooks::use_submit;
use crate::i18n::{Label, Lang, Msg, T};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct AppointmentRowProps {
    pub row: Rc<BookRow>,
    /// After a change was saved, with what to say.
    pub on_change: Callback<T>,
    /// The staff home's short form: check-in only, no history.
    #[prop_or(false)]
    pub compact: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum RowMode {
    View,
    Move,
    Cancel,
}

fn mark(status: Status) -> &'static str {
    match status {
        Status::Booked => "○",
        Status::Arrived => "✓",
        Status::NoShow => "✕",
        Status::Cancelled => "—",
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Booked => "status-booked",
        Status::Arrived => "status-arrived",
        Status::NoShow => "status-no-show",
        Status::Cancelled => "status-cancelled",
    }
}

/// One line of the appointment's history, in `l`.
pub fn change_line(at: i64, by: &str, what: &ChangeKind, l: Lang) -> String {
    let when = local_time(at);
    match what {
        ChangeKind::Booked => Msg::new(T::ChangeBooked).arg(when).arg(by),
        ChangeKind::Moved { from_day, from_time } => Msg::new(T::ChangeMoved).arg(when).arg(by).arg(format!("{from_day} {}", from_time.format("%H:%M"))),
        ChangeKind::Cancelled => Msg::new(T::ChangeCancelled).arg(when).arg(by),
        ChangeKind::CheckedIn => Msg::new(T::ChangeCheckedIn).arg(when).arg(by),
        ChangeKind::Reminded => Msg::new(T::ChangeReminded).arg(when).arg(by),
    }
    .get(l)
}

#[function_component(AppointmentRow)]
pub fn appointment_row(props: &AppointmentRowProps) -> Html {
    let ctx = use_app();
    let mode = use_state(|| RowMode::View);
    let busy = use_state(|| false);
    let failed = use_state(|| None::<Msg>);
    let a = &props.row.appointment;
    let when = use_state(|| (date_field(a.day), a.time.format("%H:%M").to_string()));
    let submit = use_submit();
    let l = ctx.lang;
    let today = ctx.clock.today();
    let status = a.status(today);

    // A one-tap change (check-in, cancel): once at a time, its failure said on the row.
    let tap = |run: fn(Rc<BookRow>, crate::context::AppContext) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Msg>>>>, said: T| {
        let (ctx, busy, failed, row, on_change, mode) = (ctx.clone(), busy.clone(), failed.clone(), props.row.clone(), props.on_change.clone(), mode.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (ctx, busy, failed, row, on_change, mode) = (ctx.clone(), busy.clone(), failed.clone(), row.clone(), on_change.clone(), mode.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match run(row, ctx).await {
                    Ok(()) => {
                        failed.set(None);
                        mode.set(RowMode::View);
                        on_change.emit(said);
                    }
                    Err(e) => failed.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let check_in = tap(|row, ctx| Box::pin(async move { actions::appointments::check_in(&ctx, &row.appointment).await }), T::CheckedIn);
    let cancel = tap(|row, ctx| Box::pin(async move { actions::appointments::cancel(&ctx, &row.appointment).await }), T::AppointmentCancelled);
    let set_mode = |m: RowMode| {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| mode.set(m))
    };
    let save_move = {
        let (ctx, when, submit, row, on_change) = (ctx.clone(), when.clone(), submit.clone(), props.row.clone(), props.on_change.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, (day, time), row, on_change) = (ctx.clone(), (*when).clone(), row.clone(), on_change.clone());
            submit.run(async move { actions::appointments::move_to(&ctx, &row.appointment, &day, &time).await }, move |()| on_change.emit(T::AppointmentMoved));
        })
    };
    let set_day = {
        let when = when.clone();
        Callback::from(move |v: String| when.set((v, when.1.clone())))
    };
    let set_time = {
        let when = when.clone();
        Callback::from(move |v: String| when.set((when.0.clone(), v)))
    };
    let tail = props.row.phone_digits.get(props.row.phone_digits.len().saturating_sub(4)..).unwrap_or_default();
    let open = status == Status::Booked;
    html! {
        <li class={classes!("appt-row", status_class(status))}>
            <div class="appt-when">
                <span class="appt-time">{ a.time.format("%H:%M").to_string() }</span>
                <span class="appt-status">{ format!("{} {}", mark(status), status.label().get(l)) }</span>
            </div>
            <div class="appt-what">
                <Link<Route> to={Route::Customer { id: a.customer_id.clone() }} classes="due-name">{ props.row.name.clone() }</Link<Route>>
                <span class="result-facts">{ format!(" …{tail}") }</span>
                <p class="appt-purpose">{ a.purpose.clone() }{ " · " }{ Msg::new(T::LabelValue).arg(T::AppointmentStaff).arg(a.staff.as_str()).get(l) }</p>
                if let Some(note) = &a.note { <p class="note">{ note.clone() }</p> }
                if !props.compact {
                    <ul class="appt-log">
                        { for a.changes.iter().map(|c| html! { <li>{ change_line(c.at, &c.by_staff, &c.what, l) }</li> }) }
                    </ul>
                }
                if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            </div>
            <div class="appt-actions">
                if open && a.day == today {
                    <button class="btn big primary" onclick={check_in} disabled={*busy}>{ ctx.t(T::CheckIn) }</button>
                }
                if open && !props.compact && *mode == RowMode::View {
                    <button class="btn big" onclick={set_mode(RowMode::Move)}>{ ctx.t(T::MoveAppointment) }</button>
                    <button class="btn big" onclick={set_mode(RowMode::Cancel)}>{ ctx.t(T::CancelAppointment) }</button>
                }
            </div>
            if open && *mode == RowMode::Move {
                <form class="appt-move" onsubmit={save_move} novalidate=true>
                    <TextField id={format!("move-day-{}", a.id)} label={ctx.t(T::AppointmentDay)} value={when.0.clone()} oninput={set_day} lang={l}
                        required=true input_type="date" error={submit.error_of("day")} />
                    <TextField id={format!("move-time-{}", a.id)} label={ctx.t(T::AppointmentTime)} value={when.1.clone()} oninput={set_time} lang={l}
                        required=true input_type="time" error={submit.error_of("time")} />
                    if let Some(e) = submit.error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                    <div class="actions">
                        <button type="button" class="btn big" onclick={set_mode(RowMode::View)}>{ ctx.t(T::Cancel) }</button>
                        <button type="submit" class="btn big primary" disabled={submit.busy()}>{ ctx.t(T::SaveMove) }</button>
                    </div>
                </form>
            }
            if open && *mode == RowMode::Cancel {
                <div class="confirm appt-cancel" role="alertdialog" aria-labelledby={format!("cancel-q-{}", a.id)}>
                    <p id={format!("cancel-q-{}", a.id)} class="lead">{ ctx.t(T::CancelAppointmentConfirm) }</p>
                    <div class="actions">
                        <button class="btn big" onclick={set_mode(RowMode::View)}>{ ctx.t(T::KeepAppointment) }</button>
                        <button class="btn big danger" onclick={cancel} disabled={*busy}>{ ctx.t(T::CancelAppointment) }</button>
                    </div>
                </div>
            }
        </li>
    }
}
