//! The store's figures and the lists behind them, computed from the customers' summary
//! rows (`search::Entry`: first and last visit, classes, amount bought) — no customer
//! record is read. Pure: `today` is passed in.

use chrono::{Datelike, NaiveDate};

use super::classify::{activity, value_class, Activity, ClassThresholds, ValueClass};
use super::customer::{EffectClass, Gender};
use super::plan::Audience;
use super::search::Entry;
use super::validation::age_on;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(day: NaiveDate) -> Self {
        Month { year: day.year(), month: day.month() }
    }

    pub fn previous(self) -> Self {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a real month")
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    /// `2026-11`, as list links carry it.
    pub fn code(self) -> String {
        format!("{}-{:02}", self.year, self.month)
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let (y, m) = code.split_once('-')?;
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Month { year, month })
    }
}

/// New customers per month by first visit, for the 12 months up to `today`'s, oldest first.
pub fn new_by_month<'a>(entries: impl IntoIterator<Item = &'a Entry>, today: NaiveDate) -> Vec<(Month, usize)> {
    let mut months = vec![Month::of(today)];
    while months.len() < 12 {
        let earlier = months.last().expect("one").previous();
        months.push(earlier);
    }
    months.reverse();
    let mut counts = vec![0usize; 12];
    for e in entries {
        if let Some(m) = e.first_visit.map(Month::of) {
            if let Some(i) = months.iter().position(|x| *x == m) {
                counts[i] += 1;
            }
        }
    }
    months.into_iter().zip(counts).collect()
}

/// Which customers a list shows; each figure on the statistics screen opens one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFilter {
    All,
    Activity(Activity),
    /// Registered but never counted as visiting (no first or last visit day).
    NeverVisited,
    Effect(Option<EffectClass>),
    Value(ValueClass),
    /// Has not bought yet.
    Prospect,
    /// First visit in this month.
    NewIn(Month),
    /// Whom a holiday greeting is for: everyone active, women, or the elderly.
    Greet(Audience),
    /// Registered while a record of possibly the same person existed.
    PossibleDuplicates,
}

impl ListFilter {
    /// The filter as a URL segment (no personal data).
    pub fn code(self) -> String {
        match self {
            ListFilter::All => "all".into(),
            ListFilter::Activity(Activity::Active) => "active".into(),
            ListFilter::Activity(Activity::Dormant) => "dormant".into(),
            ListFilter::Activity(Activity::Lost) => "lost".into(),
            ListFilter::NeverVisited => "never".into(),
            ListFilter::Effect(None) => "effect-none".into(),
            ListFilter::Effect(Some(e)) => format!("effect-{}", e.code()),
            ListFilter::Value(v) => format!("value-{}", ["A", "B", "C"][v as usize]),
            ListFilter::Prospect => "prospect".into(),
            ListFilter::NewIn(m) => format!("new-{}", m.code()),
            ListFilter::Greet(Audience::Everyone) => "greet-all".into(),
            ListFilter::Greet(Audience::Women) => "greet-women".into(),
            ListFilter::Greet(Audience::AgedAtLeast(n)) => format!("greet-age-{n}"),
            ListFilter::PossibleDuplicates => "duplicates".into(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "all" => ListFilter::All,
            "active" => ListFilter::Activity(Activity::Active),
            "dormant" => ListFilter::Activity(Activity::Dormant),
            "lost" => ListFilter::Activity(Activity::Lost),
            "never" => ListFilter::NeverVisited,
            "effect-none" => ListFilter::Effect(None),
            "prospect" => ListFilter::Prospect,
            "greet-all" => ListFilter::Greet(Audience::Everyone),
            "greet-women" => ListFilter::Greet(Audience::Women),
            "duplicates" => ListFilter::PossibleDuplicates,
            _ => {
                if let Some(e) = code.strip_prefix("effect-") {
                    ListFilter::Effect(Some(EffectClass::from_code(e)?))
                } else if let Some(v) = code.strip_prefix("value-") {
                    ListFilter::Value(ValueClass::ALL.into_iter().find(|x| ["A", "B", "C"][*x as usize] == v)?)
                } else if let Some(m) = code.strip_prefix("new-") {
                    ListFilter::NewIn(Month::from_code(m)?)
                } else if let Some(n) = code.strip_prefix("greet-age-") {
                    ListFilter::Greet(Audience::AgedAtLeast(n.parse().ok()?))
                } else {
                    return None;
                }
            }
        })
    }

    pub fn matches(self, e: &Entry, today: NaiveDate, t: &ClassThresholds) -> bool {
        let active = || activity(e.last_visit, today, t);
        match self {
            ListFilter::All => true,
            ListFilter::Activity(a) => active() == Some(a),
            ListFilter::NeverVisited => e.last_visit.is_none(),
            ListFilter::Effect(x) => e.effect == x,
            ListFilter::Value(v) => value_class(e.bought_fen, t) == Some(v),
            ListFilter::Prospect => e.bought_fen <= 0,
            ListFilter::NewIn(m) => e.first_visit.map(Month::of) == Some(m),
            ListFilter::PossibleDuplicates => e.possible_duplicate,
            ListFilter::Greet(audience) => {
                active() == Some(Activity::Active)
                    && match audience {
                        Audience::Everyone => true,
                        Audience::Women => e.gender == Some(Gender::Female),
                        Audience::AgedAtLeast(n) => e.birth_date.is_some_and(|b| age_on(b, today) >= n),
                    }
            }
        }
    }
}

/// The customers a filter picks, most recent visit first.
pub fn list<'a>(entries: impl IntoIterator<Item = &'a Entry>, filter: ListFilter, today: NaiveDate, t: &ClassThresholds) -> Vec<&'a Entry> {
    let mut out: Vec<&Entry> = entries.into_iter().filter(|e| filter.matches(e, today, t)).collect();
    super::sort::sort_by(&mut out, |a, b| b.last_visit.cmp(&a.last_visit).then_with(|| a.name.cmp(&b.name)));
    out
}

/// Customers in each activity class, and those never counted as visiting.
pub fn activity_counts<'a>(entries: impl IntoIterator<Item = &'a Entry>, today: NaiveDate, t: &ClassThresholds) -> ([usize; 3], usize) {
    let mut counts = [0usize; 3];
    let mut never = 0;
    for e in entries {
        match activity(e.last_visit, today, t) {
            Some(a) => counts[Activity::ALL.iter().position(|x| *x == a).expect("listed")] += 1,
            None => never += 1,
        }
    }
    (counts, never)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn person(id: &str, first: &str, last: &str) -> Entry {
        let mut e = Entry::new(id, id, "13800000000", Some(d(last)));
        e.first_visit = Some(d(first));
        e
    }

    #[test]
    fn new_customers_are_counted_by_the_month_of_their_first_visit_across_a_month_boundary() {
        let people = [
            person("a", "2026-10-31", "2026-10-31"),
            person("b", "2026-11-01", "2026-11-01"),
            person("c", "2026-11-30", "2026-11-30"),
            person("old", "2025-11-30", "2026-11-01"),
            person("older", "2025-10-31", "2026-01-01"),
        ];
        let months = new_by_month(&people, d("2026-11-30"));
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], (Month { year: 2025, month: 12 }, 0), "12 months: Dec 2025 – Nov 2026");
        assert_eq!(months[11], (Month { year: 2026, month: 11 }, 2));
        assert_eq!(months[10], (Month { year: 2026, month: 10 }, 1));
        assert_eq!(months.iter().map(|(_, n)| n).sum::<usize>(), 3, "Nov and Oct 2025 are outside the window");
        // In January the window crosses the year.
        let jan = new_by_month(&people, d("2027-01-05"));
        assert_eq!(jan[0].0, Month { year: 2026, month: 2 });
    }

    #[test]
    fn activity_counts_and_lists_follow_the_thresholds() {
        let t = ClassThresholds::default();
        let today = d("2026-11-23");
        let people = [
            person("active", "2026-01-01", "2026-08-25"),   // 90 days: still active
            person("dormant", "2026-01-01", "2026-08-24"),  // 91 days
            person("lost", "2025-01-01", "2026-05-26"),     // 181 days
        ];
        assert_eq!(activity_counts(&people, today, &t), ([1, 1, 1], 0));
        let lost: Vec<_> = list(&people, ListFilter::Activity(Activity::Lost), today, &t).iter().map(|e| e.id.clone()).collect();
        assert_eq!(lost, ["lost"]);
        let all: Vec<_> = list(&people, ListFilter::All, today, &t).iter().map(|e| e.id.clone()).collect();
        assert_eq!(all, ["active", "dormant", "lost"], "most recent visit first");
    }

    #[test]
    fn value_prospect_effect_and_greeting_filters() {
        let t = ClassThresholds::default();
        let today = d("2026-11-23");
        let mut rich = person("rich", "2026-01-01", "2026-11-01");
        rich.bought_fen = 1_200_000;
        rich.effect = Some(EffectClass::A);
        rich.gender = Some(Gender::Female);
        rich.birth_date = Some(d("1960-05-05"));
        let mut new = person("new", "2026-11-01", "2026-11-01");
        new.gender = Some(Gender::Male);
        let people = [rich, new];
        let ids = |f: ListFilter| list(&people, f, today, &t).iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(ListFilter::Value(ValueClass::A)), ["rich"]);
        assert_eq!(ids(ListFilter::Prospect), ["new"]);
        assert_eq!(ids(ListFilter::Effect(Some(EffectClass::A))), ["rich"]);
        assert_eq!(ids(ListFilter::Effect(None)), ["new"]);
        assert_eq!(ids(ListFilter::Greet(Audience::Women)), ["rich"]);
        assert_eq!(ids(ListFilter::Greet(Audience::AgedAtLeast(60))), ["rich"]);
        assert_eq!(ids(ListFilter::NewIn(Month { year: 2026, month: 11 })), ["new"]);
    }

    #[test]
    fn filters_survive_their_url_form() {
        let all = [
            ListFilter::All,
            ListFilter::Activity(Activity::Dormant),
            ListFilter::NeverVisited,
            ListFilter::Effect(None),
            ListFilter::Effect(Some(EffectClass::D)),
            ListFilter::Value(ValueClass::B),
            ListFilter::Prospect,
            ListFilter::NewIn(Month { year: 2026, month: 3 }),
            ListFilter::Greet(Audience::AgedAtLeast(60)),
            ListFilter::Greet(Audience::Women),
            ListFilter::PossibleDuplicates,
        ];
        for f in all {
            assert_eq!(ListFilter::from_code(&f.code()), Some(f), "{}", f.code());
        }
        for bad in ["", "x", "effect-Z", "new-2026-13", "value-", "greet-age-x"] {
            assert_eq!(ListFilter::from_code(bad), None, "{bad}");
        }
    }
}
