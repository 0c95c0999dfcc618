//! 当月份拜访计划: at the start of a month (or on demand) each staff member's visit
//! plan for the month, proposed from the follow-up rules, the value classes and the
//! prospects — the more important a customer, the more often — for the manager to
//! adjust. Dormant and lost customers are the manager's (the win-back list), so a
//! staff member's plan holds their active, new and prospect customers.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::classify::{activity, value_class, Activity, ClassThresholds, ProspectClass, ValueClass};
use super::plan::FollowUpRules;
use super::record::{impl_record, Meta};
use super::search::Entry;

/// Why a customer is in the plan this often.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanReason {
    /// New (within the rules' new-customer days): visited as the rules for new ones say.
    New,
    Value(ValueClass),
    Prospect(Option<ProspectClass>),
    /// Active, bought, no class above C: the old-customer rule.
    Regular,
}

/// One customer's planned visits for the month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanLine {
    pub customer_id: String,
    pub visits: u32,
    pub reason: PlanReason,
}

/// One customer's visits in a saved plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedVisits {
    pub customer_id: String,
    pub visits: u32,
}

/// A staff member's plan for a month as the manager saved it (adjusted from the
/// proposal). Keyed `YYYY-MM:<staff id>`; replicates like the other records.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MonthPlan {
    pub id: String,
    pub meta: Meta,
    /// `YYYY-MM`.
    pub month: String,
    pub staff_id: String,
    pub lines: Vec<PlannedVisits>,
    /// Who saved it.
    pub by_staff: String,
}
impl_record!(MonthPlan, "month_plans");

impl MonthPlan {
    pub fn id_for(month: &str, staff_id: &str) -> String {
        format!("{month}:{staff_id}")
    }
}

/// The most visits a month a plan line may hold.
pub const MAX_VISITS: u32 = 31;

/// How many visits a month a rule "every `days` days" makes (at least one).
fn per_month(days: u32) -> u32 {
    30u32.div_ceil(days.max(1)).max(1)
}

/// The proposal for `staff_id`'s customers (from the summary rows) for the month
/// starting `first`, most visits first, then by name. The manager adjusts the numbers.
pub fn propose(entries: &[&Entry], staff_id: &str, first: NaiveDate, rules: &FollowUpRules, t: &ClassThresholds) -> Vec<PlanLine> {
    let mut out: Vec<(PlanLine, &str)> = Vec::new();
    for e in entries.iter().filter(|e| e.staff_id.as_deref() == Some(staff_id)) {
        let state = activity(e.last_visit, first, t);
        if matches!(state, Some(Activity::Dormant | Activity::Lost)) {
            continue;
        }
        let new = e.first_visit.is_some_and(|d| (first - d).num_days() < i64::from(rules.new_customer_days));
        let (visits, reason) = match (new, value_class(e.bought_fen, t)) {
            (true, _) => (per_month(rules.new_home_visit_every_days).max(2), PlanReason::New),
            (false, Some(ValueClass::A)) => (4, PlanReason::Value(ValueClass::A)),
            (false, Some(ValueClass::B)) => (2, PlanReason::Value(ValueClass::B)),
            (false, Some(c)) => (per_month(rules.old_visit_every_days), PlanReason::Value(c)),
            (false, None) => match e.prospect {
                Some(ProspectClass::A) => (2, PlanReason::Prospect(Some(ProspectClass::A))),
                p => (1, PlanReason::Prospect(p)),
            },
        };
        out.push((PlanLine { customer_id: e.id.clone(), visits, reason }, e.name.as_str()));
    }
    out.sort_by(|a, b| b.0.visits.cmp(&a.0.visits).then_with(|| a.1.cmp(b.1)));
    out.into_iter().map(|(l, _)| l).collect()
}

/// The plan's progress: visits planned and made (each customer's made visits count
/// up to their planned number).
pub fn progress(plan: &[PlanLine], made: impl Fn(&str) -> u32) -> (u32, u32) {
    plan.iter().fold((0, 0), |(planned, done), l| (planned + l.visits, done + made(&l.customer_id).min(l.visits)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn entry(id: &str, first: NaiveDate, last: NaiveDate, bought_fen: i64, prospect: Option<ProspectClass>, staff: &str) -> Entry {
        let mut e = Entry::new(id, id, "13800001234", Some(last));
        e.first_visit = Some(first);
        e.bought_fen = bought_fen;
        e.prospect = prospect;
        e.staff_id = Some(staff.into());
        e
    }

    #[test]
    fn important_customers_are_planned_more_often_and_dormant_or_lost_ones_left_to_the_manager() {
        let t = ClassThresholds::default();
        let rules = FollowUpRules::default();
        let first = day(2026, 12, 1);
        let old = day(2025, 1, 1);
        let all = [
            entry("a-class", old, day(2026, 11, 20), t.value_a_fen, None, "wang"),
            entry("b-class", old, day(2026, 11, 20), t.value_b_fen, None, "wang"),
            entry("c-class", old, day(2026, 11, 20), 100, None, "wang"),
            entry("new", day(2026, 11, 25), day(2026, 11, 25), 0, None, "wang"),
            entry("prospect-a", old, day(2026, 11, 1), 0, Some(ProspectClass::A), "wang"),
            entry("prospect-c", old, day(2026, 11, 1), 0, Some(ProspectClass::C), "wang"),
            entry("dormant", old, day(2026, 7, 1), t.value_a_fen, None, "wang"),
            entry("lost", old, day(2025, 6, 1), t.value_a_fen, None, "wang"),
            entry("zhaos", old, day(2026, 11, 20), t.value_a_fen, None, "zhao"),
        ];
        let refs: Vec<&Entry> = all.iter().collect();
        let plan = propose(&refs, "wang", first, &rules, &t);
        let got: Vec<(&str, u32)> = plan.iter().map(|l| (l.customer_id.as_str(), l.visits)).collect();
        let new_visits = per_month(rules.new_home_visit_every_days).max(2);
        let mut expected = vec![("a-class", 4), ("b-class", 2), ("prospect-a", 2), ("new", new_visits), ("c-class", per_month(rules.old_visit_every_days)), ("prospect-c", 1)];
        expected.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        assert_eq!(got, expected);
        assert!(plan.iter().all(|l| !["dormant", "lost", "zhaos"].contains(&l.customer_id.as_str())));
        assert_eq!(plan.iter().find(|l| l.customer_id == "new").map(|l| l.reason), Some(PlanReason::New));

        // Progress: made visits count up to the planned number each.
        let (planned, done) = progress(&plan, |id| if id == "a-class" { 6 } else if id == "b-class" { 1 } else { 0 });
        assert_eq!((planned, done), (plan.iter().map(|l| l.visits).sum(), 5));
    }
}
