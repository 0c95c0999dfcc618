//! 当月份拜访计划: the month's visit plan of each staff member, proposed from the rules
//! and classes, adjusted and saved by the manager; its progress (visits made).

use std::collections::HashMap;

use chrono::NaiveTime;

use crate::context::AppContext;
use crate::domain::month_plan::{progress, propose, MonthPlan, PlanLine, PlanReason, PlannedVisits, MAX_VISITS};
use crate::domain::record::Millis;
use crate::domain::stats::Month;
use crate::domain::Record;
use crate::i18n::Msg;

use super::message;

/// One line of a staff member's plan as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub customer_id: String,
    pub name: String,
    /// Why the proposal has them (None: kept from a saved plan only).
    pub reason: Option<PlanReason>,
    pub visits: u32,
    pub made: u32,
}

/// A staff member's plan for this month: saved (`true`) or the proposal.
#[derive(Clone, Debug, PartialEq)]
pub struct StaffPlan {
    pub lines: Vec<Line>,
    pub saved: bool,
}

fn month_ms(month: Month) -> (Millis, Millis) {
    let at = |m: Month| crate::clock::to_millis(m.first_day().and_time(NaiveTime::MIN)).unwrap_or(0);
    (at(month), at(month.next()))
}

fn proposal(ctx: &AppContext, staff_id: &str, month: Month) -> Vec<PlanLine> {
    let s = &ctx.settings.store;
    ctx.search
        .with(|i| {
            let entries: Vec<_> = i.entries().collect();
            propose(&entries, staff_id, month.first_day(), &s.follow_up_rules, &s.class_thresholds)
        })
        .unwrap_or_default()
}

/// This month's plan of `staff_id`, with the visits made so far.
pub async fn of_staff(ctx: &AppContext, staff_id: &str) -> Result<StaffPlan, Msg> {
    super::lists::load_rows(ctx).await?;
    let month = Month::of(ctx.clock.today());
    let (from, to) = month_ms(month);
    let made = ctx.db.visits_between(from, to).await.map_err(message)?;
    let saved: Option<MonthPlan> = ctx.db.get(&MonthPlan::id_for(&month.code(), staff_id)).await.map_err(message)?;
    let proposed = proposal(ctx, staff_id, month);
    let reasons: HashMap<&str, PlanReason> = proposed.iter().map(|l| (l.customer_id.as_str(), l.reason)).collect();
    let pairs: Vec<(String, u32)> = match &saved {
        Some(plan) => plan.lines.iter().map(|l| (l.customer_id.clone(), l.visits)).collect(),
        None => proposed.iter().map(|l| (l.customer_id.clone(), l.visits)).collect(),
    };
    let lines = ctx
        .search
        .with(|i| {
            pairs
                .into_iter()
                .filter_map(|(id, visits)| {
                    let name = i.get(&id)?.name.clone();
                    Some(Line { reason: reasons.get(id.as_str()).copied(), made: made.get(&id).copied().unwrap_or(0), customer_id: id, name, visits })
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(StaffPlan { lines, saved: saved.is_some() })
}

/// Saves the manager's adjusted plan for this month (numbers above the cap are
/// brought down to it). The manager's.
pub async fn save(ctx: &AppContext, staff_id: &str, lines: &[(String, u32)]) -> Result<(), Msg> {
    let me = super::staff::require_manager(ctx).await?;
    let month = Month::of(ctx.clock.today()).code();
    let stamp = ctx.stamp();
    let mut plan = MonthPlan {
        month: month.clone(),
        staff_id: staff_id.to_string(),
        lines: lines.iter().map(|(id, v)| PlannedVisits { customer_id: id.clone(), visits: (*v).min(MAX_VISITS) }).collect(),
        by_staff: me.name,
        ..MonthPlan::default()
    }
    .made(&stamp);
    plan.id = MonthPlan::id_for(&month, staff_id);
    if let Some(before) = ctx.db.get::<MonthPlan>(&plan.id).await.map_err(message)? {
        plan.meta = before.meta;
        plan.meta.touch(&stamp);
    }
    ctx.db.put(&plan).await.map_err(message)
}

/// The store's plan progress this month: visits planned (saved plans, or the
/// proposal for a staff member without one) and made.
pub async fn store_progress(ctx: &AppContext) -> Result<(u32, u32), Msg> {
    super::lists::load_rows(ctx).await?;
    let month = Month::of(ctx.clock.today());
    let (from, to) = month_ms(month);
    let made = ctx.db.visits_between(from, to).await.map_err(message)?;
    let saved = ctx.db.month_plans(&month.code()).await.map_err(message)?;
    let members = super::staff::members(ctx).await?;
    let mut total = (0, 0);
    for m in &members {
        let lines: Vec<PlanLine> = match saved.iter().find(|p| p.staff_id == m.id) {
            Some(p) => p.lines.iter().map(|l| PlanLine { customer_id: l.customer_id.clone(), visits: l.visits, reason: PlanReason::Regular }).collect(),
            None => proposal(ctx, &m.id, month),
        };
        let (planned, done) = progress(&lines, |id| made.get(id).copied().unwrap_or(0));
        total = (total.0 + planned, total.1 + done);
    }
    Ok(total)
}
