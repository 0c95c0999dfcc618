//! The sensitive-information consent around health records: whether a customer's is
//! active (the capture, measurement and adverse-reaction screens say so before anyone
//! goes to the trouble), and asking the customer again on the tablet: the sensitive
//! consent they declined or withdrew, or a consent given to an older notice.

use crate::context::AppContext;
use crate::domain::consent::{ask_again, sensitive_active, AskAgain, ConsentAgainDraft};
use crate::domain::notices::Notice;
use crate::domain::{ConsentKind, Customer};
use crate::i18n::Msg;

use super::{message, on_form, remember, Problems};

/// The customer, and whether their sensitive consent is active now; `None` when the
/// customer is gone.
pub async fn sensitive_state(ctx: &AppContext, customer_id: &str) -> Result<Option<(Customer, bool)>, Msg> {
    let Some(customer) = ctx.db.get::<Customer>(customer_id).await.map_err(message)? else { return Ok(None) };
    let consents = ctx.db.consents_of(customer_id).await.map_err(message)?;
    Ok(Some((customer, sensitive_active(&consents))))
}

/// The customer, and whether and why a consent of `kind` would be asked for again now
/// (`None` inside: it is in force, given to the current notice); `None` when the
/// customer is gone.
pub async fn consent_state(ctx: &AppContext, customer_id: &str, kind: ConsentKind) -> Result<Option<(Customer, Option<AskAgain>)>, Msg> {
    let Some(customer) = ctx.db.get::<Customer>(customer_id).await.map_err(message)? else { return Ok(None) };
    let consents = ctx.db.consents_of(customer_id).await.map_err(message)?;
    Ok(Some((customer, ask_again(&consents, kind))))
}

/// Records the consent of `kind` the customer gave again on the tablet, to the current
/// notice: its id and hash, the time and tablet, the staff member present (signed
/// in), a guardian for a child.
pub async fn consent_again(ctx: &AppContext, customer: &Customer, kind: ConsentKind, draft: &ConsentAgainDraft) -> Result<(), Problems> {
    let notice = Notice::for_kind(kind);
    let stamp = ctx.stamp();
    let record = draft.build(&customer.id, customer.birth_date, notice, &ctx.staff_name(), &stamp, ctx.clock.today())?;
    let saved = ctx.db.give_consent(&record, &stamp).await.map_err(on_form)?;
    remember(ctx, &saved);
    Ok(())
}
