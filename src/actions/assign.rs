//! 客户分配 and 我的顾客: the manager gives customers to staff members (one from the
//! card, many from a list; logged on each customer), and each staff member sees their
//! own customers by what they need.

use std::collections::{HashMap, HashSet};

use crate::context::AppContext;
use crate::domain::staff::StaffMember;

use super::{message, remember};
use crate::i18n::Msg;

/// Gives `customer_ids` to `staff_id` (None: to nobody). The manager's. Returns how
/// many customers changed.
pub async fn assign(ctx: &AppContext, customer_ids: &[String], staff_id: Option<&str>) -> Result<usize, Msg> {
    let me = super::staff::require_manager(ctx).await?;
    let members = super::staff::members(ctx).await?;
    let names: HashMap<String, String> = members.iter().map(|m| (m.id.clone(), m.name.clone())).collect();
    let saved = ctx.db.assign_customers(customer_ids, staff_id, &names, &me.name, &ctx.stamp()).await.map_err(message)?;
    for s in &saved {
        remember(ctx, s);
    }
    Ok(saved.len())
}

/// What 我的顾客 needs: the staff list, the summary rows in memory, and who has a
/// follow-up due by today.
pub async fn load(ctx: &AppContext) -> Result<(Vec<StaffMember>, HashSet<String>), Msg> {
    let members = super::staff::members(ctx).await?;
    super::lists::load_rows(ctx).await?;
    let due = ctx.db.plans_due_by(ctx.clock.today()).await.map_err(message)?;
    let today = ctx.clock.today();
    let due = due
        .into_iter()
        .filter(|p| !crate::domain::plan::due_items(p, today, false).is_empty())
        .map(|p| p.customer_id)
        .collect();
    Ok((members, due))
}
