//! What the staff lists read: the today list, the month's statistics, the win-back
//! list's last contacts, the last backup. Lists of customers come from the summary
//! rows held in memory (the search index), loaded once per sign-in.

use std::collections::HashMap;

use chrono::{Days, NaiveTime};

use crate::context::AppContext;
use crate::domain::aftercare::open_in_order;
use crate::domain::record::Millis;
use crate::domain::stats::Month;
use crate::domain::today::{due_in_month, due_rows, DueRow};
use crate::domain::{Complaint, FollowUpEntry};

use super::message;
use crate::i18n::Msg;

/// Loads the customers' summary rows into memory (once per sign-in).
pub async fn load_rows(ctx: &AppContext) -> Result<(), Msg> {
    ctx.search.load(&ctx.db).await.map_err(message)
}

/// The today list: customers with follow-ups due or a birthday, and complaints still
/// open (oldest first).
pub async fn today(ctx: &AppContext) -> Result<(Vec<DueRow>, Vec<Complaint>), Msg> {
    let today = ctx.clock.today();
    let plans = ctx.db.plans_due_by(today).await.map_err(message)?;
    let complaints = open_in_order(ctx.db.open_complaints().await.map_err(message)?, ctx.clock.now_ms());
    load_rows(ctx).await?;
    let s = &ctx.settings.store;
    let rows = ctx
        .search
        .with(|index| due_rows(&plans, |id| index.get(id), index.entries(), today, &s.follow_up_rules, &s.class_thresholds))
        .unwrap_or_default();
    Ok((rows, complaints))
}

/// This month's figures that do not come from the summary rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthFigures {
    pub due: usize,
    pub done: u32,
    pub photos: u32,
    pub complaints_open: usize,
}

fn month_start_ms(month: Month) -> Millis {
    crate::clock::to_millis(month.first_day().and_time(NaiveTime::MIN)).unwrap_or(0)
}

pub async fn month_figures(ctx: &AppContext) -> Result<MonthFigures, Msg> {
    let today = ctx.clock.today();
    let month = Month::of(today);
    let month_end = month.next().first_day() - Days::new(1);
    let plans = ctx.db.plans_due_by(month_end).await.map_err(message)?;
    let due = due_in_month(&plans, month_end, today, &ctx.settings.store.class_thresholds);
    let (done, photos) = ctx.db.added_between(month_start_ms(month), month_start_ms(month.next())).await.map_err(message)?;
    let complaints_open = ctx.db.open_complaints().await.map_err(message)?.len();
    Ok(MonthFigures { due, done, photos, complaints_open })
}

/// The purchases and returns of the statistics' sales months (and the summary rows,
/// for the buyers' names).
pub async fn sales(ctx: &AppContext) -> Result<(Vec<crate::domain::Purchase>, Vec<crate::domain::ReturnRecord>), Msg> {
    let months = crate::domain::stats::last_months(ctx.clock.today(), crate::domain::stats::SALES_MONTHS);
    let first = *months.last().expect("twelve months");
    let found = ctx.db.sales_since(month_start_ms(first)).await.map_err(message)?;
    load_rows(ctx).await?;
    Ok(found)
}

/// Each customer's latest follow-up, for those who have one.
pub async fn latest_contacts(ctx: &AppContext, customer_ids: &[String]) -> Result<HashMap<String, FollowUpEntry>, Msg> {
    ctx.db.latest_follow_ups(customer_ids).await.map_err(message)
}

/// When this tablet last made a backup (unreadable counts as never).
pub async fn last_backup(ctx: &AppContext) -> Option<Millis> {
    ctx.db.last_backup().await.ok().flatten()
}
