//! 预约到店: booking a visit, the book for a day, checking a customer in, moving or
//! cancelling an appointment (who did it is logged on it), the reminder call the day
//! before, and the month's counts for the statistics.

use chrono::Days;

use crate::context::AppContext;
use crate::domain::appointment::{check_when, coming, in_time_order, month_counts, Appointment, AppointmentDraft, MonthCounts, COMING_DAYS};
use crate::domain::stats::Month;
use crate::domain::{ContactMethod, FollowUpEntry, Record};
use crate::i18n::{Msg, T};
use crate::storage::appointments::ChangeError;

use super::{message, on_form, remember, Problems};

/// An appointment with whom it is for, as the book and the lists show it.
#[derive(Clone, Debug, PartialEq)]
pub struct BookRow {
    pub appointment: Appointment,
    pub name: String,
    pub phone_digits: String,
}

/// Checks the form and books the visit for the customer. Returns it as saved.
pub async fn book(ctx: &AppContext, customer_id: &str, draft: &AppointmentDraft) -> Result<Appointment, Problems> {
    let checked = draft.check(ctx.clock.now_local())?;
    let stamp = ctx.stamp();
    let appointment = checked.appointment(customer_id, stamp.now, &ctx.staff_name()).made(&stamp);
    let saved = ctx.db.book_appointment(&appointment, &stamp).await.map_err(on_form)?;
    remember(ctx, &saved);
    Ok(appointment)
}

/// One customer's appointments, in time order (the card).
pub async fn of_customer(ctx: &AppContext, customer_id: &str) -> Result<Vec<Appointment>, Msg> {
    ctx.db.appointments_of(customer_id).await.map_err(message)
}

/// The appointments given with their customers' names (from the summary rows held in
/// memory; an appointment of a customer no longer here is left out), in the order given.
async fn with_names(ctx: &AppContext, appointments: Vec<&Appointment>) -> Result<Vec<BookRow>, Msg> {
    super::lists::load_rows(ctx).await?;
    Ok(ctx
        .search
        .with(|index| {
            appointments
                .into_iter()
                .filter_map(|a| index.get(&a.customer_id).map(|e| BookRow { appointment: a.clone(), name: e.name.clone(), phone_digits: e.phone_digits.clone() }))
                .collect()
        })
        .unwrap_or_default())
}

/// A day of the appointment book, in time order (cancelled ones last).
pub async fn day_book(ctx: &AppContext, day: chrono::NaiveDate) -> Result<Vec<BookRow>, Msg> {
    let found = ctx.db.appointments_between(day, day).await.map_err(message)?;
    with_names(ctx, in_time_order(&found)).await
}

/// What the today list shows of the book: tomorrow's appointments still to be
/// reminded by phone, and those coming in the week after today.
pub async fn coming_up(ctx: &AppContext) -> Result<(Vec<BookRow>, Vec<BookRow>), Msg> {
    let today = ctx.clock.today();
    let last = today.checked_add_days(Days::new(COMING_DAYS)).unwrap_or(today);
    let found = ctx.db.appointments_between(today, last).await.map_err(message)?;
    let reminders: Vec<&Appointment> = in_time_order(found.iter().filter(|a| a.needs_reminder(today)));
    let reminders = with_names(ctx, reminders).await?;
    let soon = with_names(ctx, coming(&found, today, COMING_DAYS)).await?;
    Ok((reminders, soon))
}

fn refused(e: ChangeError) -> Msg {
    match e {
        ChangeError::Refused(r) => r.message(),
        ChangeError::Storage(e) => e.message(),
    }
}

/// A follow-up written for an appointment (the visit at check-in, the reminder call),
/// in the store's language.
fn entry_for(ctx: &AppContext, customer_id: &str, method: ContactMethod, content: String, result: String) -> FollowUpEntry {
    let stamp = ctx.stamp();
    FollowUpEntry { customer_id: customer_id.to_string(), at: stamp.now, method: Some(method), content, result, by_staff: ctx.staff_name(), next_due: None, ..FollowUpEntry::default() }
        .made(&stamp)
}

/// The customer came: one tap. An in-store visit is logged with it and moves their
/// last visit, as the visit form does.
pub async fn check_in(ctx: &AppContext, appointment: &Appointment) -> Result<(), Msg> {
    let l = ctx.settings.default_lang;
    let visit = entry_for(ctx, &appointment.customer_id, ContactMethod::InStore, Msg::new(T::CheckInContent).arg(appointment.purpose.as_str()).get(l), String::new());
    let (now, today, by) = (ctx.clock.now_ms(), ctx.clock.today(), ctx.staff_name());
    let (_, saved) = ctx.db.change_appointment(&appointment.id, &ctx.stamp(), |a| a.check_in(now, today, &by), Some(visit)).await.map_err(refused)?;
    remember(ctx, &saved);
    Ok(())
}

/// The reminder call the day before was made: logged as a phone follow-up.
pub async fn remind(ctx: &AppContext, appointment: &Appointment) -> Result<(), Msg> {
    let l = ctx.settings.default_lang;
    let when = format!("{} {}", appointment.day, appointment.time.format("%H:%M"));
    let content = Msg::new(T::ReminderContent).arg(when).arg(appointment.purpose.as_str()).get(l);
    let call = entry_for(ctx, &appointment.customer_id, ContactMethod::Phone, content, T::ReminderResult.get(l).to_string());
    let (now, today, by) = (ctx.clock.now_ms(), ctx.clock.today(), ctx.staff_name());
    let (_, saved) = ctx.db.change_appointment(&appointment.id, &ctx.stamp(), |a| a.remind(now, today, &by), Some(call)).await.map_err(refused)?;
    remember(ctx, &saved);
    Ok(())
}

/// Moves an appointment to the day and time typed (`day`, `time` as the form's fields).
pub async fn move_to(ctx: &AppContext, appointment: &Appointment, day: &str, time: &str) -> Result<(), Problems> {
    let mut problems = Vec::new();
    let Some((day, time)) = check_when(day, time, ctx.clock.now_local(), &mut problems) else { return Err(problems) };
    let (now, today, by) = (ctx.clock.now_ms(), ctx.clock.today(), ctx.staff_name());
    let (_, saved) = ctx.db.change_appointment(&appointment.id, &ctx.stamp(), |a| a.move_to(day, time, now, today, &by), None).await.map_err(|e| vec![("form", refused(e))])?;
    remember(ctx, &saved);
    Ok(())
}

pub async fn cancel(ctx: &AppContext, appointment: &Appointment) -> Result<(), Msg> {
    let (now, today, by) = (ctx.clock.now_ms(), ctx.clock.today(), ctx.staff_name());
    let (_, saved) = ctx.db.change_appointment(&appointment.id, &ctx.stamp(), |a| a.cancel(now, today, &by), None).await.map_err(refused)?;
    remember(ctx, &saved);
    Ok(())
}

/// This month's appointments: booked, arrived, no-shows (so far).
pub async fn this_month(ctx: &AppContext) -> Result<MonthCounts, Msg> {
    let today = ctx.clock.today();
    let month = Month::of(today);
    let (first, next) = (month.first_day(), month.next().first_day());
    let last = next.pred_opt().unwrap_or(first);
    let found = ctx.db.appointments_between(first, last).await.map_err(message)?;
    Ok(month_counts(&found, first, next, today))
}
