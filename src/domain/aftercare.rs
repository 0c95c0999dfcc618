//! When something goes wrong (售后): complaints (投诉), returns (退货) and adverse
//! reactions (不良反应) as staff type them, checked before anything is stored. The
//! record types themselves live in [`super::care`].

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::care::{Complaint, Purchase, ReturnRecord};
use super::record::Millis;
use super::validation::check_note;
use crate::i18n::{Label, Lang, Msg, T};

/// Problems by field name, as the forms show them next to each field.
pub type Problems = Vec<(&'static str, Msg)>;

/// Satisfaction is asked on a 1–5 scale (1 very unhappy, 5 very satisfied).
pub const SATISFACTION_MAX: u8 = 5;

/// How far ahead of the tablet's clock a typed time may be (another clock, a slow
/// hand) before it counts as the future.
const CLOCK_SLACK_MINUTES: i64 = 5;

/// A complaint as typed on its form: a new one, or an open one being handled.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComplaintDraft {
    /// `YYYY-MM-DDTHH:MM`, local time: when the customer complained.
    pub at: String,
    pub content: String,
    /// 处理措施: what the store did.
    pub steps: String,
    pub result: String,
    pub satisfaction: Option<u8>,
    /// 已解决: handling is finished.
    pub resolved: bool,
}

/// A complaint that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedComplaint {
    pub at: NaiveDateTime,
    pub content: String,
    pub steps: String,
    pub result: String,
    pub satisfaction: Option<u8>,
    pub resolved: bool,
}

impl ComplaintDraft {
    /// The form filled in from a stored complaint, to handle it further. `at` is the
    /// complaint's time as the tablet shows it (`YYYY-MM-DDTHH:MM`).
    pub fn from_complaint(c: &Complaint, at: String) -> Self {
        ComplaintDraft {
            at,
            content: c.content.clone(),
            steps: c.steps.clone(),
            result: c.result.clone(),
            satisfaction: c.satisfaction,
            resolved: c.resolved_at.is_some(),
        }
    }

    /// Checks the form against the local time `now`.
    pub fn check(&self, now: NaiveDateTime) -> Result<CheckedComplaint, Problems> {
        let mut out = Problems::new();
        let at = NaiveDateTime::parse_from_str(self.at.trim(), "%Y-%m-%dT%H:%M").ok();
        match at {
            None => out.push(("at", Msg::new(T::ComplaintTimeMissing))),
            Some(at) if at > now + Duration::minutes(CLOCK_SLACK_MINUTES) => {
                out.push(("at", Msg::new(T::TimeInFuture)))
            }
            _ => {}
        }
        let content = required_note(&self.content, "content", T::ComplaintContentMissing, &mut out);
        let steps = optional_note(&self.steps, "steps", &mut out);
        let result = optional_note(&self.result, "result", &mut out);
        if self.satisfaction.is_some_and(|s| !(1..=SATISFACTION_MAX).contains(&s)) {
            out.push(("satisfaction", Msg::new(T::SatisfactionRange)));
        }
        match (at, content) {
            (Some(at), Some(content)) if out.is_empty() => Ok(CheckedComplaint {
                at,
                content,
                steps,
                result,
                satisfaction: self.satisfaction,
                resolved: self.resolved,
            }),
            _ => Err(out),
        }
    }
}

impl CheckedComplaint {
    /// Writes the checked form onto `complaint` (a new one or the stored one).
    /// `at_ms` is [`at`](Self::at) as stored time. Resolving stamps `resolved_at` once,
    /// at `now`; a later edit keeps that time; unticking reopens the complaint.
    pub fn apply_to(self, complaint: &mut Complaint, at_ms: Millis, now: Millis) {
        complaint.at = at_ms;
        complaint.content = self.content;
        complaint.steps = self.steps;
        complaint.result = self.result;
        complaint.satisfaction = self.satisfaction;
        complaint.resolved_at = match (self.resolved, complaint.resolved_at) {
            (false, _) => None,
            (true, Some(when)) => Some(when),
            (true, None) => Some(now),
        };
    }
}

/// Open complaints, overdue ones first, then the oldest first: what the today list
/// shows.
pub fn open_in_order(mut complaints: Vec<Complaint>, now: Millis) -> Vec<Complaint> {
    complaints.retain(|c| c.resolved_at.is_none());
    super::sort::sort_by_key(&mut complaints, |c| (!c.is_overdue(now), c.at));
    complaints
}

/// A return as typed on its form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReturnDraft {
    /// The purchase being returned (one of the customer's).
    pub purchase_id: Option<String>,
    pub reason: String,
    /// 包装是否完好.
    pub package_intact: Option<bool>,
    /// How many of the units bought were used, as typed.
    pub quantity_used: String,
}

impl ReturnDraft {
    /// The chosen purchase, if it is one of `purchases`.
    pub fn purchase<'a>(&self, purchases: &'a [Purchase]) -> Option<&'a Purchase> {
        let id = self.purchase_id.as_deref()?;
        purchases.iter().find(|p| p.id == id)
    }

    /// The fee as the form stands (unit price × quantity used), shown live before
    /// saving; `None` until a purchase and a quantity are given.
    pub fn fee_fen(&self, purchases: &[Purchase]) -> Option<i64> {
        let purchase = self.purchase(purchases)?;
        let used = parse_count(&self.quantity_used)?.ok()?;
        Some(purchase.unit_price_fen * i64::from(used))
    }

    /// The return to save (id, meta and customer left for the caller), or the problems
    /// by field. `purchases` are the customer's; `returns`, what they returned before
    /// (a purchase is returned once).
    pub fn check(&self, purchases: &[Purchase], returns: &[ReturnRecord]) -> Result<ReturnRecord, Problems> {
        let mut out = Problems::new();
        let purchase = self.purchase(purchases);
        match (&self.purchase_id, purchase) {
            (None, _) | (Some(_), None) => out.push(("purchase", Msg::new(T::ReturnPurchaseMissing))),
            (Some(id), Some(_)) if returns.iter().any(|r| r.purchase_id.as_deref() == Some(id)) => {
                out.push(("purchase", Msg::new(T::ReturnAlreadyReturned)))
            }
            _ => {}
        }
        let reason = required_note(&self.reason, "reason", T::ReturnReasonMissing, &mut out);
        if self.package_intact.is_none() {
            out.push(("package_intact", Msg::new(T::PackageIntactMissing)));
        }
        let used = match parse_count(&self.quantity_used) {
            None => {
                out.push(("quantity_used", Msg::new(T::QuantityUsedMissing)));
                None
            }
            Some(Err(e)) => {
                out.push(("quantity_used", e));
                None
            }
            Some(Ok(n)) => Some(n),
        };
        let mut record = ReturnRecord {
            purchase_id: self.purchase_id.clone(),
            reason: reason.unwrap_or_default(),
            package_intact: self.package_intact.unwrap_or(false),
            quantity_used: used.unwrap_or(0),
            ..Default::default()
        };
        if let (Some(purchase), Some(_)) = (purchase, used) {
            record.purchase_date = purchase.date;
            record.unit_price_fen = purchase.unit_price_fen;
            if let Err(e) = record.check_quantity(purchase.quantity) {
                out.push(("quantity_used", e));
            }
        }
        if out.is_empty() {
            Ok(record)
        } else {
            Err(out)
        }
    }
}

/// A whole number of units as typed (full-width digits from a Chinese keyboard count);
/// `None` when nothing is typed.
fn parse_count(text: &str) -> Option<Result<u32, Msg>> {
    let text: String = text
        .trim()
        .chars()
        .map(|c| if ('０'..='９').contains(&c) { char::from(b'0' + (c as u32 - '０' as u32) as u8) } else { c })
        .collect();
    if text.is_empty() {
        return None;
    }
    Some(text.parse::<u32>().map_err(|_| Msg::new(T::WholeNumber)))
}


/// The adverse reactions staff see most, offered as choices; anything else is 其他
/// with the staff member's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reaction {
    /// 起疹子
    Rash,
    /// 头皮瘙痒
    ScalpItch,
    /// 红肿
    Swelling,
    /// 脱发加重
    MoreShedding,
    /// 其他
    Other,
}

impl Reaction {
    pub const ALL: [Reaction; 5] = [Reaction::Rash, Reaction::ScalpItch, Reaction::Swelling, Reaction::MoreShedding, Reaction::Other];
}

/// The stored description names a common reaction in Chinese (the store's records are
/// kept in Chinese), then the details: "起疹子：额头两侧". Shown in English, the
/// reaction's name is translated and the staff member's words stay as written.
pub fn describe(description: &str, lang: Lang) -> String {
    if lang == Lang::Zh {
        return description.to_string();
    }
    for reaction in Reaction::ALL.iter().filter(|r| **r != Reaction::Other) {
        let label = reaction.label();
        if let Some(rest) = description.strip_prefix(label.get(Lang::Zh)) {
            let rest = rest.trim_start_matches('\u{FF1A}');
            return if rest.is_empty() { label.get(lang).to_string() } else { Msg::new(T::LabelValue).arg(label).arg(rest).get(lang) };
        }
    }
    description.to_string()
}

/// An adverse reaction as typed on its form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IncidentDraft {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub reaction: Option<Reaction>,
    /// Details, or the reaction itself under 其他.
    pub detail: String,
    /// What the store did about it.
    pub action: String,
}

/// An incident that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedIncident {
    pub date: NaiveDate,
    pub description: String,
    pub action: String,
}

impl IncidentDraft {
    pub fn check(&self, today: NaiveDate) -> Result<CheckedIncident, Problems> {
        let mut out = Problems::new();
        let date = match NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                out.push(("date", Msg::new(T::DateInFuture)));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                out.push(("date", Msg::new(T::IncidentDateMissing)));
                None
            }
        };
        let detail = optional_note(&self.detail, "detail", &mut out);
        let description = match (self.reaction, detail.is_empty()) {
            (None, true) => {
                out.push(("reaction", Msg::new(T::ReactionMissing)));
                None
            }
            (Some(Reaction::Other), true) => {
                out.push(("detail", Msg::new(T::ReactionOtherDetail)));
                None
            }
            (None | Some(Reaction::Other), false) => Some(detail),
            (Some(r), true) => Some(r.label().get(Lang::Zh).to_string()),
            (Some(r), false) => Some(Msg::new(T::LabelValue).arg(r.label()).arg(detail).get(Lang::Zh)),
        };
        let action = optional_note(&self.action, "action", &mut out);
        match (date, description) {
            (Some(date), Some(description)) if out.is_empty() => Ok(CheckedIncident { date, description, action }),
            _ => Err(out),
        }
    }
}

/// A required free-text field, cleaned; records `missing` when empty.
fn required_note(text: &str, field: &'static str, missing: T, out: &mut Problems) -> Option<String> {
    match check_note(text) {
        Ok(Some(text)) => Some(text),
        Ok(None) => {
            out.push((field, missing.into()));
            None
        }
        Err(e) => {
            out.push((field, e));
            None
        }
    }
}

/// An optional free-text field, cleaned (empty when not given).
fn optional_note(text: &str, field: &'static str, out: &mut Problems) -> String {
    check_note(text).unwrap_or_else(|e| {
        out.push((field, e));
        None
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::care::COMPLAINT_OVERDUE_MS;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn fields(problems: Problems) -> Vec<&'static str> {
        problems.into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn a_complaint_needs_a_past_time_and_content_and_a_satisfaction_of_1_to_5() {
        let now = at("2026-11-23T15:00");
        let good = ComplaintDraft { at: "2026-11-23T10:30".into(), content: " 精华液用了头皮发红 ".into(), ..Default::default() };
        let ok = good.check(now).unwrap();
        assert_eq!((ok.content.as_str(), ok.steps.as_str(), ok.satisfaction, ok.resolved), ("精华液用了头皮发红", "", None, false));

        let check = |d: ComplaintDraft| fields(d.check(now).unwrap_err());
        assert_eq!(check(ComplaintDraft::default()), ["at", "content"]);
        assert_eq!(check(ComplaintDraft { at: "2026-11-23T16:00".into(), ..good.clone() }), ["at"], "not in the future");
        assert!(ComplaintDraft { at: "2026-11-23T15:04".into(), ..good.clone() }.check(now).is_ok(), "a few minutes of clock difference pass");
        assert_eq!(check(ComplaintDraft { satisfaction: Some(0), ..good.clone() }), ["satisfaction"]);
        assert_eq!(check(ComplaintDraft { satisfaction: Some(6), ..good.clone() }), ["satisfaction"]);
        assert_eq!(check(ComplaintDraft { steps: "好".repeat(501), ..good.clone() }), ["steps"]);
        let handled = ComplaintDraft { steps: "换成温和型洗发水".into(), result: "顾客接受".into(), satisfaction: Some(4), resolved: true, ..good };
        assert_eq!(handled.check(now).unwrap().satisfaction, Some(4));
    }

    #[test]
    fn resolving_stamps_the_time_once_and_unticking_reopens() {
        let now = at("2026-11-23T15:00");
        let draft = ComplaintDraft { at: "2026-11-22T10:00".into(), content: "等太久".into(), ..Default::default() };
        let mut c = Complaint::default();
        draft.check(now).unwrap().apply_to(&mut c, 1_000, 5_000);
        assert_eq!((c.at, c.resolved_at, c.content.as_str()), (1_000, None, "等太久"));
        assert!(c.is_overdue(1_000 + COMPLAINT_OVERDUE_MS + 1));

        let resolved = ComplaintDraft { resolved: true, result: "已道歉".into(), ..ComplaintDraft::from_complaint(&c, draft.at.clone()) };
        resolved.check(now).unwrap().apply_to(&mut c, 1_000, 9_000);
        assert_eq!(c.resolved_at, Some(9_000));
        assert!(!c.is_overdue(i64::MAX / 2));
        // Edited again later: the resolution keeps its time.
        resolved.check(now).unwrap().apply_to(&mut c, 1_000, 20_000);
        assert_eq!(c.resolved_at, Some(9_000));
        let reopened = ComplaintDraft { resolved: false, ..resolved };
        reopened.check(now).unwrap().apply_to(&mut c, 1_000, 30_000);
        assert_eq!(c.resolved_at, None);
    }

    #[test]
    fn open_complaints_list_overdue_first_then_oldest() {
        let hour = 60 * 60 * 1000;
        let now = 100 * hour;
        let c = |id: &str, at: Millis, resolved: bool| Complaint { id: id.into(), at, resolved_at: resolved.then_some(now), ..Default::default() };
        let list = open_in_order(vec![c("new", now - hour, false), c("done", 0, true), c("old", now - 30 * hour, false), c("older", now - 50 * hour, false)], now);
        let ids: Vec<_> = list.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["older", "old", "new"]);
    }

    fn purchases() -> Vec<Purchase> {
        vec![
            Purchase { id: "p1".into(), product: "防脱精华液".into(), quantity: 3, unit_price_fen: 29_800, date: Some(day("2026-10-01")), ..Default::default() },
            Purchase { id: "p2".into(), product: "洗发水".into(), quantity: 1, unit_price_fen: 8_850, date: Some(day("2026-11-01")), ..Default::default() },
        ]
    }

    #[test]
    fn return_fee_is_unit_price_times_quantity_used_before_and_after_checking() {
        let draft = ReturnDraft { purchase_id: Some("p1".into()), reason: "用了过敏".into(), package_intact: Some(true), quantity_used: "２".into() };
        assert_eq!(draft.fee_fen(&purchases()), Some(59_600));
        let record = draft.check(&purchases(), &[]).unwrap();
        assert_eq!(record.fee_fen(), 59_600);
        assert_eq!((record.purchase_date, record.unit_price_fen, record.quantity_used), (Some(day("2026-10-01")), 29_800, 2));
        assert_eq!((record.purchase_id.as_deref(), record.reason.as_str(), record.package_intact), (Some("p1"), "用了过敏", true));
        // Nothing used: no fee.
        let unused = ReturnDraft { quantity_used: "0".into(), ..draft.clone() };
        assert_eq!(unused.check(&purchases(), &[]).unwrap().fee_fen(), 0);
        // No fee until a purchase and a quantity are there.
        assert_eq!(ReturnDraft { purchase_id: None, ..draft.clone() }.fee_fen(&purchases()), None);
        assert_eq!(ReturnDraft { quantity_used: String::new(), ..draft }.fee_fen(&purchases()), None);
    }

    #[test]
    fn a_return_refuses_more_used_than_bought_a_missing_reason_and_a_second_return() {
        let good = ReturnDraft { purchase_id: Some("p2".into()), reason: "味道太重".into(), package_intact: Some(false), quantity_used: "1".into() };
        assert!(good.check(&purchases(), &[]).is_ok());
        let check = |d: ReturnDraft| fields(d.check(&purchases(), &[]).unwrap_err());
        assert_eq!(check(ReturnDraft::default()), ["purchase", "reason", "package_intact", "quantity_used"]);
        let too_many = ReturnDraft { quantity_used: "2".into(), ..good.clone() }.check(&purchases(), &[]).unwrap_err();
        assert_eq!(too_many[0].0, "quantity_used");
        assert!(too_many[0].1.get(Lang::Zh).contains("不能超过购买数量 1"), "{too_many:?}");
        assert_eq!(check(ReturnDraft { quantity_used: "1.5".into(), ..good.clone() }), ["quantity_used"]);
        assert_eq!(check(ReturnDraft { quantity_used: "-1".into(), ..good.clone() }), ["quantity_used"]);
        assert_eq!(check(ReturnDraft { purchase_id: Some("someone else's".into()), ..good.clone() }), ["purchase"]);
        assert_eq!(check(ReturnDraft { reason: "  ".into(), ..good.clone() }), ["reason"]);
        let earlier = ReturnRecord { purchase_id: Some("p2".into()), ..Default::default() };
        assert_eq!(fields(good.check(&purchases(), &[earlier]).unwrap_err()), ["purchase"]);
    }

    #[test]
    fn money_reads_as_yuan_with_two_decimals() {
        use crate::domain::care::money as yuan;
        assert_eq!(yuan(59_600), "¥596.00");
        assert_eq!(yuan(8_850), "¥88.50");
        assert_eq!(yuan(5), "¥0.05");
        assert_eq!(yuan(0), "¥0.00");
        assert_eq!(yuan(-120), "-¥1.20");
        assert_eq!(yuan(198_000), "¥1,980.00");
        assert_eq!(yuan(99_999), "¥999.99");
        assert_eq!(yuan(123_456_789), "¥1,234,567.89");
    }

    #[test]
    fn an_incident_needs_a_past_date_and_a_reaction_chosen_or_described() {
        let today = day("2026-11-23");
        let chosen = IncidentDraft { date: "2026-11-20".into(), reaction: Some(Reaction::Rash), ..Default::default() };
        assert_eq!(chosen.check(today).unwrap().description, "起疹子");
        let detailed = IncidentDraft { detail: " 额头两侧 ".into(), action: "停用，建议就医".into(), ..chosen.clone() };
        let ok = detailed.check(today).unwrap();
        assert_eq!((ok.date, ok.description.as_str(), ok.action.as_str()), (day("2026-11-20"), "起疹子：额头两侧", "停用，建议就医"));
        let other = IncidentDraft { reaction: Some(Reaction::Other), detail: "头晕".into(), ..chosen.clone() };
        assert_eq!(other.check(today).unwrap().description, "头晕");
        let typed_only = IncidentDraft { reaction: None, detail: "头皮发烫".into(), ..chosen.clone() };
        assert_eq!(typed_only.check(today).unwrap().description, "头皮发烫");

        let check = |d: IncidentDraft| fields(d.check(today).unwrap_err());
        assert_eq!(check(IncidentDraft::default()), ["date", "reaction"]);
        assert_eq!(check(IncidentDraft { date: "2026-11-24".into(), ..chosen.clone() }), ["date"], "not in the future");
        assert_eq!(check(IncidentDraft { reaction: Some(Reaction::Other), ..chosen }), ["detail"]);
    }

    #[test]
    fn reactions_read_in_both_languages() {
        assert_eq!(describe("起疹子：额头两侧", Lang::En), "Rash: 额头两侧");
        assert_eq!(describe("脱发加重", Lang::En), "More hair loss");
        assert_eq!(describe("头晕", Lang::En), "头晕");
        assert_eq!(describe("起疹子：额头两侧", Lang::Zh), "起疹子：额头两侧");
        for r in Reaction::ALL {
            assert!(!r.label().get(Lang::Zh).is_empty() && r.label().get(Lang::En).is_ascii());
        }
    }
}
