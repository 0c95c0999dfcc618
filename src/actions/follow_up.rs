//! 记录回访: a follow-up or visit logged for a customer.

use crate::clock::to_millis;
use crate::context::AppContext;
use crate::domain::plan::{due_items, Plan};
use crate::domain::{Customer, FollowUpDraft, FollowUpEntry, Record};

use super::{message, on_form, remember, Problems};
use crate::i18n::Msg;

/// Checks the form, logs the entry (a visit in the store moves the customer's last
/// visit, as the domain says) and updates the lists. Returns the customer as saved.
pub async fn log(ctx: &AppContext, customer_id: &str, draft: &FollowUpDraft) -> Result<Customer, Problems> {
    let checked = draft.check(ctx.clock.now_local())?;
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
    let saved = ctx.db.log_follow_up(&entry, &stamp).await.map_err(on_form)?;
    remember(ctx, &saved);
    Ok(saved.customer)
}

/// A customer and what is due for them today (the today list's "log this").
pub async fn due_for(ctx: &AppContext, customer_id: &str) -> Result<Option<(Customer, Vec<crate::domain::plan::PlanItem>)>, Msg> {
    let Some(customer) = ctx.db.get::<Customer>(customer_id).await.map_err(message)? else { return Ok(None) };
    let plan: Option<Plan> = ctx.db.plan_of(customer_id).await.map_err(message)?;
    let due = plan.map(|p| due_items(&p, ctx.clock.today(), false)).unwrap_or_default();
    Ok(Some((customer, due)))
}
