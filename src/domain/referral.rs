//! 转介绍: a customer brought by another. Registration records who referred them in
//! the customer's words; staff link that to the referrer's record (found with the
//! staff search). Each card shows the link both ways, the today list the month's
//! referrers still to be thanked, and the statistics count referrals per month.

use chrono::NaiveDate;

use super::search::Entry;

/// Customers who came by a referral with their first visit in `[first, next_first)`.
pub fn referrals_in(entries: impl IntoIterator<Item = impl std::borrow::Borrow<Entry>>, first: NaiveDate, next_first: NaiveDate) -> usize {
    entries.into_iter().filter(|e| e.borrow().referred && e.borrow().first_visit.is_some_and(|d| d >= first && d < next_first)).count()
}

/// Whom a customer referred, most recent first.
pub fn referred_by<'a>(entries: impl IntoIterator<Item = &'a Entry>, referrer_id: &str) -> Vec<&'a Entry> {
    let mut out: Vec<&Entry> = entries.into_iter().filter(|e| e.referred_by.as_deref() == Some(referrer_id)).collect();
    out.sort_by(|a, b| b.first_visit.cmp(&a.first_visit).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The month's referrals still to thank for: each linked referral whose customer
/// first came in `[first, next_first)` and whose referrer was not thanked yet, as
/// (referred, referrer), latest first. A referrer no longer here is left out.
pub fn to_thank<'a>(entries: &'a [&'a Entry], lookup: impl Fn(&str) -> Option<&'a Entry>, first: NaiveDate, next_first: NaiveDate) -> Vec<(&'a Entry, &'a Entry)> {
    let mut out: Vec<(&Entry, &Entry)> = entries
        .iter()
        .filter(|e| !e.referral_thanked && e.first_visit.is_some_and(|d| d >= first && d < next_first))
        .filter_map(|e| e.referred_by.as_deref().and_then(&lookup).map(|r| (*e, r)))
        .collect();
    out.sort_by(|a, b| b.0.first_visit.cmp(&a.0.first_visit).then_with(|| a.1.name.cmp(&b.1.name)));
    out
}

/// How many days after registering a customer whose referrer was written but not
/// linked is put before staff on the staff home (the visit of registration and the
/// days right after it, while staff still remember who came with whom).
pub const LINK_PROMPT_DAYS: u64 = 7;

/// The new customers whose referrer is still to be linked: a referral written at
/// registration (`referred`) with no record linked, first come in the last
/// [`LINK_PROMPT_DAYS`] days up to `today`; newest first.
pub fn to_link<'a>(entries: impl IntoIterator<Item = &'a Entry>, today: NaiveDate) -> Vec<&'a Entry> {
    let since = today.checked_sub_days(chrono::Days::new(LINK_PROMPT_DAYS - 1)).unwrap_or(today);
    let mut out: Vec<&Entry> = entries.into_iter().filter(|e| e.referred && e.referred_by.is_none() && e.first_visit.is_some_and(|d| d >= since && d <= today)).collect();
    out.sort_by(|a, b| b.first_visit.cmp(&a.first_visit).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn entry(id: &str, first: NaiveDate, by: Option<&str>, written: bool, thanked: bool) -> Entry {
        let mut e = Entry::new(id, id, "13800001234", Some(first));
        e.first_visit = Some(first);
        e.referred = written || by.is_some();
        e.referred_by = by.map(str::to_string);
        e.referral_thanked = thanked;
        e
    }

    #[test]
    fn the_months_referrals_are_counted_linked_or_not_and_the_unthanked_listed() {
        let all = [
            entry("zhang", day(3, 1), None, false, false),
            entry("wang", day(11, 20), Some("zhang"), true, false),
            entry("li", day(11, 5), Some("zhang"), true, true),
            entry("zhao", day(11, 8), None, true, false),
            entry("old", day(10, 30), Some("zhang"), true, false),
            entry("gone-referrer", day(11, 9), Some("nobody"), true, false),
        ];
        assert_eq!(referrals_in(&all, day(11, 1), day(12, 1)), 4, "written or linked, this month only");
        let by_zhang: Vec<&str> = referred_by(&all, "zhang").iter().map(|e| e.id.as_str()).collect();
        assert_eq!(by_zhang, ["wang", "li", "old"]);
        let refs: Vec<&Entry> = all.iter().collect();
        let thank: Vec<(&str, &str)> = to_thank(&refs, |id| all.iter().find(|e| e.id == id), day(11, 1), day(12, 1)).iter().map(|(e, r)| (e.id.as_str(), r.id.as_str())).collect();
        assert_eq!(thank, [("wang", "zhang")], "thanked, unlinked, last month's and a referrer gone are left out");
    }

    #[test]
    fn a_new_customer_with_a_referrer_written_but_not_linked_is_to_link_for_a_week() {
        let all = [
            entry("today", day(11, 20), None, true, false),
            entry("linked", day(11, 20), Some("zhang"), true, false),
            entry("no-referrer", day(11, 20), None, false, false),
            entry("week-ago", day(11, 14), None, true, false),
            entry("too-old", day(11, 13), None, true, false),
            entry("future", day(11, 21), None, true, false),
        ];
        let ids: Vec<&str> = to_link(&all, day(11, 20)).iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["today", "week-ago"], "linked, unreferred and older ones are not asked about");
    }
}
