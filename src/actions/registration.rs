//! 新顾客登记: a customer registers at the tablet.

use crate::context::AppContext;
use crate::domain::registration::{Draft, Step};
use crate::domain::Customer;

use super::message;
use crate::i18n::Msg;

/// Why a registration was not saved.
#[derive(Clone, Debug, PartialEq)]
pub enum NotSaved {
    /// A step still has problems: the first such step.
    Problems(Option<Step>),
    Storage(Msg),
}

/// Builds the customer and one consent record per box (domain) and saves them in
/// one transaction; the staff search finds them at once. Returns the customer.
pub async fn register(ctx: &AppContext, draft: &Draft) -> Result<Customer, NotSaved> {
    let today = ctx.clock.today();
    let (mut customer, consents) = draft.build(&ctx.stamp(), today).map_err(|_| NotSaved::Problems(draft.first_step_with_problems(today)))?;
    // Given to the staff member present, when the name written is one of the staff's
    // (客户分配: each customer has their own staff member).
    if let Some(present) = consents.iter().find_map(|c| c.staff_present.as_deref()) {
        let members = ctx.db.staff_members().await.map_err(|e| NotSaved::Storage(message(e)))?;
        customer.staff_id = crate::domain::assign::member_named(&members, present).map(|m| m.id.clone());
    }
    // Only after the transaction commits does the screen say "saved".
    let saved = ctx.db.save_registration(&customer, &consents).await.map_err(|e| NotSaved::Storage(message(e)))?;
    super::remember(ctx, &saved);
    Ok(saved.customer)
}
