//! 今天要回访: who to contact today and why — the follow-ups due and overdue from the
//! customers' stored plans, and birthdays — one row per customer, earliest due first.
//! Also how many follow-ups a month holds, for the statistics.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::classify::{activity, Activity, ClassThresholds};
use super::plan::{birthday_due, due_items, FollowUpRules, Plan, PlanItem};
use super::search::Entry;

/// One customer on the today list.
#[derive(Clone, Debug, PartialEq)]
pub struct DueRow {
    pub customer_id: String,
    pub name: String,
    pub phone_digits: String,
    /// Earliest due first.
    pub items: Vec<PlanItem>,
}

/// Whether a customer counts as lost (流失) today: their regular follow-ups are left
/// to the win-back list.
pub fn is_lost(last_visit: Option<NaiveDate>, today: NaiveDate, thresholds: &ClassThresholds) -> bool {
    activity(last_visit, today, thresholds) == Some(Activity::Lost)
}

/// The today list: each customer with something due on or before `today` (from
/// `plans`) or a birthday to greet, found in `lookup` (customers without a summary
/// row are left out), earliest due first, then by name.
pub fn due_rows<'a>(
    plans: &[Plan],
    lookup: impl Fn(&str) -> Option<&'a Entry>,
    everyone: impl IntoIterator<Item = &'a Entry>,
    today: NaiveDate,
    rules: &FollowUpRules,
    thresholds: &ClassThresholds,
) -> Vec<DueRow> {
    let mut by_id: HashMap<&str, DueRow> = HashMap::new();
    let mut add = |entry: &'a Entry, items: Vec<PlanItem>| {
        by_id
            .entry(entry.id.as_str())
            .or_insert_with(|| DueRow { customer_id: entry.id.clone(), name: entry.name.clone(), phone_digits: entry.phone_digits.clone(), items: Vec::new() })
            .items
            .extend(items);
    };
    for plan in plans {
        if let Some(entry) = lookup(&plan.customer_id) {
            add(entry, due_items(plan, today, is_lost(plan.last_visit, today, thresholds)));
        }
    }
    if rules.birthdays {
        for entry in everyone {
            if let Some(item) = entry.birth_date.and_then(|b| birthday_due(b, entry.last_contact, today)) {
                add(entry, vec![item]);
            }
        }
    }
    let mut rows: Vec<DueRow> = by_id.into_values().filter(|r| !r.items.is_empty()).collect();
    for row in &mut rows {
        row.items.sort_by_key(|i| i.due);
    }
    rows.sort_by(|a, b| a.items[0].due.cmp(&b.items[0].due).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// How many follow-ups fall due in the month that ends on `month_end` (overdue ones
/// included), lost customers' regular ones left out.
pub fn due_in_month(plans: &[Plan], month_end: NaiveDate, today: NaiveDate, thresholds: &ClassThresholds) -> usize {
    plans.iter().map(|p| due_items(p, month_end, is_lost(p.last_visit, today, thresholds)).len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Reason;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn entry(id: &str, name: &str, birth: Option<NaiveDate>) -> Entry {
        let mut e = Entry::new(id, name, "13800001234", None);
        e.birth_date = birth;
        e
    }

    fn plan(id: &str, due: NaiveDate, last_visit: Option<NaiveDate>) -> Plan {
        Plan {
            customer_id: id.into(),
            items: vec![PlanItem { due, reason: Reason::Agreed, method: crate::domain::ContactMethod::Phone }],
            next_due: Some(due),
            last_visit,
            ..Plan::default()
        }
    }

    #[test]
    fn the_list_holds_what_is_due_and_birthdays_earliest_first() {
        let today = day(11, 20);
        let people = [entry("a", "王超", None), entry("b", "李兰", Some(NaiveDate::from_ymd_opt(1960, 11, 20).unwrap())), entry("c", "张三", None)];
        let plans = [plan("a", day(11, 18), Some(day(11, 1))), plan("c", day(11, 25), Some(day(11, 1)))];
        let rows = due_rows(&plans, |id| people.iter().find(|e| e.id == id), &people, today, &FollowUpRules::default(), &ClassThresholds::default());
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["王超", "李兰"], "overdue first, the birthday today; 张三 is not due yet");
        assert_eq!(rows[0].items.len(), 1);
        assert_eq!(rows[0].phone_digits, "13800001234");
    }

    #[test]
    fn a_lost_customer_is_left_to_win_back_and_an_unknown_one_left_out() {
        let today = day(11, 20);
        let people = [entry("a", "王超", None)];
        let lost_long_ago = plan("a", day(11, 19), Some(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()));
        let stranger = plan("x", day(11, 19), Some(day(11, 1)));
        assert!(is_lost(lost_long_ago.last_visit, today, &ClassThresholds::default()));
        let rows = due_rows(&[lost_long_ago.clone(), stranger], |id| people.iter().find(|e| e.id == id), &people, today, &FollowUpRules::default(), &ClassThresholds::default());
        // An agreed date stays due even for a lost customer; only regular items go.
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].customer_id, "a");
        assert_eq!(due_in_month(&[lost_long_ago], day(11, 30), today, &ClassThresholds::default()), 1);
    }
}
