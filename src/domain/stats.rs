//! The store's figures and the lists behind them, computed from the customers' summary
//! rows (`search::Entry`: first and last visit, classes, amount bought) — no customer
//! record is read. Pure: `today` is passed in.

use chrono::{Datelike, NaiveDate};

use super::classify::{activity, value_class, Activity, ClassThresholds, ValueClass};
use super::customer::{EffectClass, Gender};
use super::plan::Audience;
use super::search::Entry;
use super::validation::age_on;
use super::care::{Purchase, ReturnRecord};
use super::record::Millis;

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

// ---------------------------------------------------------------------------------
// Sales: per month and per product, from the purchase records and their returns.

/// One purchase as the sales figures count it: on its day (the purchase's date, or
/// the local day it was logged when an old record has none), less what a return of it
/// gave back. A returned purchase stays in its own month at the fee kept for what was
/// used (as the value classes count it), so a month's figure is always the sum of the
/// purchases its list shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sale<'a> {
    pub purchase: &'a Purchase,
    pub day: NaiveDate,
    pub returned: Option<&'a ReturnRecord>,
}

impl Sale<'_> {
    /// Units that stayed sold: all, or those used before a return.
    pub fn units(&self) -> u32 {
        self.returned.map_or(self.purchase.quantity, |r| r.quantity_used.min(self.purchase.quantity))
    }

    /// What the store kept, in fen.
    pub fn amount_fen(&self) -> i64 {
        let total = self.purchase.total_fen();
        self.returned.map_or(total, |r| r.fee_fen().clamp(0, total))
    }

    /// What a return gave back, in fen.
    pub fn refunded_fen(&self) -> i64 {
        self.purchase.total_fen() - self.amount_fen()
    }

    pub fn month(&self) -> Month {
        Month::of(self.day)
    }

    /// The product as the figures group it (see [`product_key`]).
    pub fn product_key(&self) -> String {
        product_key(&self.purchase.product)
    }
}

/// A product's name as sales are grouped: spaces trimmed and collapsed, Latin letters
/// in lower case, full-width letters and digits as ASCII ("生发液 " and "生发液" are one
/// product). A product renamed in the settings is a new name: what was sold before
/// keeps the name it was sold under, so past figures never change.
pub fn product_key(name: &str) -> String {
    super::validation::clean_text(name)
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Purchases paired with their returns, each on its local day (`local_day` turns a
/// stored moment into the tablet's calendar day).
pub fn sales<'a>(purchases: &'a [Purchase], returns: &'a [ReturnRecord], local_day: impl Fn(Millis) -> Option<NaiveDate>) -> Vec<Sale<'a>> {
    purchases
        .iter()
        .filter_map(|p| {
            let day = p.date.or_else(|| local_day(p.meta.created_at))?;
            let returned = returns.iter().find(|r| r.purchase_id.as_deref() == Some(p.id.as_str()));
            Some(Sale { purchase: p, day, returned })
        })
        .collect()
}

/// The months the statistics show, newest first: `today`'s and the eleven before it.
pub fn last_months(today: NaiveDate, n: usize) -> Vec<Month> {
    let mut months = vec![Month::of(today)];
    while months.len() < n {
        let earlier = months.last().expect("one").previous();
        months.push(earlier);
    }
    months
}

/// How many months of sales the statistics show.
pub const SALES_MONTHS: usize = 12;

/// One month's sales.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthSales {
    pub month: Month,
    /// Kept after returns, in fen.
    pub amount_fen: i64,
    /// Purchases made (returned ones too).
    pub purchases: usize,
    /// Customers who bought.
    pub customers: usize,
    /// Purchases returned, and what went back.
    pub returned: usize,
    pub refunded_fen: i64,
}

/// Sales in each of the [`SALES_MONTHS`] months up to `today`'s, newest first.
pub fn sales_by_month(sales: &[Sale<'_>], today: NaiveDate) -> Vec<MonthSales> {
    last_months(today, SALES_MONTHS).into_iter().map(|m| month_sales(sales, m)).collect()
}

pub fn month_sales(sales: &[Sale<'_>], month: Month) -> MonthSales {
    let mut out = MonthSales { month, amount_fen: 0, purchases: 0, customers: 0, returned: 0, refunded_fen: 0 };
    let mut buyers = std::collections::BTreeSet::new();
    for s in sales.iter().filter(|s| s.month() == month) {
        out.amount_fen += s.amount_fen();
        out.purchases += 1;
        buyers.insert(s.purchase.customer_id.as_str());
        if s.returned.is_some() {
            out.returned += 1;
            out.refunded_fen += s.refunded_fen();
        }
    }
    out.customers = buyers.len();
    out
}

/// One product's sales in a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductSales {
    /// As last sold that month.
    pub name: String,
    pub units: u32,
    pub amount_fen: i64,
    pub purchases: usize,
}

/// Each product sold in `month`, the largest amount first (then by name).
pub fn products_in(sales: &[Sale<'_>], month: Month) -> Vec<ProductSales> {
    let mut by_key: Vec<(String, ProductSales, NaiveDate)> = Vec::new();
    for s in sales.iter().filter(|s| s.month() == month) {
        let key = s.product_key();
        let at = match by_key.iter().position(|(k, ..)| *k == key) {
            Some(i) => i,
            None => {
                by_key.push((key, ProductSales { name: super::validation::clean_text(&s.purchase.product), units: 0, amount_fen: 0, purchases: 0 }, s.day));
                by_key.len() - 1
            }
        };
        let (_, p, latest) = &mut by_key[at];
        p.units += s.units();
        p.amount_fen += s.amount_fen();
        p.purchases += 1;
        if s.day > *latest {
            *latest = s.day;
            p.name = super::validation::clean_text(&s.purchase.product);
        }
    }
    let mut out: Vec<ProductSales> = by_key.into_iter().map(|(_, p, _)| p).collect();
    super::sort::sort_by(&mut out, |a, b| b.amount_fen.cmp(&a.amount_fen).then_with(|| a.name.cmp(&b.name)));
    out
}

/// Which purchases a sales list shows; each sales figure opens one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SalesFilter {
    /// Every purchase of the month.
    Month(Month),
    /// The customers who bought in the month, one row each.
    Buyers(Month),
    /// The month's purchases of one product (its [`product_key`]).
    Product(Month, String),
}

impl SalesFilter {
    pub fn month(&self) -> Month {
        match self {
            SalesFilter::Month(m) | SalesFilter::Buyers(m) | SalesFilter::Product(m, _) => *m,
        }
    }

    /// As a URL segment: `2026-11`, `2026-11-buyers`, `2026-11-p-<name as hex>` (a
    /// product's name, never a person's, written as hex so any script survives).
    pub fn code(&self) -> String {
        match self {
            SalesFilter::Month(m) => m.code(),
            SalesFilter::Buyers(m) => format!("{}-buyers", m.code()),
            SalesFilter::Product(m, key) => format!("{}-p-{}", m.code(), key.bytes().map(|b| format!("{b:02x}")).collect::<String>()),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let month = Month::from_code(code.get(..7)?)?;
        let rest = code.get(7..)?;
        if rest.is_empty() {
            return Some(SalesFilter::Month(month));
        }
        if rest == "-buyers" {
            return Some(SalesFilter::Buyers(month));
        }
        let hex = rest.strip_prefix("-p-")?;
        if hex.is_empty() || hex.len() % 2 != 0 {
            return None;
        }
        let bytes = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()).collect::<Option<Vec<u8>>>()?;
        Some(SalesFilter::Product(month, String::from_utf8(bytes).ok()?))
    }

    pub fn matches(&self, s: &Sale<'_>) -> bool {
        match self {
            SalesFilter::Month(m) | SalesFilter::Buyers(m) => s.month() == *m,
            SalesFilter::Product(m, key) => s.month() == *m && s.product_key() == *key,
        }
    }
}

/// The purchases a filter picks, the latest first (then the latest logged).
pub fn sales_in<'a, 'b>(sales: &'b [Sale<'a>], filter: &SalesFilter) -> Vec<&'b Sale<'a>> {
    let mut out: Vec<&Sale> = sales.iter().filter(|s| filter.matches(s)).collect();
    super::sort::sort_by(&mut out, |a, b| b.day.cmp(&a.day).then_with(|| b.purchase.meta.created_at.cmp(&a.purchase.meta.created_at)));
    out
}

/// One customer's purchases in a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buyer {
    pub customer_id: String,
    pub purchases: usize,
    pub amount_fen: i64,
}

/// The customers who bought in `month`, the largest amount first.
pub fn buyers_in(sales: &[Sale<'_>], month: Month) -> Vec<Buyer> {
    let mut out: Vec<Buyer> = Vec::new();
    for s in sales.iter().filter(|s| s.month() == month) {
        let id = &s.purchase.customer_id;
        match out.iter_mut().find(|b| b.customer_id == *id) {
            Some(b) => {
                b.purchases += 1;
                b.amount_fen += s.amount_fen();
            }
            None => out.push(Buyer { customer_id: id.clone(), purchases: 1, amount_fen: s.amount_fen() }),
        }
    }
    super::sort::sort_by(&mut out, |a, b| b.amount_fen.cmp(&a.amount_fen).then_with(|| a.customer_id.cmp(&b.customer_id)));
    out
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

    // --- sales ---

    /// The tablet's local day at UTC+8 (China), as the clock would give it.
    fn china_day(ms: Millis) -> Option<NaiveDate> {
        chrono::DateTime::from_timestamp_millis(ms + 8 * 3_600_000).map(|t| t.date_naive())
    }

    fn bought(id: &str, who: &str, product: &str, quantity: u32, fen: i64, on: Option<&str>) -> Purchase {
        Purchase { id: id.into(), customer_id: who.into(), product: product.into(), quantity, unit_price_fen: fen, date: on.map(d), ..Default::default() }
    }

    fn m(year: i32, month: u32) -> Month {
        Month { year, month }
    }

    #[test]
    fn sales_per_month_across_the_boundary_in_local_time_with_customers_counted_once() {
        let mut undated = bought("p5", "c3", "洗发水", 1, 8_800, None);
        // Logged 31 Oct 16:30 UTC: 1 November 00:30 in China.
        undated.meta.created_at = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap().and_hms_opt(16, 30, 0).unwrap().and_utc().timestamp_millis();
        let purchases = [
            bought("p1", "c1", "生发液", 2, 29_800, Some("2026-10-31")),
            bought("p2", "c1", "生发液", 1, 29_800, Some("2026-11-01")),
            bought("p3", "c1", "护发素", 1, 5_000, Some("2026-11-30")),
            bought("p4", "c2", "生发液", 3, 29_800, Some("2026-11-15")),
            undated,
            bought("old", "c2", "生发液", 1, 29_800, Some("2025-11-30")),
        ];
        let all = sales(&purchases, &[], china_day);
        let months = sales_by_month(&all, d("2026-11-30"));
        assert_eq!(months.len(), 12);
        assert_eq!(months[0].month, m(2026, 11), "newest first");
        assert_eq!(months[11].month, m(2025, 12), "twelve months: Dec 2025 – Nov 2026");
        let nov = &months[0];
        assert_eq!((nov.amount_fen, nov.purchases, nov.customers), (29_800 + 5_000 + 89_400 + 8_800, 4, 3), "{nov:?}");
        let oct = &months[1];
        assert_eq!((oct.amount_fen, oct.purchases, oct.customers), (59_600, 1, 1));
        assert!(months.iter().all(|x| x.month != m(2025, 11)), "a year ago is outside the window");
        // Behind the month's figure: exactly its purchases, the latest first.
        let ids: Vec<_> = sales_in(&all, &SalesFilter::Month(m(2026, 11))).iter().map(|s| s.purchase.id.clone()).collect();
        assert_eq!(ids, ["p3", "p4", "p5", "p2"], "p5 and p2 on 1 Nov: the later logged first");
        let buyers: Vec<_> = buyers_in(&all, m(2026, 11)).into_iter().map(|b| (b.customer_id, b.purchases, b.amount_fen)).collect();
        assert_eq!(buyers, [("c2".to_string(), 1, 89_400), ("c1".to_string(), 2, 34_800), ("c3".to_string(), 1, 8_800)]);
    }

    #[test]
    fn a_returned_purchase_counts_the_fee_kept_in_its_own_month() {
        let purchases = [bought("p1", "c1", "生发液", 3, 29_800, Some("2026-11-02")), bought("p2", "c2", "生发液", 1, 29_800, Some("2026-11-03"))];
        // p1 returned with one bottle used; p2 returned unused.
        let returns = [
            ReturnRecord { purchase_id: Some("p1".into()), quantity_used: 1, unit_price_fen: 29_800, ..Default::default() },
            ReturnRecord { purchase_id: Some("p2".into()), quantity_used: 0, unit_price_fen: 29_800, ..Default::default() },
            ReturnRecord { purchase_id: Some("elsewhere".into()), quantity_used: 0, unit_price_fen: 100, ..Default::default() },
        ];
        let all = sales(&purchases, &returns, china_day);
        let nov = month_sales(&all, m(2026, 11));
        assert_eq!((nov.amount_fen, nov.purchases, nov.returned, nov.refunded_fen), (29_800, 2, 2, 59_600 + 29_800));
        let products = products_in(&all, m(2026, 11));
        assert_eq!((products[0].units, products[0].amount_fen, products[0].purchases), (1, 29_800, 2));
        // The figure equals the sum over its list.
        let listed: i64 = sales_in(&all, &SalesFilter::Month(m(2026, 11))).iter().map(|s| s.amount_fen()).sum();
        assert_eq!(listed, nov.amount_fen);
    }

    #[test]
    fn per_product_units_and_amount_for_the_chosen_month_and_a_renamed_product() {
        // 生发液 was renamed 生发精华液 in the settings on 15 November.
        let purchases = [
            bought("a", "c1", "生发液", 2, 29_800, Some("2026-11-02")),
            bought("b", "c2", " 生发液 ", 1, 29_800, Some("2026-11-10")),
            bought("c", "c1", "生发精华液", 1, 32_800, Some("2026-11-20")),
            bought("d", "c3", "Biotin 片", 2, 1_000, Some("2026-11-21")),
            bought("e", "c3", "ｂｉｏｔｉｎ  片", 1, 1_000, Some("2026-11-22")),
            bought("f", "c2", "生发液", 5, 29_800, Some("2026-10-30")),
        ];
        let all = sales(&purchases, &[], china_day);
        let nov: Vec<_> = products_in(&all, m(2026, 11)).into_iter().map(|p| (p.name, p.units, p.amount_fen)).collect();
        assert_eq!(
            nov,
            [("生发液".to_string(), 3, 89_400), ("生发精华液".to_string(), 1, 32_800), ("ｂｉｏｔｉｎ 片".to_string(), 3, 3_000)],
            "sold before the rename stays under the old name; spaces and full-width letters are one product (named as last sold)"
        );
        assert_eq!(products_in(&all, m(2026, 11)).iter().map(|p| p.amount_fen).sum::<i64>(), month_sales(&all, m(2026, 11)).amount_fen);
        let oct = products_in(&all, m(2026, 10));
        assert_eq!((oct.len(), oct[0].units), (1, 5), "October is its own");
        // Behind a product's figure: that product's purchases in that month only.
        let filter = SalesFilter::Product(m(2026, 11), product_key("生发液"));
        let ids: Vec<_> = sales_in(&all, &filter).iter().map(|s| s.purchase.id.clone()).collect();
        assert_eq!(ids, ["b", "a"]);
    }

    #[test]
    fn sales_filters_survive_their_url_form() {
        for f in [
            SalesFilter::Month(m(2026, 1)),
            SalesFilter::Buyers(m(2026, 12)),
            SalesFilter::Product(m(2026, 11), product_key("生发液 Biotin")),
            SalesFilter::Product(m(2026, 11), "a-b/c?d".into()),
        ] {
            let code = f.code();
            assert!(code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'), "{code}");
            assert_eq!(SalesFilter::from_code(&code), Some(f), "{code}");
        }
        for bad in ["", "2026-13", "2026-11-", "2026-11-buyer", "2026-11-p-", "2026-11-p-e", "2026-11-p-zz", "2026-11-p-ff"] {
            assert_eq!(SalesFilter::from_code(bad), None, "{bad}");
        }
    }
}
