//! What happens to a customer over time: measurements, purchases, follow-ups,
//! complaints and returns. Money is kept in fen (1/100 yuan) as integers.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::record::{impl_record, Meta, Millis};
use super::validation::{check_note, check_range, Checked};
use crate::i18n::{Msg, T};

/// Where the customer uses the product: 在家上药 or in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsePlace {
    Home,
    Store,
}

impl UsePlace {
    pub const ALL: [UsePlace; 2] = [UsePlace::Home, UsePlace::Store];
}

/// One visit's measurements; any subset may be filled in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeasurementSet {
    pub id: String,
    pub meta: Meta,
    pub customer_id: String,
    pub taken_on: Option<NaiveDate>,
    /// 根/cm²
    pub density_per_cm2: Option<f64>,
    /// Mean hair-shaft diameter, μm (毛发粗度).
    pub shaft_diameter_um: Option<f64>,
    /// 0 (none) – 4 (very strong), for 头油, 瘙痒, 头屑, 掉发, 新发.
    pub oiliness: Option<u8>,
    pub itch: Option<u8>,
    pub dandruff: Option<u8>,
    pub shedding: Option<u8>,
    pub new_growth: Option<u8>,
    /// The customer's own rating, 1–10.
    pub self_rating: Option<u8>,
    pub note: Option<String>,
}
impl_record!(MeasurementSet, "measurements");

/// Upper end of the 0–N symptom scales.
pub const SCALE_MAX: u8 = 4;

impl MeasurementSet {
    pub fn problems(&self) -> Vec<(&'static str, Msg)> {
        let mut out = Vec::new();
        let mut check = |field, value: Option<f64>, min, max, what| {
            if let Some(Err(e)) = value.map(|v| check_range(v, min, max, what)) {
                out.push((field, e));
            }
        };
        check("density_per_cm2", self.density_per_cm2, 0.0, 400.0, T::MetricDensity);
        check("shaft_diameter_um", self.shaft_diameter_um, 10.0, 200.0, T::MetricDiameter);
        let scale = f64::from(SCALE_MAX);
        for (field, value, what) in [
            ("oiliness", self.oiliness, T::MetricOiliness),
            ("itch", self.itch, T::MetricItch),
            ("dandruff", self.dandruff, T::MetricDandruff),
            ("shedding", self.shedding, T::MetricShedding),
            ("new_growth", self.new_growth, T::MetricNewGrowth),
        ] {
            check(field, value.map(f64::from), 0.0, scale, what);
        }
        check("self_rating", self.self_rating.map(f64::from), 1.0, 10.0, T::MetricSelfRating);
        out
    }
}

/// One visit's measurements as typed on the form (numbers as text, scales as chosen).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeasurementDraft {
    /// `YYYY-MM-DD`.
    pub taken_on: String,
    pub density: String,
    pub diameter: String,
    pub oiliness: Option<u8>,
    pub itch: Option<u8>,
    pub dandruff: Option<u8>,
    pub shedding: Option<u8>,
    pub new_growth: Option<u8>,
    pub self_rating: String,
    pub note: String,
}

impl MeasurementDraft {
    /// The measurement set to save (id, meta and customer left for the caller), or the
    /// problems by field. Any subset may be filled in, but not none.
    pub fn check(&self, today: NaiveDate) -> Result<MeasurementSet, Vec<(&'static str, Msg)>> {
        let mut out = Vec::new();
        let mut number = |field: &'static str, text: &str| -> Option<f64> {
            let text = text.trim().replace('\u{FF0E}', ".");
            if text.is_empty() {
                return None;
            }
            // Full-width digits from a Chinese keyboard count as digits.
            let ascii: String = text.chars().map(|c| if ('０'..='９').contains(&c) { char::from(b'0' + (c as u32 - '０' as u32) as u8) } else { c }).collect();
            match ascii.parse::<f64>() {
                Ok(v) if v.is_finite() => Some(v),
                _ => {
                    out.push((field, Msg::new(T::NumberNeeded)));
                    None
                }
            }
        };
        let density = number("density_per_cm2", &self.density);
        let diameter = number("shaft_diameter_um", &self.diameter);
        let rating = number("self_rating", &self.self_rating);
        let taken_on = match NaiveDate::parse_from_str(self.taken_on.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                out.push(("taken_on", Msg::new(T::DateInFuture)));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                out.push(("taken_on", Msg::new(T::MeasuredOnMissing)));
                None
            }
        };
        let note = check_note(&self.note).unwrap_or_else(|e| {
            out.push(("note", e));
            None
        });
        let set = MeasurementSet {
            taken_on,
            density_per_cm2: density,
            shaft_diameter_um: diameter,
            oiliness: self.oiliness,
            itch: self.itch,
            dandruff: self.dandruff,
            shedding: self.shedding,
            new_growth: self.new_growth,
            self_rating: rating.map(|r| r.round().clamp(0.0, 255.0) as u8),
            note,
            ..Default::default()
        };
        if rating.is_some_and(|r| r.fract() != 0.0) {
            out.push(("self_rating", Msg::new(T::WholeNumberRange).arg(1).arg(10)));
        }
        out.extend(set.problems());
        let empty = [density, diameter, rating].iter().all(Option::is_none)
            && [self.oiliness, self.itch, self.dandruff, self.shedding, self.new_growth].iter().all(Option::is_none);
        if empty && out.is_empty() {
            out.push(("form", Msg::new(T::FillOneItem)));
        }
        if out.is_empty() {
            Ok(set)
        } else {
            Err(out)
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Purchase {
    pub id: String,
    pub meta: Meta,
    pub customer_id: String,
    pub product: String,
    pub quantity: u32,
    pub unit_price_fen: i64,
    pub date: Option<NaiveDate>,
    pub use_place: Option<UsePlace>,
}
impl_record!(Purchase, "purchases");

impl Purchase {
    pub fn total_fen(&self) -> i64 {
        self.unit_price_fen * i64::from(self.quantity)
    }
}

/// Full-width digits and point (from a Chinese keyboard) as ASCII, spaces trimmed.
fn ascii_number(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            c => c,
        })
        .collect()
}

/// Yuan as typed ("298", "298.5", "２９８") to fen; `None` unless a number ≥ 0 with at
/// most two decimals.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let text = ascii_number(text);
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// Fen as a price field shows it (what [`parse_yuan`] reads back): 29800 → "298.00".
pub fn yuan_field(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, (fen % 100).abs())
}

/// Money as people read it: ¥1,980.00 (fen in; thousands grouped, two decimals out).
pub fn money(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    let whole = (fen / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}¥{grouped}.{:02}", fen % 100)
}

/// The most a unit may cost, and a purchase may count, as a typing guard.
pub const MAX_UNIT_PRICE_FEN: i64 = 100_000_000;
pub const MAX_QUANTITY: u32 = 999;

/// A purchase as typed on the form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PurchaseDraft {
    pub product: String,
    pub quantity: String,
    /// Yuan.
    pub unit_price: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub use_place: Option<UsePlace>,
}

impl PurchaseDraft {
    /// The purchase (id, meta and customer left for the caller), or problems by field.
    pub fn check(&self, today: NaiveDate) -> Result<Purchase, Vec<(&'static str, Msg)>> {
        let mut out = Vec::new();
        let product = super::validation::clean_text(&self.product);
        if product.is_empty() {
            out.push(("product", Msg::new(T::ProductMissing)));
        } else if product.chars().count() > 40 {
            out.push(("product", Msg::new(T::ProductTooLong)));
        }
        let quantity = match ascii_number(&self.quantity).parse::<u32>() {
            Ok(q) if (1..=MAX_QUANTITY).contains(&q) => Some(q),
            _ => {
                out.push(("quantity", Msg::new(T::QuantityRange)));
                None
            }
        };
        let price = match parse_yuan(&self.unit_price) {
            Some(p) if p <= MAX_UNIT_PRICE_FEN => Some(p),
            _ => {
                out.push(("unit_price", Msg::new(T::UnitPriceFormat)));
                None
            }
        };
        let date = match NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                out.push(("date", Msg::new(T::DateInFuture)));
                None
            }
            Ok(d) if d.year() < 2000 => {
                out.push(("date", Msg::new(T::DateInvalid)));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                out.push(("date", Msg::new(T::PurchaseDateMissing)));
                None
            }
        };
        if self.use_place.is_none() {
            out.push(("use_place", Msg::new(T::UsePlaceMissing)));
        }
        match (quantity, price, date) {
            (Some(quantity), Some(unit_price_fen), Some(date)) if out.is_empty() => Ok(Purchase {
                product,
                quantity,
                unit_price_fen,
                date: Some(date),
                use_place: self.use_place,
                ..Default::default()
            }),
            _ => Err(out),
        }
    }
}

/// 回访 method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    /// 电话
    Phone,
    /// 短信
    Sms,
    /// 上门
    HomeVisit,
    /// 到店
    InStore,
}

/// One follow-up in the log (回访记录), with the date of the next one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpEntry {
    pub id: String,
    pub meta: Meta,
    pub customer_id: String,
    pub at: Millis,
    pub method: Option<ContactMethod>,
    pub content: String,
    pub result: String,
    pub by_staff: String,
    /// Indexed: the due list reads follow-ups by this date.
    pub next_due: Option<NaiveDate>,
}
impl_record!(FollowUpEntry, "followups");

impl ContactMethod {
    pub const ALL: [ContactMethod; 4] = [ContactMethod::Phone, ContactMethod::Sms, ContactMethod::HomeVisit, ContactMethod::InStore];
}

/// A follow-up as typed on the log form (dates as `<input>`s give them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FollowUpDraft {
    /// `YYYY-MM-DDTHH:MM`, local time.
    pub at: String,
    pub method: Option<ContactMethod>,
    pub content: String,
    pub result: String,
    /// `YYYY-MM-DD`, or empty for none.
    pub next_due: String,
}

/// A follow-up that passed every check, ready to become a [`FollowUpEntry`].
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedFollowUp {
    pub at: NaiveDateTime,
    pub method: ContactMethod,
    pub content: String,
    pub result: String,
    pub next_due: Option<NaiveDate>,
}

impl FollowUpDraft {
    /// Checks the form against the local time `now`; problems by field name.
    pub fn check(&self, now: NaiveDateTime) -> Result<CheckedFollowUp, Vec<(&'static str, Msg)>> {
        let mut out = Vec::new();
        let at = NaiveDateTime::parse_from_str(self.at.trim(), "%Y-%m-%dT%H:%M").ok();
        match at {
            None => out.push(("at", Msg::new(T::TimeMissing))),
            Some(at) if at > now + Duration::minutes(5) => {
                out.push(("at", Msg::new(T::TimeInFuture)))
            }
            _ => {}
        }
        if self.method.is_none() {
            out.push(("method", Msg::new(T::MethodMissing)));
        }
        let content = match check_note(&self.content) {
            Ok(Some(text)) => Some(text),
            Ok(None) => {
                out.push(("content", Msg::new(T::VisitContentMissing)));
                None
            }
            Err(e) => {
                out.push(("content", e));
                None
            }
        };
        let result = check_note(&self.result).unwrap_or_else(|e| {
            out.push(("result", e));
            None
        });
        let next_due = if self.next_due.trim().is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(self.next_due.trim(), "%Y-%m-%d") {
                Err(_) => {
                    out.push(("next_due", Msg::new(T::DateFormatInvalid)));
                    None
                }
                Ok(d) if at.is_some_and(|at| d <= at.date()) => {
                    out.push(("next_due", Msg::new(T::NextDueNotAfter)));
                    None
                }
                Ok(d) if d > now.date() + Duration::days(NEXT_DUE_MAX_DAYS) => {
                    out.push(("next_due", Msg::new(T::NextDueTooFar)));
                    None
                }
                Ok(d) => Some(d),
            }
        };
        match (at, self.method, content) {
            (Some(at), Some(method), Some(content)) if out.is_empty() => {
                Ok(CheckedFollowUp { at, method, content, result: result.unwrap_or_default(), next_due })
            }
            _ => Err(out),
        }
    }
}

/// How far ahead a next follow-up may be planned.
pub const NEXT_DUE_MAX_DAYS: i64 = 730;

/// 投诉. Unresolved after 24 hours it is overdue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Complaint {
    pub id: String,
    pub meta: Meta,
    pub customer_id: String,
    pub at: Millis,
    pub content: String,
    pub steps: String,
    pub result: String,
    /// 1 (very unhappy) – 5 (very satisfied).
    pub satisfaction: Option<u8>,
    pub resolved_at: Option<Millis>,
}
impl_record!(Complaint, "complaints");

/// How long a complaint may stay open before it is overdue.
pub const COMPLAINT_OVERDUE_MS: Millis = 24 * 60 * 60 * 1000;

impl Complaint {
    pub fn is_overdue(&self, now: Millis) -> bool {
        self.resolved_at.is_none() && now - self.at > COMPLAINT_OVERDUE_MS
    }
}

/// 退货. The fee is the unit price times the quantity already used.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReturnRecord {
    pub id: String,
    pub meta: Meta,
    pub customer_id: String,
    pub purchase_id: Option<String>,
    pub reason: String,
    pub purchase_date: Option<NaiveDate>,
    pub package_intact: bool,
    pub quantity_used: u32,
    pub unit_price_fen: i64,
}
impl_record!(ReturnRecord, "returns");

impl ReturnRecord {
    pub fn fee_fen(&self) -> i64 {
        self.unit_price_fen * i64::from(self.quantity_used)
    }

    pub fn check_quantity(&self, bought: u32) -> Checked<u32> {
        if self.quantity_used > bought {
            return Err(Msg::new(T::QuantityUsedTooMany).arg(bought));
        }
        Ok(self.quantity_used)
    }
}

/// An adverse reaction (不良反应: 起疹子, 头皮瘙痒 …): what puts a customer in effect
/// class D and needs attention.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Incident {
    pub id: String,
    pub meta: Meta,
    pub customer_id: String,
    pub date: Option<NaiveDate>,
    pub description: String,
    /// What the store did about it.
    pub action: String,
    pub by_staff: String,
}
impl_record!(Incident, "incidents");

/// What a customer bought, net of what returns gave back (the whole purchase less the
/// fee for what was used), never below zero. Value classes count this.
pub fn net_bought_fen(purchases: &[Purchase], returns: &[ReturnRecord]) -> i64 {
    let bought: i64 = purchases.iter().map(Purchase::total_fen).sum();
    let refunded: i64 = returns
        .iter()
        .filter_map(|r| {
            let p = purchases.iter().find(|p| Some(&p.id) == r.purchase_id.as_ref())?;
            Some((p.total_fen() - r.fee_fen()).max(0))
        })
        .sum();
    (bought - refunded).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_purchase_form_checks_product_quantity_price_date_and_place() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let good = PurchaseDraft { product: " 生发液 ".into(), quantity: "２".into(), unit_price: "298.5".into(), date: "2026-11-23".into(), use_place: Some(UsePlace::Home) };
        let p = good.check(today).unwrap();
        assert_eq!((p.product.as_str(), p.quantity, p.unit_price_fen, p.total_fen()), ("生发液", 2, 29_850, 59_700));
        let fields = |d: PurchaseDraft| d.check(today).unwrap_err().into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(PurchaseDraft::default()), ["product", "quantity", "unit_price", "date", "use_place"]);
        assert_eq!(fields(PurchaseDraft { quantity: "0".into(), ..good.clone() }), ["quantity"]);
        assert_eq!(fields(PurchaseDraft { quantity: "1.5".into(), ..good.clone() }), ["quantity"]);
        assert_eq!(fields(PurchaseDraft { unit_price: "29.999".into(), ..good.clone() }), ["unit_price"]);
        assert_eq!(fields(PurchaseDraft { unit_price: "-1".into(), ..good.clone() }), ["unit_price"]);
        assert_eq!(fields(PurchaseDraft { date: "2026-11-24".into(), ..good }), ["date"]);
        assert_eq!((parse_yuan("0"), parse_yuan("12.3"), parse_yuan("１２．３０"), parse_yuan("")), (Some(0), Some(1230), Some(1230), None));
        assert_eq!((yuan_field(29_850), yuan_field(5)), ("298.50".to_string(), "0.05".to_string()));
    }

    #[test]
    fn value_counts_purchases_less_what_returns_gave_back() {
        let p1 = Purchase { id: "p1".into(), quantity: 3, unit_price_fen: 29_800, ..Default::default() };
        let p2 = Purchase { id: "p2".into(), quantity: 1, unit_price_fen: 10_000, ..Default::default() };
        assert_eq!(net_bought_fen(&[p1.clone(), p2.clone()], &[]), 99_400);
        // p1 returned with one bottle used: the fee (298.00) stays bought.
        let back = ReturnRecord { purchase_id: Some("p1".into()), quantity_used: 1, unit_price_fen: 29_800, ..Default::default() };
        assert_eq!(net_bought_fen(&[p1.clone(), p2], &[back.clone()]), 29_800 + 10_000);
        // A return of an unknown purchase changes nothing.
        let stray = ReturnRecord { purchase_id: Some("gone".into()), ..back };
        assert_eq!(net_bought_fen(&[p1], &[stray]), 89_400);
    }

    #[test]
    fn measurement_ranges_are_checked_per_field() {
        let ok = MeasurementSet { density_per_cm2: Some(143.0), shaft_diameter_um: Some(70.0), itch: Some(2), self_rating: Some(7), ..Default::default() };
        assert!(ok.problems().is_empty());
        let bad = MeasurementSet { density_per_cm2: Some(-1.0), itch: Some(9), self_rating: Some(0), ..Default::default() };
        let fields: Vec<_> = bad.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["density_per_cm2", "itch", "self_rating"]);
    }

    #[test]
    fn a_measurement_form_takes_any_subset_checks_ranges_and_refuses_nothing() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let draft = MeasurementDraft { taken_on: "2026-11-23".into(), density: " １３２ ".into(), shedding: Some(1), ..Default::default() };
        let set = draft.check(today).unwrap();
        assert_eq!((set.density_per_cm2, set.shedding, set.itch), (Some(132.0), Some(1), None));
        let fields = |d: MeasurementDraft| d.check(today).unwrap_err().into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(MeasurementDraft { taken_on: "2026-11-23".into(), ..Default::default() }), ["form"]);
        assert_eq!(fields(MeasurementDraft { taken_on: "2026-11-24".into(), density: "900".into(), ..Default::default() }), ["taken_on", "density_per_cm2"]);
        assert_eq!(fields(MeasurementDraft { taken_on: "2026-11-23".into(), diameter: "abc".into(), ..Default::default() }), ["shaft_diameter_um"]);
        assert_eq!(fields(MeasurementDraft { taken_on: "2026-11-23".into(), self_rating: "7.5".into(), ..Default::default() }), ["self_rating"]);
    }

    #[test]
    fn return_fee_is_unit_price_times_quantity_used() {
        let r = ReturnRecord { unit_price_fen: 29_800, quantity_used: 2, ..Default::default() };
        assert_eq!(r.fee_fen(), 59_600);
        assert!(r.check_quantity(1).is_err());
        assert_eq!(r.check_quantity(3).unwrap(), 2);
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn a_follow_up_needs_time_method_and_content_and_a_later_next_date() {
        let now = at("2026-11-23T15:00");
        let good = FollowUpDraft {
            at: "2026-11-23T14:30".into(),
            method: Some(ContactMethod::Phone),
            content: " 询问使用情况 ".into(),
            result: String::new(),
            next_due: "2026-11-30".into(),
        };
        let ok = good.check(now).unwrap();
        assert_eq!((ok.content.as_str(), ok.result.as_str()), ("询问使用情况", ""));
        assert_eq!(ok.next_due, NaiveDate::from_ymd_opt(2026, 11, 30));

        let fields = |d: FollowUpDraft| d.check(now).unwrap_err().into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(FollowUpDraft::default()), ["at", "method", "content"]);
        assert_eq!(fields(FollowUpDraft { at: "2026-11-24T09:00".into(), ..good.clone() }), ["at"], "not in the future");
        assert_eq!(fields(FollowUpDraft { next_due: "2026-11-23".into(), ..good.clone() }), ["next_due"], "after this one");
        assert_eq!(fields(FollowUpDraft { next_due: "2029-01-01".into(), ..good.clone() }), ["next_due"], "within two years");
        assert_eq!(fields(FollowUpDraft { result: "好".repeat(600), ..good }), ["result"]);
    }

    #[test]
    fn purchase_total() {
        let p = Purchase { unit_price_fen: 12_000, quantity: 3, ..Default::default() };
        assert_eq!(p.total_fen(), 36_000);
    }

    #[test]
    fn complaint_is_overdue_after_a_day_unless_resolved() {
        let mut c = Complaint { at: 0, ..Default::default() };
        assert!(!c.is_overdue(COMPLAINT_OVERDUE_MS));
        assert!(c.is_overdue(COMPLAINT_OVERDUE_MS + 1));
        c.resolved_at = Some(10);
        assert!(!c.is_overdue(COMPLAINT_OVERDUE_MS * 5));
    }
}
