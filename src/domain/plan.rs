//! Follow-up plans (回访计划): the store's rules turn one customer's history — first
//! visit, purchases, the follow-up log — into what is due next and why.
//!
//! Every rule is a *stream* that yields at most one open item: the first occurrence
//! not yet covered by a logged contact. A contact covers every occurrence due on or
//! before its day (a call made late still counts), so logging one follow-up moves each
//! stream on. Repeating streams ("every 3 days") count from the latest contact of the
//! kind they need. Nothing here reads the clock: plans are computed from dates alone
//! and stored; the today list filters them by `today`.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::care::{ContactMethod, Purchase, UsePlace};
use crate::i18n::{Msg, T};

/// A product the store sells, and how many days one unit lasts a customer using it as
/// directed (for the run-out reminder).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Product {
    pub name: String,
    pub days_per_unit: u32,
    /// The usual price of one unit, in fen, offered when a purchase is logged.
    pub unit_price_fen: i64,
}

/// The follow-up rules from the stores' documents, as numbers a store may change.
/// A number 0 turns its rule off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpRules {
    /// After a purchase used at home: calls this many days later (the day after: how to
    /// open and use it; a week: how it goes).
    pub home_use_days: Vec<u32>,
    /// After a purchase used in the store (or not said): after-sales calls.
    pub after_sales_days: Vec<u32>,
    /// How long after the first visit a customer counts as new.
    pub new_customer_days: u32,
    pub new_call_every_days: u32,
    pub new_home_visit_every_days: u32,
    /// An instrument re-check (到店拍照复查) this often while new.
    pub new_recheck_every_days: u32,
    /// The invitation to the service centre, this many days after the first visit.
    pub invite_after_days: u32,
    /// Old customers: at least one call and one visit (到店 or 上门) this often.
    pub old_call_every_days: u32,
    pub old_visit_every_days: u32,
    /// Call this many days before a product is estimated to run out.
    pub run_out_warn_days: u32,
    pub birthdays: bool,
    pub holidays: bool,
    /// Holidays show this many days ahead, so greetings can be prepared.
    pub holiday_lead_days: u32,
}

impl Default for FollowUpRules {
    fn default() -> Self {
        Self {
            home_use_days: vec![1, 7],
            after_sales_days: vec![2, 7, 20],
            new_customer_days: 30,
            new_call_every_days: 3,
            new_home_visit_every_days: 14,
            new_recheck_every_days: 30,
            invite_after_days: 30,
            old_call_every_days: 30,
            old_visit_every_days: 30,
            run_out_warn_days: 3,
            birthdays: true,
            holidays: true,
            holiday_lead_days: 3,
        }
    }
}

/// Why a follow-up is due. Stored in plan rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Reason {
    /// The n-th day after a purchase used at home (`home`) or in the store.
    AfterPurchase { day: u32, home: bool },
    NewCustomerCall,
    NewCustomerHomeVisit,
    NewCustomerRecheck,
    ServiceCentreInvite,
    OldCustomerCall,
    OldCustomerVisit,
    /// The product is estimated to run out on `on`.
    RunOut { product: String, on: NaiveDate },
    Birthday,
    /// The next date staff agreed when they logged the last follow-up.
    Agreed,
}

impl Reason {
    /// What staff read on the today list; `today` words the run-out ("3天内用完").
    pub fn label(&self, today: NaiveDate) -> Msg {
        match self {
            Reason::AfterPurchase { day: 1, home: true } => {
                Msg::new(T::ReasonFirstDay)
            }
            Reason::AfterPurchase { day, home: true } => {
                Msg::new(T::ReasonHomeDay).arg(*day)
            }
            Reason::AfterPurchase { day, home: false } => {
                Msg::new(T::ReasonAfterSales).arg(*day)
            }
            Reason::NewCustomerCall => Msg::new(T::ReasonNewCall),
            Reason::NewCustomerHomeVisit => Msg::new(T::ReasonNewHomeVisit),
            Reason::NewCustomerRecheck => Msg::new(T::ReasonNewRecheck),
            Reason::ServiceCentreInvite => Msg::new(T::ReasonInvite),
            Reason::OldCustomerCall => Msg::new(T::ReasonOldCall),
            Reason::OldCustomerVisit => Msg::new(T::ReasonOldVisit),
            Reason::RunOut { product, on } => {
                let days = (*on - today).num_days();
                if days > 0 {
                    Msg::new(T::ReasonRunsOutWithin).arg(product).arg(days)
                } else if days == 0 {
                    Msg::new(T::ReasonRunsOutToday).arg(product)
                } else {
                    Msg::new(T::ReasonRanOut).arg(product)
                }
            }
            Reason::Birthday => Msg::new(T::ReasonBirthday),
            Reason::Agreed => Msg::new(T::ReasonAgreed),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    pub due: NaiveDate,
    pub reason: Reason,
    /// How the documents say to do it; staff choose when they log it.
    pub method: ContactMethod,
}

/// One logged follow-up as the plan sees it: its local day, how, and the next date
/// agreed then.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contact {
    pub on: NaiveDate,
    pub method: Option<ContactMethod>,
    pub next_due: Option<NaiveDate>,
}

/// What a plan is made from.
#[derive(Clone, Copy, Debug)]
pub struct History<'a> {
    pub first_visit: Option<NaiveDate>,
    pub last_visit: Option<NaiveDate>,
    pub purchases: &'a [Purchase],
    /// In the order they were logged.
    pub contacts: &'a [Contact],
}

/// A customer's plan as stored (one row per customer, keyed by the customer's id).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    pub customer_id: String,
    /// The earliest due date of `items`: the today list reads plans by it.
    pub next_due: Option<NaiveDate>,
    /// Earliest first.
    pub items: Vec<PlanItem>,
    pub last_contact: Option<NaiveDate>,
    pub last_visit: Option<NaiveDate>,
}

fn add(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days))).unwrap_or(day)
}

/// The first of `occurrences` not covered by a contact on or before `done_through`.
fn first_open(occurrences: impl IntoIterator<Item = NaiveDate>, done_through: Option<NaiveDate>) -> Option<NaiveDate> {
    occurrences.into_iter().find(|d| done_through.map_or(true, |l| *d > l))
}

/// The latest contact made in one of `methods` (any method when empty).
fn last_contact(contacts: &[Contact], methods: &[ContactMethod]) -> Option<NaiveDate> {
    contacts
        .iter()
        .filter(|c| methods.is_empty() || c.method.is_some_and(|m| methods.contains(&m)))
        .map(|c| c.on)
        .max()
}

/// When each product bought for use at home runs out, following the purchases in date
/// order: a purchase made before the last one ran out adds to the supply.
pub fn run_out_dates(purchases: &[Purchase], products: &[Product]) -> Vec<(String, NaiveDate)> {
    let mut out: Vec<(String, NaiveDate)> = Vec::new();
    let mut sorted: Vec<&Purchase> = purchases.iter().filter(|p| p.date.is_some() && p.use_place != Some(UsePlace::Store)).collect();
    super::sort::sort_by_key(&mut sorted, |p| p.date);
    for p in sorted {
        let key = p.product.trim();
        let Some(product) = products.iter().find(|x| x.name.trim() == key && x.days_per_unit > 0) else { continue };
        let bought = p.date.expect("filtered");
        let supply = product.days_per_unit.saturating_mul(p.quantity);
        match out.iter_mut().find(|(name, _)| name == key) {
            Some((_, end)) => *end = add((*end).max(bought), supply),
            None => out.push((key.to_string(), add(bought, supply))),
        }
    }
    out
}

/// The customer's plan: one open item per rule, earliest first.
pub fn plan(customer_id: &str, h: &History<'_>, rules: &FollowUpRules, products: &[Product]) -> Plan {
    use ContactMethod::{HomeVisit, InStore, Phone};
    let any = last_contact(h.contacts, &[]);
    // A visit is the customer in the store (their last visit) or staff at their home.
    let met = last_contact(h.contacts, &[InStore, HomeVisit]).max(h.last_visit);
    let mut items = Vec::new();
    let mut push = |due: Option<NaiveDate>, reason: Reason, method: ContactMethod| {
        if let Some(due) = due {
            items.push(PlanItem { due, reason, method });
        }
    };

    // After the latest purchase of each kind: the fixed calls not made yet.
    for home in [true, false] {
        let latest = h.purchases.iter().filter(|p| (p.use_place == Some(UsePlace::Home)) == home).filter_map(|p| p.date).max();
        let days = if home { &rules.home_use_days } else { &rules.after_sales_days };
        if let Some(bought) = latest {
            let open = days.iter().filter(|d| **d > 0).map(|d| (*d, add(bought, *d))).find(|(_, at)| any.map_or(true, |l| *at > l));
            if let Some((day, at)) = open {
                push(Some(at), Reason::AfterPurchase { day, home }, Phone);
            }
        }
    }

    if let Some(first) = h.first_visit {
        let new_until = add(first, rules.new_customer_days);
        // Every `every` days since the later of the first visit and the last contact
        // that counts, while the customer is new.
        let every_while_new = |every: u32, since: Option<NaiveDate>| {
            (every > 0).then(|| add(since.map_or(first, |s| s.max(first)), every)).filter(|d| *d <= new_until)
        };
        push(every_while_new(rules.new_call_every_days, any), Reason::NewCustomerCall, Phone);
        push(every_while_new(rules.new_home_visit_every_days, last_contact(h.contacts, &[HomeVisit])), Reason::NewCustomerHomeVisit, HomeVisit);
        push(every_while_new(rules.new_recheck_every_days, last_contact(h.contacts, &[InStore]).max(h.last_visit)), Reason::NewCustomerRecheck, InStore);
        if rules.invite_after_days > 0 {
            push(first_open([add(first, rules.invite_after_days)], any), Reason::ServiceCentreInvite, Phone);
        }
        // Old customers: from the end of the new period on.
        let old_from = add(new_until, 1);
        let every_once_old = |every: u32, since: Option<NaiveDate>| (every > 0).then(|| add(since.unwrap_or(first), every).max(old_from));
        push(every_once_old(rules.old_call_every_days, any.max(h.last_visit)), Reason::OldCustomerCall, Phone);
        push(every_once_old(rules.old_visit_every_days, met), Reason::OldCustomerVisit, InStore);
    }

    if rules.run_out_warn_days > 0 {
        for (product, on) in run_out_dates(h.purchases, products) {
            let warn = on.checked_sub_days(Days::new(u64::from(rules.run_out_warn_days))).unwrap_or(on);
            push(first_open([warn], any), Reason::RunOut { product, on }, Phone);
        }
    }

    // The date agreed at the latest contact stands until another contact is logged.
    if let Some(agreed) = h.contacts.iter().max_by_key(|c| c.on).and_then(|c| c.next_due) {
        push(Some(agreed), Reason::Agreed, Phone);
    }

    super::sort::sort_by_key(&mut items, |i| i.due);
    Plan {
        customer_id: customer_id.to_string(),
        next_due: items.first().map(|i| i.due),
        items,
        last_contact: any,
        last_visit: h.last_visit,
    }
}

/// This year's birthday for someone born on `birth`; 29 February falls on 28 February
/// in other years.
pub fn birthday_in(birth: NaiveDate, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .expect("28 February exists every year")
}

/// How many days a birthday greeting stays on the list after the day if not made, and
/// how early a greeting counts.
pub const BIRTHDAY_GRACE_DAYS: u64 = 3;

/// A birthday greeting due around `today`: from the birthday itself until
/// [`BIRTHDAY_GRACE_DAYS`] after, unless a contact in the days around it covered it.
pub fn birthday_due(birth: NaiveDate, last_contact: Option<NaiveDate>, today: NaiveDate) -> Option<PlanItem> {
    [today.year(), today.year() - 1]
        .into_iter()
        .map(|y| birthday_in(birth, y))
        .find(|b| *b <= today && today <= *b + Days::new(BIRTHDAY_GRACE_DAYS) && *b > birth)
        .filter(|b| last_contact.map_or(true, |l| l < *b - Days::new(BIRTHDAY_GRACE_DAYS)))
        .map(|due| PlanItem { due, reason: Reason::Birthday, method: ContactMethod::Phone })
}

/// The holidays the stores greet customers on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    NewYear,
    SpringFestival,
    WomensDay,
    LabourDay,
    MidAutumn,
    DoubleNinth,
    NationalDay,
}

/// Who a holiday greeting is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    Women,
    /// 重阳节 is the day of the elderly.
    AgedAtLeast(u32),
}

impl Holiday {
    pub const ALL: [Holiday; 7] = [
        Holiday::NewYear,
        Holiday::SpringFestival,
        Holiday::WomensDay,
        Holiday::LabourDay,
        Holiday::MidAutumn,
        Holiday::DoubleNinth,
        Holiday::NationalDay,
    ];

    pub fn audience(self) -> Audience {
        match self {
            Holiday::WomensDay => Audience::Women,
            Holiday::DoubleNinth => Audience::AgedAtLeast(60),
            _ => Audience::Everyone,
        }
    }
}

/// Lunar-calendar holidays by Gregorian date, 2024–2035 (from the published
/// calendars). After 2035 only the fixed-date holidays show until the table grows.
const LUNAR: &[(Holiday, [(i32, u32, u32); 12])] = &[
    (
        Holiday::SpringFestival,
        [(2024, 2, 10), (2025, 1, 29), (2026, 2, 17), (2027, 2, 6), (2028, 1, 26), (2029, 2, 13), (2030, 2, 3), (2031, 1, 23), (2032, 2, 11), (2033, 1, 31), (2034, 2, 19), (2035, 2, 8)],
    ),
    (
        Holiday::MidAutumn,
        [(2024, 9, 17), (2025, 10, 6), (2026, 9, 25), (2027, 9, 15), (2028, 10, 3), (2029, 9, 22), (2030, 9, 12), (2031, 10, 1), (2032, 9, 19), (2033, 9, 8), (2034, 9, 27), (2035, 9, 16)],
    ),
    (
        Holiday::DoubleNinth,
        [(2024, 10, 11), (2025, 10, 29), (2026, 10, 18), (2027, 10, 8), (2028, 10, 26), (2029, 10, 16), (2030, 10, 5), (2031, 10, 24), (2032, 10, 12), (2033, 10, 1), (2034, 10, 20), (2035, 10, 9)],
    ),
];

/// The holidays of `year`, in date order.
pub fn holidays_of(year: i32) -> Vec<(Holiday, NaiveDate)> {
    let fixed = [(Holiday::NewYear, 1, 1), (Holiday::WomensDay, 3, 8), (Holiday::LabourDay, 5, 1), (Holiday::NationalDay, 10, 1)];
    let mut out: Vec<(Holiday, NaiveDate)> =
        fixed.iter().filter_map(|(h, m, d)| NaiveDate::from_ymd_opt(year, *m, *d).map(|day| (*h, day))).collect();
    for (holiday, days) in LUNAR {
        out.extend(days.iter().filter(|(y, _, _)| *y == year).filter_map(|(y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d)).map(|day| (*holiday, day)));
    }
    super::sort::sort_by_key(&mut out, |(_, day)| *day);
    out
}

/// Holidays from today to `lead_days` ahead: greetings to prepare or make.
pub fn holidays_near(today: NaiveDate, lead_days: u32) -> Vec<(Holiday, NaiveDate)> {
    let until = add(today, lead_days);
    [today.year(), today.year() + 1]
        .into_iter()
        .flat_map(holidays_of)
        .filter(|(_, day)| *day >= today && *day <= until)
        .collect()
}

/// The plan's items that have not lapsed by `today` (due or coming), earliest first.
pub fn current_items(plan: &Plan, today: NaiveDate) -> impl Iterator<Item = &PlanItem> {
    let lapsed_before = today.checked_sub_days(Days::new(LAPSE_DAYS)).unwrap_or(today);
    plan.items.iter().filter(move |i| i.due >= lapsed_before || i.reason == Reason::Agreed)
}

/// An item more than this many days overdue has lapsed (a day-after call a year later
/// means nothing); the regular monthly rules take over. Agreed dates never lapse.
pub const LAPSE_DAYS: u64 = 30;

/// What the today list shows for one customer: the items due by `today`, earliest
/// first, without lapsed ones. Regular-customer items are left out for a customer who
/// is lost (they are on the win-back list instead).
pub fn due_items(plan: &Plan, today: NaiveDate, lost: bool) -> Vec<PlanItem> {
    current_items(plan, today)
        .filter(|i| i.due <= today)
        .filter(|i| !(lost && matches!(i.reason, Reason::OldCustomerCall | Reason::OldCustomerVisit)))
        .cloned()
        .collect()
}

/// The rules, products and class thresholds as typed on the settings screen: numbers
/// as text, day lists as "1, 7".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RulesForm {
    /// Field name → text, in the order of [`RulesForm::NUMBERS`] plus the two lists.
    pub text: std::collections::BTreeMap<&'static str, String>,
    pub birthdays: bool,
    pub holidays: bool,
}

/// The most days a rule may count.
pub const MAX_RULE_DAYS: u32 = 3650;

impl RulesForm {
    /// The single-number fields.
    pub const NUMBERS: [&'static str; 12] = [
        "new_customer_days",
        "new_call_every_days",
        "new_home_visit_every_days",
        "new_recheck_every_days",
        "invite_after_days",
        "old_call_every_days",
        "old_visit_every_days",
        "run_out_warn_days",
        "holiday_lead_days",
        "active_days",
        "dormant_days",
        "value_a",
    ];

    pub fn from_settings(r: &FollowUpRules, t: &super::classify::ClassThresholds) -> Self {
        let list = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        let mut text = std::collections::BTreeMap::new();
        for (k, v) in [
            ("home_use_days", list(&r.home_use_days)),
            ("after_sales_days", list(&r.after_sales_days)),
            ("new_customer_days", r.new_customer_days.to_string()),
            ("new_call_every_days", r.new_call_every_days.to_string()),
            ("new_home_visit_every_days", r.new_home_visit_every_days.to_string()),
            ("new_recheck_every_days", r.new_recheck_every_days.to_string()),
            ("invite_after_days", r.invite_after_days.to_string()),
            ("old_call_every_days", r.old_call_every_days.to_string()),
            ("old_visit_every_days", r.old_visit_every_days.to_string()),
            ("run_out_warn_days", r.run_out_warn_days.to_string()),
            ("holiday_lead_days", r.holiday_lead_days.to_string()),
            ("active_days", t.active_days.to_string()),
            ("dormant_days", t.dormant_days.to_string()),
            ("value_a", super::care::yuan_field(t.value_a_fen)),
            ("value_b", super::care::yuan_field(t.value_b_fen)),
        ] {
            text.insert(k, v);
        }
        RulesForm { text, birthdays: r.birthdays, holidays: r.holidays }
    }

    /// The rules and thresholds, or the problems by field.
    pub fn check(&self) -> Result<(FollowUpRules, super::classify::ClassThresholds), Vec<(&'static str, Msg)>> {
        let mut out = Vec::new();
        let get = |k: &str| self.text.get(k).map(|s| s.trim().replace('，', ",")).unwrap_or_default();
        let days_msg = || Msg::new(T::WholeNumberRange).arg(0).arg(MAX_RULE_DAYS);
        let mut number = |k: &'static str| match get(k).parse::<u32>() {
            Ok(n) if n <= MAX_RULE_DAYS => n,
            _ => {
                out.push((k, days_msg()));
                0
            }
        };
        let mut r = FollowUpRules {
            new_customer_days: number("new_customer_days"),
            new_call_every_days: number("new_call_every_days"),
            new_home_visit_every_days: number("new_home_visit_every_days"),
            new_recheck_every_days: number("new_recheck_every_days"),
            invite_after_days: number("invite_after_days"),
            old_call_every_days: number("old_call_every_days"),
            old_visit_every_days: number("old_visit_every_days"),
            run_out_warn_days: number("run_out_warn_days"),
            holiday_lead_days: number("holiday_lead_days"),
            birthdays: self.birthdays,
            holidays: self.holidays,
            ..FollowUpRules::default()
        };
        let active = number("active_days");
        let dormant = number("dormant_days");
        for (k, slot) in [("home_use_days", &mut r.home_use_days), ("after_sales_days", &mut r.after_sales_days)] {
            let parsed: Option<Vec<u32>> =
                get(k).split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| s.parse::<u32>().ok().filter(|n| (1..=MAX_RULE_DAYS).contains(n))).collect();
            match parsed {
                Some(mut days) => {
                    days.sort_unstable();
                    days.dedup();
                    *slot = days;
                }
                None => out.push((k, Msg::new(T::DaysList))),
            }
        }
        if active > 0 && dormant <= active {
            out.push(("dormant_days", Msg::new(T::DormantAfterActive)));
        }
        let money = |k: &'static str, out: &mut Vec<(&'static str, Msg)>| match super::care::parse_yuan(&get(k)) {
            Some(f) => f,
            None => {
                out.push((k, Msg::new(T::AmountExample).arg(3000)));
                0
            }
        };
        let value_a_fen = money("value_a", &mut out);
        let value_b_fen = money("value_b", &mut out);
        if value_b_fen >= value_a_fen && !out.iter().any(|(k, _)| k.starts_with("value")) {
            out.push(("value_b", Msg::new(T::ValueBBelowA)));
        }
        let thresholds = super::classify::ClassThresholds { active_days: i64::from(active), dormant_days: i64::from(dormant), value_a_fen, value_b_fen };
        if out.is_empty() {
            Ok((r, thresholds))
        } else {
            Err(out)
        }
    }
}

/// Checks a product typed on the settings screen.
pub fn check_product(name: &str, days: &str, price: &str, existing: &[Product]) -> Result<Product, Vec<(&'static str, Msg)>> {
    let mut out = Vec::new();
    let name = super::validation::clean_text(name);
    if name.is_empty() || name.chars().count() > 40 {
        out.push(("product_name", Msg::new(T::ProductNameMissing)));
    } else if existing.iter().any(|p| p.name == name) {
        out.push(("product_name", Msg::new(T::ProductListed)));
    }
    let days_per_unit = match days.trim().parse::<u32>() {
        Ok(d) if (1..=MAX_RULE_DAYS).contains(&d) => d,
        _ => {
            out.push(("product_days", Msg::new(T::WholeNumberRange).arg(1).arg(MAX_RULE_DAYS)));
            0
        }
    };
    let unit_price_fen = if price.trim().is_empty() {
        0
    } else {
        super::care::parse_yuan(price).unwrap_or_else(|| {
            out.push(("product_price", Msg::new(T::AmountExample).arg(298)));
            0
        })
    };
    if out.is_empty() {
        Ok(Product { name, days_per_unit, unit_price_fen })
    } else {
        Err(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn bought(product: &str, quantity: u32, on: &str, place: UsePlace) -> Purchase {
        Purchase { product: product.into(), quantity, date: Some(d(on)), use_place: Some(place), unit_price_fen: 29_800, ..Default::default() }
    }

    fn call(on: &str) -> Contact {
        Contact { on: d(on), method: Some(ContactMethod::Phone), next_due: None }
    }

    fn items(p: &Plan) -> Vec<(NaiveDate, Reason)> {
        p.items.iter().map(|i| (i.due, i.reason.clone())).collect()
    }

    fn only<'a>(p: &'a Plan, pick: impl Fn(&Reason) -> bool) -> Vec<NaiveDate> {
        p.items.iter().filter(|i| pick(&i.reason)).map(|i| i.due).collect()
    }

    /// No first visit: only the purchase rules speak.
    fn plan_of(purchases: &[Purchase], contacts: &[Contact]) -> Plan {
        let h = History { first_visit: None, last_visit: None, purchases, contacts };
        plan("c1", &h, &FollowUpRules::default(), &[])
    }

    #[test]
    fn home_use_calls_the_day_after_then_after_a_week() {
        let p = [bought("生发液", 1, "2026-11-02", UsePlace::Home)];
        assert_eq!(items(&plan_of(&p, &[])), [(d("2026-11-03"), Reason::AfterPurchase { day: 1, home: true })]);
        // The day-1 call made: the week call is next.
        let after_first = plan_of(&p, &[call("2026-11-03")]);
        assert_eq!(items(&after_first), [(d("2026-11-09"), Reason::AfterPurchase { day: 7, home: true })]);
        // A late call on day 10 covers both.
        assert!(plan_of(&p, &[call("2026-11-12")]).items.is_empty());
        // The label staff read.
        assert_eq!(Reason::AfterPurchase { day: 1, home: true }.label(d("2026-11-03")).get(Lang::Zh), "购买后第1天：开封使用指导");
    }

    #[test]
    fn store_purchases_get_after_sales_calls_at_2_7_and_20_days() {
        let p = [bought("头皮护理疗程", 1, "2026-11-01", UsePlace::Store)];
        let due = |contacts: &[Contact]| plan_of(&p, contacts).items.first().map(|i| i.due);
        assert_eq!(due(&[]), Some(d("2026-11-03")));
        assert_eq!(due(&[call("2026-11-03")]), Some(d("2026-11-08")));
        assert_eq!(due(&[call("2026-11-08")]), Some(d("2026-11-21")));
        assert_eq!(due(&[call("2026-11-21")]), None);
    }

    #[test]
    fn a_new_customer_gets_calls_every_3_days_visits_every_2_weeks_and_a_recheck_and_invitation_at_a_month() {
        let rules = FollowUpRules::default();
        let first = d("2026-11-01");
        let fresh = History { first_visit: Some(first), last_visit: Some(first), purchases: &[], contacts: &[] };
        let p = plan("c1", &fresh, &rules, &[]);
        assert_eq!(only(&p, |r| *r == Reason::NewCustomerCall), [d("2026-11-04")]);
        assert_eq!(only(&p, |r| *r == Reason::NewCustomerHomeVisit), [d("2026-11-15")]);
        assert_eq!(only(&p, |r| *r == Reason::NewCustomerRecheck), [d("2026-12-01")]);
        assert_eq!(only(&p, |r| *r == Reason::ServiceCentreInvite), [d("2026-12-01")]);
        assert_eq!(p.next_due, Some(d("2026-11-04")));

        // A call on the 5th: the next call 3 days after it; a call does not count as a home visit.
        let contacts = [call("2026-11-05")];
        let p = plan("c1", &History { contacts: &contacts, ..fresh }, &rules, &[]);
        assert_eq!(only(&p, |r| *r == Reason::NewCustomerCall), [d("2026-11-08")]);
        assert_eq!(only(&p, |r| *r == Reason::NewCustomerHomeVisit), [d("2026-11-15")]);
        let visited = [Contact { on: d("2026-11-14"), method: Some(ContactMethod::HomeVisit), next_due: None }];
        let p = plan("c1", &History { contacts: &visited, ..fresh }, &rules, &[]);
        assert_eq!(only(&p, |r| *r == Reason::NewCustomerHomeVisit), [d("2026-11-28")]);

        // Late in the month, the new-customer calls stop at the end of the period.
        let late = [call("2026-11-29")];
        let p = plan("c1", &History { contacts: &late, ..fresh }, &rules, &[]);
        assert!(only(&p, |r| *r == Reason::NewCustomerCall).is_empty(), "12-02 is past the 30 days");
    }

    #[test]
    fn an_old_customer_gets_a_call_and_a_visit_each_month() {
        let rules = FollowUpRules::default();
        let contacts = [call("2026-10-10")];
        let h = History { first_visit: Some(d("2025-03-01")), last_visit: Some(d("2026-10-20")), purchases: &[], contacts: &contacts };
        let p = plan("c1", &h, &rules, &[]);
        // The call counts from the later of the last call and the last visit.
        assert_eq!(only(&p, |r| *r == Reason::OldCustomerCall), [d("2026-11-19")]);
        assert_eq!(only(&p, |r| *r == Reason::OldCustomerVisit), [d("2026-11-19")]);
        assert!(only(&p, |r| matches!(r, Reason::NewCustomerCall | Reason::ServiceCentreInvite)).is_empty());
        // A home visit is a visit too.
        let contacts = [Contact { on: d("2026-11-02"), method: Some(ContactMethod::HomeVisit), next_due: None }];
        let p = plan("c1", &History { contacts: &contacts, ..h }, &rules, &[]);
        assert_eq!(only(&p, |r| *r == Reason::OldCustomerVisit), [d("2026-12-02")]);
        // Lost customers leave the regular calls to the win-back list: on a day when
        // both are due for a customer who is not lost, neither shows for a lost one.
        let regular = |i: &PlanItem| matches!(i.reason, Reason::OldCustomerCall | Reason::OldCustomerVisit);
        let due_then = due_items(&p, d("2026-12-05"), false);
        assert_eq!(due_then.iter().filter(|i| regular(i)).count(), 2, "{due_then:?}");
        assert!(!due_items(&p, d("2026-12-05"), true).iter().any(regular));
        assert!(!due_items(&p, d("2026-12-03"), false).is_empty());
        // More than 30 days late, an item has lapsed.
        assert!(due_items(&p, d("2027-06-01"), false).is_empty());
    }

    #[test]
    fn run_out_follows_several_purchases_and_warns_3_days_ahead() {
        let products = [Product { name: "生发液".into(), days_per_unit: 30, unit_price_fen: 29_800 }];
        // 2 bottles on 1 Oct last until 30 Nov; 1 more bought on 20 Oct adds 30 days: 30 Dec.
        let p = [bought("生发液", 2, "2026-10-01", UsePlace::Home), bought("生发液", 1, "2026-10-20", UsePlace::Home)];
        assert_eq!(run_out_dates(&p, &products), [("生发液".to_string(), d("2026-12-30"))]);
        // Bought after the supply ran out: counts from the new purchase.
        let gap = [bought("生发液", 1, "2026-01-01", UsePlace::Home), bought("生发液", 1, "2026-03-01", UsePlace::Home)];
        assert_eq!(run_out_dates(&gap, &products), [("生发液".to_string(), d("2026-03-31"))]);
        // Unknown products and in-store use have no run-out.
        assert!(run_out_dates(&[bought("洗发水", 1, "2026-10-01", UsePlace::Home), bought("生发液", 1, "2026-10-01", UsePlace::Store)], &products).is_empty());

        let contacts = [call("2026-10-27")];
        let h = History { first_visit: None, last_visit: None, purchases: &p, contacts: &contacts };
        let plan = plan("c1", &h, &FollowUpRules::default(), &products);
        let run_out: Vec<_> = plan.items.iter().filter(|i| matches!(i.reason, Reason::RunOut { .. })).collect();
        assert_eq!(run_out.len(), 1);
        assert_eq!(run_out[0].due, d("2026-12-27"));
        assert_eq!(run_out[0].reason.label(d("2026-12-27")).get(Lang::Zh), "生发液将在3天内用完");
        assert_eq!(run_out[0].reason.label(d("2027-01-02")).get(Lang::Zh), "生发液已经用完");
        // A call after the warning day covers it.
        let late = [call("2026-12-28")];
        let plan2 = super::plan("c1", &History { contacts: &late, ..h }, &FollowUpRules::default(), &products);
        assert!(plan2.items.iter().all(|i| !matches!(i.reason, Reason::RunOut { .. })));
    }

    #[test]
    fn the_date_agreed_at_the_last_contact_is_due_until_the_next_contact() {
        let contacts = [Contact { on: d("2026-11-01"), method: Some(ContactMethod::Phone), next_due: Some(d("2026-11-20")) }];
        let p = plan_of(&[], &contacts);
        assert_eq!(items(&p), [(d("2026-11-20"), Reason::Agreed)]);
        let later = [contacts[0], call("2026-11-20")];
        assert!(plan_of(&[], &later).items.is_empty());
        assert_eq!(p.last_contact, Some(d("2026-11-01")));
    }

    #[test]
    fn birthdays_are_due_on_the_day_for_three_days_and_29_february_falls_on_the_28th() {
        let birth = d("1960-02-29");
        assert_eq!(birthday_in(birth, 2027), d("2027-02-28"));
        assert_eq!(birthday_in(birth, 2028), d("2028-02-29"));
        assert_eq!(birthday_due(birth, None, d("2027-02-28")).map(|i| i.due), Some(d("2027-02-28")));
        assert_eq!(birthday_due(birth, None, d("2027-03-03")).map(|i| i.due), Some(d("2027-02-28")), "3 days late still shows");
        assert!(birthday_due(birth, None, d("2027-03-04")).is_none());
        assert!(birthday_due(birth, None, d("2027-02-27")).is_none(), "not before the day");
        // A call a day before or on the day covers it.
        assert!(birthday_due(birth, Some(d("2027-02-27")), d("2027-02-28")).is_none());
        // Around New Year: last year's birthday.
        assert_eq!(birthday_due(d("1970-12-31"), None, d("2027-01-02")).map(|i| i.due), Some(d("2026-12-31")));
        // Not the day they were born.
        assert!(birthday_due(d("2026-11-23"), None, d("2026-11-23")).is_none());
    }

    #[test]
    fn holidays_show_a_few_days_ahead_with_their_audience() {
        let near = holidays_near(d("2026-09-23"), 3);
        assert_eq!(near, [(Holiday::MidAutumn, d("2026-09-25"))]);
        assert_eq!(holidays_near(d("2027-03-08"), 3), [(Holiday::WomensDay, d("2027-03-08"))]);
        assert_eq!(Holiday::WomensDay.audience(), Audience::Women);
        assert_eq!(holidays_near(d("2026-10-16"), 3)[0].0, Holiday::DoubleNinth);
        // Across the year end: New Year's Day of the next year.
        assert_eq!(holidays_near(d("2026-12-30"), 3), [(Holiday::NewYear, d("2027-01-01"))]);
        assert!(holidays_near(d("2026-11-23"), 3).is_empty());
        let spring: Vec<_> = (2024..=2035).flat_map(holidays_of).filter(|(h, _)| *h == Holiday::SpringFestival).collect();
        assert_eq!(spring.len(), 12);
        assert!(spring.iter().all(|(_, day)| day.month() <= 2), "Spring Festival falls in January or February");
    }

    #[test]
    fn the_rules_form_round_trips_and_refuses_nonsense() {
        let t = crate::domain::classify::ClassThresholds::default();
        let form = RulesForm::from_settings(&FollowUpRules::default(), &t);
        assert_eq!(form.check().unwrap(), (FollowUpRules::default(), t.clone()));
        let mut f = form.clone();
        f.text.insert("home_use_days", " 7，1, 1 ".into());
        f.text.insert("new_call_every_days", "0".into());
        let (r, _) = f.check().unwrap();
        assert_eq!((r.home_use_days, r.new_call_every_days), (vec![1, 7], 0));
        let mut bad = form.clone();
        bad.text.insert("new_call_every_days", "-3".into());
        bad.text.insert("after_sales_days", "2, x".into());
        bad.text.insert("dormant_days", "60".into());
        bad.text.insert("value_b", "20000".into());
        let fields: Vec<_> = bad.check().unwrap_err().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["new_call_every_days", "after_sales_days", "dormant_days", "value_b"]);
        let p = check_product(" 生发液 ", "30", "298", &[]).unwrap();
        assert_eq!((p.name.as_str(), p.days_per_unit, p.unit_price_fen), ("生发液", 30, 29_800));
        assert_eq!(check_product("生发液", "0", "x", &[p.clone()]).unwrap_err().len(), 3);
    }

    #[test]
    fn rules_at_zero_are_off() {
        let rules = FollowUpRules { new_call_every_days: 0, invite_after_days: 0, old_call_every_days: 0, ..Default::default() };
        let first = d("2026-11-01");
        let h = History { first_visit: Some(first), last_visit: Some(first), purchases: &[], contacts: &[] };
        let p = plan("c1", &h, &rules, &[]);
        assert!(only(&p, |r| matches!(r, Reason::NewCustomerCall | Reason::ServiceCentreInvite | Reason::OldCustomerCall)).is_empty());
        assert!(!only(&p, |r| *r == Reason::NewCustomerHomeVisit).is_empty());
    }
}
