//! Keeping the notice's promise: customers' records go three years after their last
//! visit. Once a day (when the home screen shows, so a tablet left on for weeks runs
//! it too) the due customers are erased through the same path as a manual deletion;
//! the manager sees beforehand who goes on which day.

use crate::context::AppContext;
use crate::domain::retention::{self, Schedule};
use crate::i18n::Msg;

use super::message;

/// Runs the rule if it has not run today on this tablet. Returns how many customers
/// were erased.
pub async fn run_if_due(ctx: &AppContext) -> Result<usize, Msg> {
    let today = ctx.clock.today();
    if ctx.db.retention_last_run().await.map_err(message)? == Some(today) {
        return Ok(0);
    }
    let entries = ctx.db.search_entries().await.map_err(message)?;
    let mut erased = Vec::new();
    for id in retention::due_now(&entries, today) {
        // Checked again on the record itself, inside the erasing transaction.
        if ctx.db.erase_if_expired(&id, today, &ctx.stamp()).await.map_err(message)? {
            ctx.search.remove(&id);
            erased.push(id);
        }
    }
    ctx.db.set_retention_last_run(today).await.map_err(message)?;
    // The staff side, when open, is another app with its own search (screens.rs).
    if !erased.is_empty() {
        crate::page_bus::post(crate::page_bus::RECEIVED, &crate::page_bus::Received { removed: erased.clone(), ..Default::default() });
    }
    Ok(erased.len())
}

/// Who the rule erases on which day within the next `days` (the manager's list).
pub async fn schedule(ctx: &AppContext, days: u64) -> Result<Schedule, Msg> {
    let entries = ctx.db.search_entries().await.map_err(message)?;
    Ok(retention::schedule(&entries, ctx.clock.today(), days))
}
