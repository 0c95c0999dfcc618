//! 记录购买: a purchase logged for a customer.

use crate::context::AppContext;
use crate::domain::{Customer, PurchaseDraft, Record};

use super::{on_form, remember, Problems};

/// Checks the form and logs the purchase; the customer's first purchase day and where
/// they use products change with it (domain), their plan and summary row are rewritten
/// (storage), the lists follow. Returns the customer as saved.
pub async fn log(ctx: &AppContext, customer_id: &str, draft: &PurchaseDraft) -> Result<Customer, Problems> {
    let mut purchase = draft.check(ctx.clock.today())?;
    purchase.customer_id = customer_id.to_string();
    let stamp = ctx.stamp();
    let purchase = purchase.made(&stamp);
    let saved = ctx.db.save_purchase(&purchase, &stamp).await.map_err(on_form)?;
    remember(ctx, &saved);
    Ok(saved.customer)
}
