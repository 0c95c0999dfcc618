//! 本周生日 / 本月生日: whose birthday falls in this week (Monday to Sunday, as a
//! Chinese calendar's week runs) or this calendar month, and the age they turn. Read from
//! the customers' summary rows. Pure: `today` is passed in.

use chrono::{Datelike, Days, NaiveDate};

use super::plan::birthday_in;
use super::search::Entry;

/// The span a birthday list covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Week,
    Month,
}

impl Span {
    pub const ALL: [Span; 2] = [Span::Week, Span::Month];

    /// The first and last day of the span around `today`, both included.
    pub fn days(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Span::Week => {
                let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
                (monday, monday + Days::new(6))
            }
            Span::Month => {
                let first = today.with_day(1).expect("day 1");
                let next = if first.month() == 12 {
                    NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
                };
                (first, next.expect("a real month") - Days::new(1))
            }
        }
    }
}

/// A customer's birthday in a span.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Birthday<'a> {
    pub entry: &'a Entry,
    /// The day it falls on (29 February on 28 February in other years).
    pub day: NaiveDate,
    /// The age they turn that day.
    pub turning: u32,
}

/// The customers whose birthday falls in `span` around `today`, in the order of the
/// days (then by name). A week across New Year looks at both years; customers with no
/// birth date are not listed (a birth date is a whole date or none: the forms take no
/// year alone); nor is anyone on the day they were born.
pub fn birthdays<'a>(entries: impl IntoIterator<Item = &'a Entry>, span: Span, today: NaiveDate) -> Vec<Birthday<'a>> {
    let (first, last) = span.days(today);
    let mut out: Vec<Birthday> = Vec::new();
    for entry in entries {
        let Some(birth) = entry.birth_date else { continue };
        for year in first.year()..=last.year() {
            if year <= birth.year() {
                continue;
            }
            let day = birthday_in(birth, year);
            if first <= day && day <= last {
                out.push(Birthday { entry, day, turning: (year - birth.year()) as u32 });
            }
        }
    }
    super::sort::sort_by(&mut out, |a, b| a.day.cmp(&b.day).then_with(|| a.entry.name.cmp(&b.entry.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn born(name: &str, birth: Option<&str>) -> Entry {
        let mut e = Entry::new(name, name, "13800000000", None);
        e.birth_date = birth.map(d);
        e
    }

    fn names(list: &[Birthday<'_>]) -> Vec<String> {
        list.iter().map(|b| b.entry.name.clone()).collect()
    }

    #[test]
    fn a_week_runs_monday_to_sunday_and_a_month_is_the_calendar_month() {
        // 2026-12-02 is a Wednesday.
        assert_eq!(Span::Week.days(d("2026-12-02")), (d("2026-11-30"), d("2026-12-06")));
        assert_eq!(Span::Week.days(d("2026-11-30")), (d("2026-11-30"), d("2026-12-06")), "Monday starts it");
        assert_eq!(Span::Week.days(d("2026-12-06")), (d("2026-11-30"), d("2026-12-06")), "Sunday ends it");
        assert_eq!(Span::Month.days(d("2026-12-02")), (d("2026-12-01"), d("2026-12-31")));
        assert_eq!(Span::Month.days(d("2028-02-10")), (d("2028-02-01"), d("2028-02-29")));
    }

    #[test]
    fn this_weeks_birthdays_at_the_week_edges_with_the_age_turned() {
        let today = d("2026-12-02");
        let people = [
            born("周一", Some("1960-11-30")),
            born("周日", Some("1971-12-06")),
            born("上周日", Some("1960-11-29")),
            born("下周一", Some("1960-12-07")),
            born("没填", None),
        ];
        let week = birthdays(&people, Span::Week, today);
        assert_eq!(names(&week), ["周一", "周日"]);
        assert_eq!((week[0].day, week[0].turning), (d("2026-11-30"), 66));
        assert_eq!((week[1].day, week[1].turning), (d("2026-12-06"), 55));
        // The month: December only (30 November is this week but last month).
        assert_eq!(names(&birthdays(&people, Span::Month, today)), ["周日", "下周一"]);
    }

    #[test]
    fn the_last_week_of_the_year_reaches_into_january_and_turns_the_next_years_age() {
        // Thursday 31 December 2026: the week is Mon 28 Dec – Sun 3 Jan 2027.
        let today = d("2026-12-31");
        let people = [born("元旦", Some("1950-01-01")), born("一月三日", Some("1980-01-03")), born("一月四日", Some("1980-01-04")), born("除夕前", Some("1966-12-28"))];
        let week = birthdays(&people, Span::Week, today);
        assert_eq!(names(&week), ["除夕前", "元旦", "一月三日"]);
        assert_eq!((week[1].day, week[1].turning), (d("2027-01-01"), 77), "turns 77 in 2027, not 76");
        assert_eq!(week[0].turning, 60);
        assert_eq!(names(&birthdays(&people, Span::Month, today)), ["除夕前"], "January is next month");
        // From the January side, the same week holds last year's 28 December.
        let from_january = birthdays(&people, Span::Week, d("2027-01-02"));
        assert_eq!((from_january[0].day, from_january[0].turning), (d("2026-12-28"), 60));
    }

    #[test]
    fn the_29th_of_february_falls_on_the_28th_in_other_years() {
        let leap = [born("闰日", Some("1964-02-29"))];
        // 2027 is not a leap year: Mon 22 – Sun 28 February holds it.
        let week = birthdays(&leap, Span::Week, d("2027-02-24"));
        assert_eq!((week[0].day, week[0].turning), (d("2027-02-28"), 63));
        assert!(birthdays(&leap, Span::Week, d("2027-03-01")).is_empty(), "not moved into March");
        assert_eq!(birthdays(&leap, Span::Month, d("2027-02-01")).len(), 1);
        assert!(birthdays(&leap, Span::Month, d("2027-03-15")).is_empty());
        // A leap year keeps the day.
        assert_eq!(birthdays(&leap, Span::Month, d("2028-02-01"))[0].day, d("2028-02-29"));
    }

    #[test]
    fn no_birth_date_or_a_birthday_not_yet_had_lists_no_one() {
        let today = d("2026-12-02");
        let people = [born("没填", None), born("刚出生", Some("2026-12-01"))];
        assert!(birthdays(&people, Span::Week, today).is_empty());
        assert!(birthdays(&people, Span::Month, today).is_empty());
    }
}
