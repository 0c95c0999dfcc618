//! When something goes wrong: a complaint logged or handled, a return, an adverse
//! reaction.

use crate::clock::{date_time_field, local_date_time, to_millis};
use crate::context::AppContext;
use crate::domain::aftercare::{ComplaintDraft, IncidentDraft, ReturnDraft};
use crate::domain::{Complaint, Customer, Incident, Record};
use crate::storage::AftercareFile;

use super::{message, on_form, remember, Problems};
use crate::i18n::Msg;

/// The card's aftercare sections and the return form: a customer's complaints,
/// returns, incidents and purchases.
pub async fn file(ctx: &AppContext, customer_id: &str) -> Result<AftercareFile, Msg> {
    ctx.db.aftercare_of(customer_id).await.map_err(message)
}

/// The complaint form starts from the customer and, when handling one, the stored
/// complaint (which must be theirs). `None` when either is gone.
pub async fn complaint_form(ctx: &AppContext, customer_id: &str, complaint_id: Option<&str>) -> Result<Option<(Customer, Option<Complaint>, ComplaintDraft)>, Msg> {
    let Some(customer) = ctx.db.get::<Customer>(customer_id).await.map_err(message)? else { return Ok(None) };
    let stored = match complaint_id {
        Some(id) => match ctx.db.get::<Complaint>(id).await.map_err(message)? {
            Some(c) if c.customer_id == customer_id => Some(c),
            _ => return Ok(None),
        },
        None => None,
    };
    let draft = match &stored {
        Some(c) => ComplaintDraft::from_complaint(c, time_field(c.at)),
        None => ComplaintDraft { at: date_time_field(ctx.clock.now_local()), ..Default::default() },
    };
    Ok(Some((customer, stored, draft)))
}

fn time_field(ms: i64) -> String {
    local_date_time(ms).map(date_time_field).unwrap_or_default()
}

/// Saves a new complaint, or the handling of a stored one.
pub async fn save_complaint(ctx: &AppContext, customer_id: &str, stored: Option<&Complaint>, draft: &ComplaintDraft) -> Result<(), Problems> {
    let checked = draft.check(ctx.clock.now_local())?;
    let stamp = ctx.stamp();
    let at_ms = match stored {
        // The time as shown only has minutes: unchanged, it keeps its seconds.
        Some(c) if draft.at == time_field(c.at) => c.at,
        _ => to_millis(checked.at).unwrap_or(stamp.now),
    };
    let mut complaint = match stored {
        Some(c) => {
            let mut c = c.clone();
            c.meta.touch(&stamp);
            c
        }
        None => Complaint { customer_id: customer_id.to_string(), ..Default::default() }.made(&stamp),
    };
    checked.apply_to(&mut complaint, at_ms, stamp.now);
    ctx.db.save_complaint(&complaint, &stamp).await.map_err(on_form)
}

/// Logs a return against one of the customer's purchases (checked against what they
/// bought and returned already); their amount bought, net, follows.
pub async fn log_return(ctx: &AppContext, customer_id: &str, file: &AftercareFile, draft: &ReturnDraft) -> Result<(), Problems> {
    let mut record = draft.check(&file.purchases, &file.returns)?;
    record.customer_id = customer_id.to_string();
    let stamp = ctx.stamp();
    let saved = ctx.db.save_return(&record.made(&stamp), &stamp).await.map_err(on_form)?;
    remember(ctx, &saved);
    Ok(())
}

/// Records an adverse reaction; the customer goes to effect class D with it.
pub async fn record_incident(ctx: &AppContext, customer_id: &str, draft: &IncidentDraft) -> Result<(), Problems> {
    let checked = draft.check(ctx.clock.today())?;
    let stamp = ctx.stamp();
    let incident = Incident {
        customer_id: customer_id.to_string(),
        date: Some(checked.date),
        description: checked.description,
        action: checked.action,
        by_staff: ctx.staff_name(),
        ..Default::default()
    }
    .made(&stamp);
    let saved = ctx.db.record_incident(&incident, &stamp).await.map_err(on_form)?;
    remember(ctx, &saved);
    Ok(())
}
