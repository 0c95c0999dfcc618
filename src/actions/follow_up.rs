//! 记录回访: a follow-up or visit logged for a customer.

use crate::clock::to_millis;
use crate::context::AppContext;
use crate::domain::plan::{due_items, Plan};
use crate::domain::appointment::AppointmentDraft;
use crate::domain::{Customer, FollowUpDraft, FollowUpEntry, Record};

use super::{message, on_form, remember, Problems};
use crate::i18n::Msg;

/// Checks the form, logs the entry (a visit in the store moves the customer's last
/// visit, as the domain says) and updates the lists. With `booking`, the visit the
/// customer agreed to in the call is booked too: both are checked first and saved in
/// one transaction, or nothing is (the booking's problems come back under
/// [`BOOKING_FIELDS`]' names). Returns the customer as saved.
pub async fn log(ctx: &AppContext, customer_id: &str, draft: &FollowUpDraft, booking: Option<&AppointmentDraft>) -> Result<Customer, Problems> {
    let now = ctx.clock.now_local();
    let checked = draft.check(now);
    let booked = booking.map(|b| b.check(now).map_err(|problems| problems.into_iter().map(|(f, m)| (booking_field(f), m)).collect::<Problems>()));
    let (checked, booked) = match (checked, booked.transpose()) {
        (Ok(c), Ok(b)) => (c, b),
        (c, b) => return Err(c.err().unwrap_or_default().into_iter().chain(b.err().unwrap_or_default()).collect()),
    };
    let stamp = ctx.stamp();
    let entry = FollowUpEntry {
        customer_id: customer_id.to_string(),
        at: to_millis(checked.at).unwrap_or(stamp.now),
        method: Some(checked.method),
        content: checked.content,
        result: checked.result,
        by_staff: ctx.staff_name(),
        next_due: checked.next_due,
        ..FollowUpEntry::default()
    }
    .made(&stamp);
    let appointment = booked.map(|b| b.appointment(customer_id, stamp.now, &ctx.staff_name()).made(&stamp));
    let saved = ctx.db.log_follow_up_and_book(&entry, appointment.as_ref(), &stamp).await.map_err(on_form)?;
    remember(ctx, &saved);
    Ok(saved.customer)
}

/// The booking part's field names on the follow-up form (the booking form's own
/// names, apart from the follow-up's).
pub const BOOKING_FIELDS: [(&str, &str); 5] = [("day", "booking_day"), ("time", "booking_time"), ("purpose", "booking_purpose"), ("staff", "booking_staff"), ("note", "booking_note")];

fn booking_field(field: &'static str) -> &'static str {
    BOOKING_FIELDS.iter().find(|(f, _)| *f == field).map(|(_, b)| *b).unwrap_or("booking_day")
}

/// A customer and what is due for them today (the today list's "log this").
pub async fn due_for(ctx: &AppContext, customer_id: &str) -> Result<Option<(Customer, Vec<crate::domain::plan::PlanItem>)>, Msg> {
    let Some(customer) = ctx.db.get::<Customer>(customer_id).await.map_err(message)? else { return Ok(None) };
    let plan: Option<Plan> = ctx.db.plan_of(customer_id).await.map_err(message)?;
    let due = plan.map(|p| due_items(&p, ctx.clock.today(), false)).unwrap_or_default();
    Ok(Some((customer, due)))
}
