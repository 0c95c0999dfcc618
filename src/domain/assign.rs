//! 客户分配: every customer is looked after by one staff member able to serve them.
//! "我的顾客" is a staff member's own customers, split as they need acting on: who is
//! due for a follow-up, who is dormant (沉睡), who is lost (流失), and the rest. As the
//! stores' documents say, dormant and lost customers are the store manager's: the
//! manager's list holds every dormant and lost customer, whoever they are assigned to.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::classify::{activity, Activity, ClassThresholds};
use super::search::Entry;
use super::staff::StaffMember;

/// One staff member's customers, each group most recent visit first.
#[derive(Debug, Default, PartialEq)]
pub struct MyCustomers<'a> {
    /// Due for a follow-up today or overdue (dormant and lost ones included here).
    pub due: Vec<&'a Entry>,
    pub dormant: Vec<&'a Entry>,
    pub lost: Vec<&'a Entry>,
    /// Active ones with nothing due, and those who never came yet.
    pub others: Vec<&'a Entry>,
}

impl MyCustomers<'_> {
    pub fn len(&self) -> usize {
        self.due.len() + self.dormant.len() + self.lost.len() + self.others.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `staff_id`'s customers from the summary rows; `due` holds the ids of customers
/// with a follow-up due by today. With `manager`, every dormant and lost customer
/// is theirs too.
pub fn my_customers<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    staff_id: &str,
    manager: bool,
    due: &HashSet<String>,
    today: NaiveDate,
    thresholds: &ClassThresholds,
) -> MyCustomers<'a> {
    let mut out = MyCustomers::default();
    for e in entries {
        let state = activity(e.last_visit, today, thresholds);
        let mine = e.staff_id.as_deref() == Some(staff_id);
        let the_managers = manager && matches!(state, Some(Activity::Dormant | Activity::Lost));
        if !mine && !the_managers {
            continue;
        }
        let group = if mine && due.contains(&e.id) {
            &mut out.due
        } else {
            match state {
                Some(Activity::Dormant) => &mut out.dormant,
                Some(Activity::Lost) => &mut out.lost,
                _ => &mut out.others,
            }
        };
        group.push(e);
    }
    for group in [&mut out.due, &mut out.dormant, &mut out.lost, &mut out.others] {
        group.sort_by(|a, b| b.last_visit.cmp(&a.last_visit).then_with(|| a.name.cmp(&b.name)));
    }
    out
}

/// Customers no one looks after yet (or whose staff member has left the list), most
/// recent visit first: what the manager assigns.
pub fn unassigned<'a>(entries: impl IntoIterator<Item = &'a Entry>, staff_ids: &HashSet<&str>) -> Vec<&'a Entry> {
    let mut out: Vec<&Entry> = entries.into_iter().filter(|e| e.staff_id.as_deref().is_none_or(|s| !staff_ids.contains(s))).collect();
    out.sort_by(|a, b| b.last_visit.cmp(&a.last_visit).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The staff member a registration names as present (the name as written, spaces
/// aside), if there is one by that name.
pub fn member_named<'a>(members: &'a [StaffMember], name: &str) -> Option<&'a StaffMember> {
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    members.iter().find(|m| !name.is_empty() && m.name.chars().filter(|c| !c.is_whitespace()).collect::<String>() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn entry(id: &str, last: NaiveDate, staff: Option<&str>) -> Entry {
        let mut e = Entry::new(id, id, "13800001234", Some(last));
        e.staff_id = staff.map(str::to_string);
        e
    }

    #[test]
    fn a_staff_members_customers_by_what_they_need_and_the_managers_dormant_and_lost() {
        let today = day(11, 30);
        let t = ClassThresholds::default();
        let all = [
            entry("due", day(11, 20), Some("wang")),
            entry("active", day(11, 25), Some("wang")),
            entry("dormant", today - chrono::Days::new(u64::try_from(t.active_days).unwrap() + 5), Some("wang")),
            entry("lost", today - chrono::Days::new(u64::try_from(t.dormant_days).unwrap() + 5), Some("wang")),
            entry("someone-elses", day(11, 25), Some("zhao")),
            entry("zhaos-lost", today - chrono::Days::new(u64::try_from(t.dormant_days).unwrap() + 5), Some("zhao")),
            entry("nobodys", day(11, 25), None),
        ];
        let due: HashSet<String> = ["due".to_string(), "someone-elses".to_string()].into();
        let ids = |g: &[&Entry]| g.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        let wang = my_customers(&all, "wang", false, &due, today, &t);
        assert_eq!((ids(&wang.due), ids(&wang.others), ids(&wang.dormant), ids(&wang.lost)), (vec!["due".into()], vec!["active".into()], vec!["dormant".into()], vec!["lost".into()]));
        assert_eq!(wang.len(), 4, "nobody else's");
        let manager = my_customers(&all, "li", true, &due, today, &t);
        assert_eq!(ids(&manager.lost), ["lost", "zhaos-lost"], "every lost customer is the manager's");
        assert_eq!(ids(&manager.dormant), ["dormant"]);
        assert!(manager.due.is_empty() && manager.others.is_empty());

        let staff: HashSet<&str> = ["wang"].into();
        assert_eq!(ids(&unassigned(&all, &staff)), ["nobodys", "someone-elses", "zhaos-lost"], "no one, or someone no longer on the list");
    }

    #[test]
    fn a_registration_goes_to_the_staff_member_named_present() {
        let member = |id: &str, name: &str| StaffMember { id: id.into(), meta: Default::default(), name: name.into(), role: crate::domain::staff::StaffRole::Staff, pin: Default::default() };
        let staff = [member("li", "李店长"), member("wang", "王芳")];
        assert_eq!(member_named(&staff, " 王 芳").map(|m| m.id.as_str()), Some("wang"));
        assert_eq!(member_named(&staff, "王"), None, "the whole name");
        assert_eq!(member_named(&staff, ""), None);
    }
}
