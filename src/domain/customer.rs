//! The customer record (顾客档案), with every field of the stores' record forms.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::record::{impl_record, new_id, Meta, Stamp};
use super::validation::{self, clean_text};
use crate::i18n::{Lang, Msg, T};

pub use follicle_search::Gender;

/// 脱发类型. 脂溢性 is the common Chinese name for androgenetic alopecia.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HairLossType {
    /// 脂溢性 (androgenetic)
    Seborrheic,
    /// 神经性 (stress-related)
    StressRelated,
    /// 斑秃
    AlopeciaAreata,
    /// 产后
    Postpartum,
    /// 其他, with the customer's own words.
    Other(String),
}

/// 脱发分级, set by staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HairLossGrade {
    /// Norwood–Hamilton I–VII (men).
    Norwood(u8),
    /// Ludwig I–III (women).
    Ludwig(u8),
    /// Savin 1–8 (women).
    Savin(u8),
}

impl HairLossGrade {
    pub fn is_valid(self) -> bool {
        match self {
            HairLossGrade::Norwood(n) => (1..=7).contains(&n),
            HairLossGrade::Ludwig(n) => (1..=3).contains(&n),
            HairLossGrade::Savin(n) => (1..=8).contains(&n),
        }
    }
}

/// 脱发时间: how long the hair loss has gone on, as the customer remembers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HairLossDuration {
    UnderSixMonths,
    SixToTwelveMonths,
    OneToThreeYears,
    ThreeToFiveYears,
    OverFiveYears,
}

impl HairLossDuration {
    pub const ALL: [HairLossDuration; 5] = [
        HairLossDuration::UnderSixMonths,
        HairLossDuration::SixToTwelveMonths,
        HairLossDuration::OneToThreeYears,
        HairLossDuration::ThreeToFiveYears,
        HairLossDuration::OverFiveYears,
    ];
}

/// 信息来源.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InfoSource {
    /// 转介, by whom.
    Referral(String),
    /// 活动
    Event,
    /// 广告
    Advert,
    /// 路过
    PassingBy,
    /// 网上
    Online,
    Other(String),
}

use super::care::UsePlace;

pub use follicle_search::EffectClass;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    pub id: String,
    pub meta: Meta,

    // 基本信息
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    /// As checked by [`validation::check_phone`]: digits only (`+` for foreign numbers).
    pub phone: String,
    pub address: Option<String>,
    /// 职业 / 原工作单位
    pub occupation: Option<String>,

    // 头发情况
    pub hair_loss_type: Option<HairLossType>,
    pub hair_loss_grade: Option<HairLossGrade>,
    pub hair_loss_duration: Option<HairLossDuration>,
    /// 曾用药情况
    pub prior_treatment: Option<String>,

    // 健康与生活 (sensitive: only with consent)
    /// 身体状况及其它疾病
    pub health_notes: Option<String>,
    /// 生活习惯 / 生活状况
    pub life_notes: Option<String>,
    pub hobbies: Option<String>,

    // Staff-only
    /// 外貌特征
    pub appearance_notes: Option<String>,
    pub consultant: Option<String>,
    /// 咨询建议
    pub consultation_advice: Option<String>,

    pub info_source: Option<InfoSource>,
    pub first_visit: Option<NaiveDate>,
    pub first_purchase: Option<NaiveDate>,
    pub use_place: Option<UsePlace>,
    pub notes: Option<String>,
    /// The latest day the customer was in the store (registration, a visit logged as
    /// 到店). Kept on the record so that lists and the search show it without reading
    /// the follow-up log.
    pub last_visit: Option<NaiveDate>,
    /// 效果分类, set by staff.
    pub effect_class: Option<EffectClass>,
    /// 潜在顾客 A/B/C: for someone who has not bought yet, how well they know the
    /// product, as staff judge it.
    pub prospect_class: Option<super::classify::ProspectClass>,
    /// Earlier customers this registration may be the same person as (the same phone,
    /// or the same name and birth date), found when it was saved. Staff look and merge;
    /// the person at the kiosk is never told.
    pub possible_duplicates: Vec<String>,
    /// The staff member (their id) the customer is assigned to (客户分配): who looks
    /// after them. None: not assigned yet (the manager's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_id: Option<String>,
    /// The customer who referred them (转介绍), linked by staff to that record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referred_by: Option<String>,
    /// When the referrer was thanked for bringing them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referral_thanked: Option<super::record::Millis>,

    // Derived search keys, kept in the record so IndexedDB can index them.
    // Recomputed by `refresh_keys` on every save (and by a data migration when the
    // derivation changes).
    /// Lower-cased, space-free name for prefix search.
    pub name_key: String,
    /// The phone's digits, for lookup by number or its tail.
    pub phone_digits: String,
    /// `YYYY-MM` of the first visit, to group new customers by month.
    pub first_visit_month: Option<String>,
}
impl_record!(Customer, "customers");

/// A phone number as staff read it aloud and dial it: a mainland mobile in groups of
/// 3-4-4 (138 0000 1111), anything else as stored.
pub fn phone_for_reading(phone: &str) -> String {
    let digits = validation::phone_digits(phone);
    if digits.len() == 11 && digits == phone && digits.starts_with('1') {
        format!("{} {} {}", &digits[..3], &digits[3..7], &digits[7..])
    } else {
        phone.to_string()
    }
}

/// The `tel:` address that dials a stored phone number (its digits, `+` kept for a
/// foreign number), for the staff side only: customer screens show the last four digits.
pub fn tel_href(phone: &str) -> String {
    let plus = if phone.trim_start().starts_with('+') { "+" } else { "" };
    format!("tel:{plus}{}", validation::phone_digits(phone))
}

impl Customer {
    /// A new record with the required fields, stamped with where and when it was made.
    pub fn new(name: &str, phone: &str, stamp: &Stamp) -> Self {
        let mut c = Customer {
            id: new_id(),
            meta: Meta::new(stamp),
            name: name.to_string(),
            phone: phone.to_string(),
            ..Default::default()
        };
        c.refresh_keys();
        c
    }

    /// What a logged contact changes on the record: a visit in the store moves the
    /// last visit (a call, a text or a home visit does not).
    pub fn record_contact(&mut self, method: Option<super::care::ContactMethod>, day: NaiveDate) {
        if method == Some(super::care::ContactMethod::InStore) {
            self.record_visit(day);
        }
    }

    /// What a purchase changes on the record: the first purchase day (the earliest
    /// purchase so far) and where the customer uses the products.
    pub fn record_purchase(&mut self, purchase: &super::care::Purchase) {
        if self.first_purchase.is_none_or(|first| purchase.date.is_some_and(|d| d < first)) {
            self.first_purchase = purchase.date;
        }
        self.use_place = purchase.use_place;
    }

    /// Records a day in the store: `last_visit` only moves forward.
    pub fn record_visit(&mut self, day: NaiveDate) {
        if self.last_visit.is_none_or(|d| d < day) {
            self.last_visit = Some(day);
        }
    }

    /// Age in whole years on `today`.
    pub fn age(&self, today: NaiveDate) -> Option<u32> {
        self.birth_date.and_then(|b| today.years_since(b))
    }

    /// Recomputes the derived index fields from the fields they come from.
    pub fn refresh_keys(&mut self) {
        self.name_key = name_key(&self.name);
        self.phone_digits = validation::phone_digits(&self.phone);
        self.first_visit_month = self.first_visit.map(|d| d.format("%Y-%m").to_string());
    }

    /// Checks every field; returns each field's problem, by field name.
    pub fn problems(&self, today: NaiveDate) -> Vec<(&'static str, Msg)> {
        let mut out = Vec::new();
        if let Err(e) = validation::check_name(&self.name) {
            out.push(("name", e));
        }
        if let Err(e) = validation::check_phone(&self.phone) {
            out.push(("phone", e));
        }
        if let Some(birth) = self.birth_date {
            if let Err(e) = validation::check_birth_date(birth, today) {
                out.push(("birth_date", e));
            }
        }
        if let Some(grade) = self.hair_loss_grade {
            if !grade.is_valid() {
                out.push(("hair_loss_grade", Msg::new(T::GradeOutOfRange)));
            }
        }
        let notes = [
            ("address", &self.address),
            ("occupation", &self.occupation),
            ("prior_treatment", &self.prior_treatment),
            ("health_notes", &self.health_notes),
            ("life_notes", &self.life_notes),
            ("hobbies", &self.hobbies),
            ("appearance_notes", &self.appearance_notes),
            ("consultant", &self.consultant),
            ("consultation_advice", &self.consultation_advice),
            ("notes", &self.notes),
        ];
        for (field, value) in notes {
            if let Some(Err(e)) = value.as_deref().map(validation::check_note) {
                out.push((field, e));
            }
        }
        out
    }

    /// Drops what the sensitive-information consent covers: health and medical
    /// details (hair-loss diagnosis, grade and history, medication, health notes), e.g.
    /// when that consent is declined or withdrawn. Life notes and hobbies stay.
    pub fn clear_sensitive(&mut self) {
        self.health_notes = None;
        self.prior_treatment = None;
        self.hair_loss_type = None;
        self.hair_loss_grade = None;
        self.hair_loss_duration = None;
    }

    /// How staff address the customer: surname + 先生/女士 (e.g. 王先生), or the full
    /// name when the gender is not known or the name is not Chinese.
    pub fn salutation(&self, lang: Lang) -> String {
        let name = clean_text(&self.name);
        let first = name.chars().next();
        let chinese = first.is_some_and(|c| !c.is_ascii());
        match (lang, chinese, self.gender) {
            (Lang::Zh, true, Some(Gender::Male)) => Msg::new(T::SalutationMr).arg(surname(&name)).get(lang),
            (Lang::Zh, true, Some(Gender::Female)) => Msg::new(T::SalutationMs).arg(surname(&name)).get(lang),
            (Lang::En, _, Some(Gender::Male)) => Msg::new(T::SalutationMr).arg(surname_latin(&name)).get(lang),
            (Lang::En, _, Some(Gender::Female)) => Msg::new(T::SalutationMs).arg(surname_latin(&name)).get(lang),
            _ => name,
        }
    }
}

/// The search key of a name: lower case, without spaces or separators.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '-' | '\'' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Chinese compound surnames (复姓) take two characters.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木",
];

fn surname(name: &str) -> String {
    if COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
        name.chars().take(2).collect()
    } else {
        name.chars().take(1).collect()
    }
}

fn surname_latin(name: &str) -> String {
    if name.chars().next().is_some_and(|c| !c.is_ascii()) {
        // A Chinese name in an English UI: the surname in characters still reads right.
        return surname(name);
    }
    name.split_whitespace().last().unwrap_or(name).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_dial_the_whole_number_and_read_it_in_groups() {
        assert_eq!(tel_href("13800001111"), "tel:13800001111");
        assert_eq!(tel_href("+85291234567"), "tel:+85291234567");
        assert_eq!(phone_for_reading("13800001111"), "138 0000 1111");
        assert_eq!(phone_for_reading("+85291234567"), "+85291234567");
        assert_eq!(phone_for_reading("01088886666"), "01088886666");
    }

    fn stamp() -> Stamp {
        Stamp { store_id: "s".into(), device_id: "d".into(), now: 1 }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn new_customer_has_id_meta_and_keys() {
        let mut c = Customer::new("Wang Chao", "138 0013 8000", &stamp());
        assert!(!c.id.is_empty());
        assert_eq!(c.meta.store_id, "s");
        assert_eq!(c.name_key, "wangchao");
        assert_eq!(c.phone_digits, "13800138000");
        assert_eq!(c.first_visit_month, None);
        c.first_visit = NaiveDate::from_ymd_opt(2026, 3, 9);
        c.refresh_keys();
        assert_eq!(c.first_visit_month.as_deref(), Some("2026-03"));
    }

    #[test]
    fn problems_name_each_bad_field() {
        let mut c = Customer::new("", "12", &stamp());
        c.birth_date = NaiveDate::from_ymd_opt(2030, 1, 1);
        c.hair_loss_grade = Some(HairLossGrade::Ludwig(5));
        c.hobbies = Some("x".repeat(600));
        let fields: Vec<_> = c.problems(today()).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["name", "phone", "birth_date", "hair_loss_grade", "hobbies"]);
        let ok = Customer::new("李娜", "13900001111", &stamp());
        assert!(ok.problems(today()).is_empty());
    }

    #[test]
    fn salutation_uses_surname_and_title() {
        let mut c = Customer::new("王超", "13800138000", &stamp());
        assert_eq!(c.salutation(Lang::Zh), "王超");
        c.gender = Some(Gender::Male);
        assert_eq!(c.salutation(Lang::Zh), "王先生");
        c.name = "欧阳娜娜".into();
        c.gender = Some(Gender::Female);
        assert_eq!(c.salutation(Lang::Zh), "欧阳女士");
        c.name = "Anna Müller".into();
        assert_eq!(c.salutation(Lang::En), "Ms Müller");
    }

    #[test]
    fn unknown_fields_and_missing_fields_deserialise() {
        // Old records lack newer fields; newer records carry fields this build
        // does not know. Neither may fail to load.
        let json = r#"{"id":"x","name":"王超","phone":"13800138000","future_field":1}"#;
        let c: Customer = serde_json::from_str(json).unwrap();
        assert_eq!(c.name, "王超");
        assert_eq!(c.gender, None);
    }

    #[test]
    fn only_a_visit_in_the_store_moves_the_last_visit() {
        use crate::domain::care::ContactMethod;
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let mut c = Customer { last_visit: Some(day(10)), ..Customer::default() };
        c.record_contact(Some(ContactMethod::Phone), day(20));
        c.record_contact(Some(ContactMethod::HomeVisit), day(20));
        assert_eq!(c.last_visit, Some(day(10)));
        c.record_contact(Some(ContactMethod::InStore), day(20));
        assert_eq!(c.last_visit, Some(day(20)));
        c.record_contact(Some(ContactMethod::InStore), day(15));
        assert_eq!(c.last_visit, Some(day(20)), "never moves back");
    }

    #[test]
    fn the_first_purchase_is_the_earliest_and_the_place_follows_the_latest() {
        use crate::domain::care::{Purchase, UsePlace};
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let mut c = Customer::default();
        c.record_purchase(&Purchase { date: Some(day(10)), use_place: Some(UsePlace::Home), ..Purchase::default() });
        assert_eq!((c.first_purchase, c.use_place), (Some(day(10)), Some(UsePlace::Home)));
        c.record_purchase(&Purchase { date: Some(day(20)), use_place: Some(UsePlace::Store), ..Purchase::default() });
        assert_eq!((c.first_purchase, c.use_place), (Some(day(10)), Some(UsePlace::Store)));
        c.record_purchase(&Purchase { date: Some(day(5)), use_place: Some(UsePlace::Home), ..Purchase::default() });
        assert_eq!(c.first_purchase, Some(day(5)));
    }

    #[test]
    fn clear_sensitive_drops_health_details() {
        let mut c = Customer::new("王超", "13800138000", &stamp());
        c.health_notes = Some("高血压".into());
        c.prior_treatment = Some("米诺地尔".into());
        c.hobbies = Some("钓鱼".into());
        c.hair_loss_type = Some(HairLossType::Seborrheic);
        c.hair_loss_grade = Some(HairLossGrade::Norwood(3));
        c.clear_sensitive();
        assert_eq!((c.health_notes, c.prior_treatment), (None, None));
        assert_eq!((c.hair_loss_type, c.hair_loss_grade), (None, None));
        assert_eq!(c.hobbies.as_deref(), Some("钓鱼"));
    }
}
