//! How long a customer's records are kept, as the personal-information notice promises
//! ("保存期限：最后一次到店后 3 年，到期删除"): everything about a customer goes three
//! years after their last visit. The last visit is the latest day the record says they
//! were in the store: the day they registered (first visit) or a visit logged as 到店
//! (last visit). Calls, texts and home visits are contacts, not visits, and do not
//! move it. A record with neither day (never made by registration, which always sets
//! the first visit) is kept and listed for the manager to decide.
//!
//! Erasure goes through the same path as a manual deletion (tombstones, an audit entry
//! naming [`RULE`]); the manager sees beforehand who goes on which day.

use chrono::{Months, NaiveDate};

use super::search::Entry;

/// Years after the last visit.
pub const YEARS: u32 = 3;
/// The rule's name in the audit entry of an erasure it made (with the notice it keeps).
pub const RULE: &str = "retention: 3 years after the last visit";
/// How many days ahead the manager's list looks by default.
pub const LOOK_AHEAD_DAYS: u64 = 30;

/// The latest day the customer was in the store, as far as the record says.
pub fn last_visit(first_visit: Option<NaiveDate>, last_visit: Option<NaiveDate>) -> Option<NaiveDate> {
    first_visit.max(last_visit)
}

/// The day the customer's records are erased: [`YEARS`] after the last visit (29
/// February counts to 28 February). `None` when no visit is on record.
pub fn erase_on(first_visit: Option<NaiveDate>, last: Option<NaiveDate>) -> Option<NaiveDate> {
    let day = last_visit(first_visit, last)?;
    Some(day.checked_add_months(Months::new(12 * YEARS)).unwrap_or(NaiveDate::MAX))
}

/// Whether the records are due to go on `today` (on or after their day).
pub fn due(first_visit: Option<NaiveDate>, last: Option<NaiveDate>, today: NaiveDate) -> bool {
    erase_on(first_visit, last).is_some_and(|day| day <= today)
}

/// One customer on the manager's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Going {
    pub id: String,
    pub name: String,
    pub last_visit: NaiveDate,
    pub erase_on: NaiveDate,
}

/// What the retention rule will do, seen on `today`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    /// Due now (erased at the next daily run), then those going within the days
    /// looked ahead; by day, then name.
    pub going: Vec<Going>,
    /// Customers with no visit on record: kept, for the manager to decide.
    pub undated: Vec<(String, String)>,
}

/// Who goes on which day, from the customers' summary rows: everyone due by
/// `today + days`.
pub fn schedule(entries: &[Entry], today: NaiveDate, days: u64) -> Schedule {
    let until = today.checked_add_days(chrono::Days::new(days)).unwrap_or(NaiveDate::MAX);
    let mut out = Schedule::default();
    for e in entries {
        match (last_visit(e.first_visit, e.last_visit), erase_on(e.first_visit, e.last_visit)) {
            (Some(last_visit), Some(day)) if day <= until => {
                out.going.push(Going { id: e.id.clone(), name: e.name.clone(), last_visit, erase_on: day })
            }
            (None, _) => out.undated.push((e.id.clone(), e.name.clone())),
            _ => {}
        }
    }
    out.going.sort_by(|a, b| (a.erase_on, &a.name, &a.id).cmp(&(b.erase_on, &b.name, &b.id)));
    out.undated.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    out
}

/// The ids of the customers due on `today`.
pub fn due_now(entries: &[Entry], today: NaiveDate) -> Vec<String> {
    entries.iter().filter(|e| due(e.first_visit, e.last_visit, today)).map(|e| e.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn entry(id: &str, first: Option<&str>, last: Option<&str>) -> Entry {
        let mut e = Entry::new(id, &format!("顾客{id}"), "138", last.map(day));
        e.first_visit = first.map(day);
        e
    }

    #[test]
    fn records_go_three_years_after_the_last_visit() {
        assert_eq!(erase_on(Some(day("2023-03-10")), Some(day("2023-11-30"))), Some(day("2026-11-30")));
        assert_eq!(erase_on(Some(day("2023-03-10")), None), Some(day("2026-03-10")), "registration is a visit");
        assert_eq!(erase_on(Some(day("2024-02-29")), None), Some(day("2027-02-28")));
        assert_eq!(erase_on(None, None), None);
        assert!(!due(Some(day("2023-12-01")), None, day("2026-11-30")), "the day before");
        assert!(due(Some(day("2023-12-01")), None, day("2026-12-01")), "on the day");
        assert!(due(Some(day("2020-01-01")), None, day("2026-12-01")), "and after it");
    }

    #[test]
    fn the_manager_sees_who_goes_on_which_day() {
        let today = day("2026-12-01");
        let entries = [
            entry("late", Some("2021-05-01"), Some("2023-11-20")),
            entry("soon", Some("2023-12-10"), None),
            entry("edge", Some("2023-12-31"), None),
            entry("later", Some("2023-12-31"), Some("2024-01-01")),
            entry("recent", Some("2025-06-01"), Some("2026-11-01")),
            entry("undated", None, None),
        ];
        let s = schedule(&entries, today, 30);
        let going: Vec<_> = s.going.iter().map(|g| (g.id.as_str(), g.erase_on.to_string())).collect();
        assert_eq!(going, [("late", "2026-11-20".to_string()), ("soon", "2026-12-10".into()), ("edge", "2026-12-31".into())]);
        assert_eq!(s.going[0].last_visit, day("2023-11-20"));
        assert_eq!(s.undated, [("undated".to_string(), "顾客undated".to_string())]);
        assert_eq!(due_now(&entries, today), ["late"]);
        assert_eq!(due_now(&entries, day("2026-12-31")), ["late", "soon", "edge"]);
    }
}
