//! The registration wizard's rules: its steps, what each step checks, and how a
//! finished draft becomes a customer record and its consent records. The draft holds
//! exactly what was typed, so nothing is lost when a message appears or the customer
//! goes back and forth.

use chrono::NaiveDate;

use super::consent::{needs_guardian, ConsentKind, ConsentRecord, Guardian};
use super::customer::{Customer, Gender, HairLossDuration, HairLossType, InfoSource};
use super::notices::Notice;
use super::record::{new_id, Meta, Stamp};
use super::validation::{check_name, check_note, check_phone, clean_text, parse_birth_date};
use crate::i18n::{Msg, T};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Why registering is worth it.
    Welcome,
    /// 基本信息: name, gender, birth date, phone.
    Basic,
    /// 头发情况: hair-loss type, since when, prior treatment.
    Hair,
    /// 健康与生活: health, habits, occupation, hobbies.
    Health,
    /// 怎么知道我们: information source, referral.
    Source,
    /// 同意: the three consents (a guardian's for under 14).
    Consent,
    /// 确认: everything, with a way back to each step.
    Review,
}

impl Step {
    pub const ALL: [Step; 7] = [Step::Welcome, Step::Basic, Step::Hair, Step::Health, Step::Source, Step::Consent, Step::Review];

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Step> {
        Self::ALL.get(self.index() + 1).copied()
    }

    pub fn prev(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Self::ALL[i])
    }

    /// The heading of the box beside the step: why to fill it in, or, on the last
    /// step, that it is time to check.
    pub fn aside_title(self) -> T {
        match self {
            Step::Review => T::CheckTitle,
            _ => T::WhyTitle,
        }
    }

    /// What the box beside the step says: why this step's answers are asked (each
    /// step speaks of its own), or how to check and confirm.
    pub fn why(self) -> T {
        match self {
            Step::Welcome => T::WhyWelcome,
            Step::Basic => T::WhyBasic,
            Step::Hair => T::WhyHair,
            Step::Health => T::WhyHealth,
            Step::Source => T::WhySource,
            Step::Consent => T::WhyConsent,
            Step::Review => T::WhyReview,
        }
    }
}

/// 脱发类型 as offered on screen ("not sure" is an answer too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HairTypeChoice {
    Seborrheic,
    StressRelated,
    AlopeciaAreata,
    Postpartum,
    Other,
    NotSure,
}

impl HairTypeChoice {
    pub const ALL: [HairTypeChoice; 6] = [
        HairTypeChoice::Seborrheic,
        HairTypeChoice::StressRelated,
        HairTypeChoice::AlopeciaAreata,
        HairTypeChoice::Postpartum,
        HairTypeChoice::Other,
        HairTypeChoice::NotSure,
    ];

    /// The answer a stored type was given as.
    pub fn from_type(t: &HairLossType) -> Self {
        match t {
            HairLossType::Seborrheic => HairTypeChoice::Seborrheic,
            HairLossType::StressRelated => HairTypeChoice::StressRelated,
            HairLossType::AlopeciaAreata => HairTypeChoice::AlopeciaAreata,
            HairLossType::Postpartum => HairTypeChoice::Postpartum,
            HairLossType::Other(_) => HairTypeChoice::Other,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceChoice {
    Referral,
    Event,
    Advert,
    PassingBy,
    Online,
    Other,
}

impl SourceChoice {
    pub const ALL: [SourceChoice; 6] =
        [SourceChoice::Referral, SourceChoice::Event, SourceChoice::Advert, SourceChoice::PassingBy, SourceChoice::Online, SourceChoice::Other];

    /// The answer a stored source was given as.
    pub fn from_source(s: &InfoSource) -> Self {
        match s {
            InfoSource::Referral(_) => SourceChoice::Referral,
            InfoSource::Event => SourceChoice::Event,
            InfoSource::Advert => SourceChoice::Advert,
            InfoSource::PassingBy => SourceChoice::PassingBy,
            InfoSource::Online => SourceChoice::Online,
            InfoSource::Other(_) => SourceChoice::Other,
        }
    }
}

/// Everything typed or chosen so far, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub name: String,
    pub gender: Option<Gender>,
    /// `YYYY-MM-DD`, as `<input type="date">` gives it.
    pub birth_date: String,
    pub phone: String,

    pub hair_type: Option<HairTypeChoice>,
    pub hair_type_other: String,
    pub hair_duration: Option<HairLossDuration>,
    pub prior_treatment: String,

    pub health_notes: String,
    pub life_notes: String,
    pub occupation: String,
    pub hobbies: String,

    pub source: Option<SourceChoice>,
    /// Who referred them, or the "other" source in their words.
    pub source_detail: String,

    pub consent_personal: bool,
    pub consent_sensitive: bool,
    pub consent_marketing: bool,
    pub guardian_name: String,
    pub guardian_phone: String,
    /// The staff member present, if any.
    pub staff_present: String,
}

pub type Problems = Vec<(&'static str, Msg)>;

fn note(out: &mut Problems, field: &'static str, value: &str) {
    if let Err(e) = check_note(value) {
        out.push((field, e));
    }
}

impl Draft {
    pub fn birth(&self, today: NaiveDate) -> Option<NaiveDate> {
        parse_birth_date(&self.birth_date, today).ok().flatten()
    }

    /// Whether a guardian consents instead (under 14).
    pub fn needs_guardian(&self, today: NaiveDate) -> bool {
        needs_guardian(self.birth(today), today)
    }

    /// What is wrong on one step, by field; empty when the step may be left.
    pub fn problems(&self, step: Step, today: NaiveDate) -> Problems {
        let mut out = Problems::new();
        match step {
            Step::Welcome => {}
            Step::Basic => {
                if let Err(e) = check_name(&self.name) {
                    out.push(("name", e));
                }
                if let Err(e) = parse_birth_date(&self.birth_date, today) {
                    out.push(("birth_date", e));
                }
                if let Err(e) = check_phone(&self.phone) {
                    out.push(("phone", e));
                }
            }
            Step::Hair => {
                note(&mut out, "hair_type_other", &self.hair_type_other);
                note(&mut out, "prior_treatment", &self.prior_treatment);
            }
            Step::Health => {
                note(&mut out, "health_notes", &self.health_notes);
                note(&mut out, "life_notes", &self.life_notes);
                note(&mut out, "occupation", &self.occupation);
                note(&mut out, "hobbies", &self.hobbies);
            }
            Step::Source => {
                if self.source == Some(SourceChoice::Referral) && !self.source_detail.trim().is_empty() {
                    if let Err(e) = check_name(&self.source_detail) {
                        out.push(("source_detail", e));
                    }
                } else {
                    note(&mut out, "source_detail", &self.source_detail);
                }
            }
            Step::Consent => {
                if !self.consent_personal {
                    out.push((
                        "consent_personal",
                        Msg::new(T::ConsentPersonalNeeded),
                    ));
                }
                if self.needs_guardian(today) {
                    if let Err(e) = check_name(&self.guardian_name) {
                        out.push(("guardian_name", e));
                    }
                    if let Err(e) = check_phone(&self.guardian_phone) {
                        out.push(("guardian_phone", e));
                    }
                }
                if !self.staff_present.trim().is_empty() {
                    if let Err(e) = check_name(&self.staff_present) {
                        out.push(("staff_present", e));
                    }
                }
            }
            Step::Review => {
                for step in &Step::ALL[..Step::Review.index()] {
                    out.extend(self.problems(*step, today));
                }
            }
        }
        out
    }

    /// The first step with a problem, to send the customer back to it.
    pub fn first_step_with_problems(&self, today: NaiveDate) -> Option<Step> {
        Step::ALL.into_iter().find(|s| *s != Step::Review && !self.problems(*s, today).is_empty())
    }

    /// The customer record and one consent record per box (granted or not), ready to
    /// save together. Health details are dropped unless the sensitive consent is given.
    pub fn build(&self, stamp: &Stamp, today: NaiveDate) -> Result<(Customer, Vec<ConsentRecord>), Problems> {
        let problems = self.problems(Step::Review, today);
        if !problems.is_empty() {
            return Err(problems);
        }
        let name = check_name(&self.name).map_err(|e| vec![("name", e)])?;
        let phone = check_phone(&self.phone).map_err(|e| vec![("phone", e)])?;
        let text = |s: &str| check_note(s).ok().flatten();

        let mut c = Customer::new(&name, &phone.digits, stamp);
        c.gender = self.gender;
        c.birth_date = self.birth(today);
        c.hair_loss_type = match self.hair_type {
            Some(HairTypeChoice::Seborrheic) => Some(HairLossType::Seborrheic),
            Some(HairTypeChoice::StressRelated) => Some(HairLossType::StressRelated),
            Some(HairTypeChoice::AlopeciaAreata) => Some(HairLossType::AlopeciaAreata),
            Some(HairTypeChoice::Postpartum) => Some(HairLossType::Postpartum),
            Some(HairTypeChoice::Other) => Some(HairLossType::Other(clean_text(&self.hair_type_other))),
            Some(HairTypeChoice::NotSure) | None => None,
        };
        c.hair_loss_duration = self.hair_duration;
        c.prior_treatment = text(&self.prior_treatment);
        c.health_notes = text(&self.health_notes);
        c.life_notes = text(&self.life_notes);
        c.occupation = text(&self.occupation);
        c.hobbies = text(&self.hobbies);
        let detail = clean_text(&self.source_detail);
        c.info_source = self.source.map(|s| match s {
            SourceChoice::Referral => InfoSource::Referral(detail.clone()),
            SourceChoice::Event => InfoSource::Event,
            SourceChoice::Advert => InfoSource::Advert,
            SourceChoice::PassingBy => InfoSource::PassingBy,
            SourceChoice::Online => InfoSource::Online,
            SourceChoice::Other => InfoSource::Other(detail.clone()),
        });
        c.first_visit = Some(today);
        c.last_visit = Some(today);
        if !self.consent_sensitive {
            c.clear_sensitive();
        }
        c.refresh_keys();

        let guardian = self.needs_guardian(today).then(|| Guardian {
            name: clean_text(&self.guardian_name),
            phone: check_phone(&self.guardian_phone).map(|p| p.digits).unwrap_or_default(),
        });
        let staff = Some(clean_text(&self.staff_present)).filter(|s| !s.is_empty());
        let consents = [
            (ConsentKind::PersonalInfo, self.consent_personal),
            (ConsentKind::SensitiveInfo, self.consent_sensitive),
            (ConsentKind::Marketing, self.consent_marketing),
        ]
        .into_iter()
        .map(|(kind, granted)| {
            let notice = Notice::for_kind(kind);
            ConsentRecord {
                id: new_id(),
                meta: Meta::new(stamp),
                customer_id: c.id.clone(),
                kind,
                notice_id: notice.id.to_string(),
                notice_hash: notice.hash(),
                granted,
                at: stamp.now,
                staff_present: staff.clone(),
                guardian: guardian.clone(),
                withdrawn_at: None,
            }
        })
        .collect();
        Ok((c, consents))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn stamp() -> Stamp {
        Stamp { store_id: "store:朝阳店".into(), device_id: "前台#1".into(), now: 1_764_000_000_000 }
    }

    fn filled() -> Draft {
        Draft {
            name: "  王超 ".into(),
            gender: Some(Gender::Male),
            birth_date: "1966-04-02".into(),
            phone: "138 0013 8000".into(),
            hair_type: Some(HairTypeChoice::Seborrheic),
            hair_duration: Some(HairLossDuration::OneToThreeYears),
            prior_treatment: "米诺地尔".into(),
            health_notes: "高血压".into(),
            life_notes: "退休，早上打太极".into(),
            source: Some(SourceChoice::Referral),
            source_detail: "张阿姨".into(),
            consent_personal: true,
            consent_sensitive: true,
            staff_present: "李店长".into(),
            ..Draft::default()
        }
    }

    /// Each step's "why" speaks of its own step: no two are the same, none names an
    /// answer asked on another step (the health step's once spoke of the medicines the
    /// hair step asks), and the last step's box is headed 请检查一遍 and explains the
    /// confirmation instead of a 为什么要填 over it.
    #[test]
    fn each_steps_prompt_speaks_of_its_own_step() {
        use crate::domain::notices::ASKED;
        use crate::i18n::Lang;
        for lang in [Lang::Zh, Lang::En] {
            let texts: Vec<&str> = Step::ALL.iter().map(|s| s.why().get(lang)).collect();
            for (i, a) in texts.iter().enumerate() {
                for b in &texts[i + 1..] {
                    assert_ne!(a, b, "two steps share a prompt");
                }
            }
        }
        assert_ne!(Step::Welcome.why().get(Lang::Zh), Step::Basic.why().get(Lang::Zh));
        for step in Step::ALL {
            let why = step.why().get(Lang::Zh);
            for asked in ASKED.iter().filter(|a| a.step != step) {
                assert!(!why.contains(asked.zh), "{step:?}'s prompt speaks of {} (asked on {:?})", asked.zh, asked.step);
            }
        }
        for word in ["药", "治疗"] {
            assert!(!Step::Health.why().get(Lang::Zh).contains(word), "medicines are asked on the hair step");
        }
        assert!(!Step::Health.why().get(Lang::En).contains("medicine"));
        assert!(Step::Hair.why().get(Lang::Zh).contains("药"), "they are the hair step's to explain");
        // The last step: a check, headed so, that says how to confirm.
        assert_eq!(Step::Review.aside_title(), T::CheckTitle);
        assert_eq!(T::CheckTitle.get(Lang::Zh), "请检查一遍");
        for lang in [Lang::Zh, Lang::En] {
            assert!(Step::Review.why().get(lang).contains(T::SaveRegistration.get(lang)), "explains the confirmation");
            assert!(Step::Review.why().get(lang).contains(T::Edit.get(lang)));
        }
        for step in &Step::ALL[..Step::Review.index()] {
            assert_eq!(step.aside_title(), T::WhyTitle);
        }
    }

    #[test]
    fn steps_go_forward_and_back_in_order() {
        assert_eq!(Step::Welcome.prev(), None);
        assert_eq!(Step::Welcome.next(), Some(Step::Basic));
        assert_eq!(Step::Consent.next(), Some(Step::Review));
        assert_eq!(Step::Review.next(), None);
        assert_eq!(Step::Basic.prev(), Some(Step::Welcome));
    }

    #[test]
    fn basic_step_requires_name_and_phone_only() {
        let d = Draft::default();
        let fields: Vec<_> = d.problems(Step::Basic, today()).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["name", "phone"]);
        let d = Draft { name: "李娜".into(), phone: "13900001111".into(), ..Draft::default() };
        assert!(d.problems(Step::Basic, today()).is_empty(), "gender and birth date are optional");
        assert!(d.problems(Step::Hair, today()).is_empty());
        assert!(d.problems(Step::Health, today()).is_empty());
    }

    #[test]
    fn bad_basic_input_names_the_field() {
        let d = Draft { name: "😀😀".into(), phone: "138abc".into(), birth_date: "2030-01-01".into(), ..Draft::default() };
        let fields: Vec<_> = d.problems(Step::Basic, today()).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["name", "birth_date", "phone"]);
        let junk = Draft { name: "x".repeat(200), phone: "13800138000".into(), ..Draft::default() };
        assert_eq!(junk.problems(Step::Basic, today())[0].0, "name");
    }

    #[test]
    fn consent_step_requires_the_personal_notice_and_a_guardian_for_children() {
        let mut d = filled();
        d.consent_personal = false;
        assert_eq!(d.problems(Step::Consent, today())[0].0, "consent_personal");
        d.consent_personal = true;
        d.birth_date = "2015-06-01".into();
        assert!(d.needs_guardian(today()));
        let fields: Vec<_> = d.problems(Step::Consent, today()).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["guardian_name", "guardian_phone"]);
        d.guardian_name = "王大明".into();
        d.guardian_phone = "13700001111".into();
        assert!(d.problems(Step::Consent, today()).is_empty());
    }

    #[test]
    fn build_makes_a_trimmed_customer_with_first_visit_today_and_three_consents() {
        let (c, consents) = filled().build(&stamp(), today()).unwrap();
        assert_eq!(c.name, "王超");
        assert_eq!(c.phone, "13800138000");
        assert_eq!(c.phone_digits, "13800138000");
        assert_eq!(c.first_visit, Some(today()));
        assert_eq!(c.first_visit_month.as_deref(), Some("2026-11"));
        assert_eq!(c.health_notes.as_deref(), Some("高血压"));
        assert_eq!(c.info_source, Some(InfoSource::Referral("张阿姨".into())));
        assert_eq!(c.meta.store_id, "store:朝阳店");
        let kinds: Vec<_> = consents.iter().map(|r| (r.kind, r.granted)).collect();
        assert_eq!(
            kinds,
            [(ConsentKind::PersonalInfo, true), (ConsentKind::SensitiveInfo, true), (ConsentKind::Marketing, false)]
        );
        for r in &consents {
            assert_eq!(r.customer_id, c.id);
            assert_eq!(r.notice_hash, Notice::for_kind(r.kind).hash());
            assert_eq!(r.at, stamp().now);
            assert_eq!(r.meta.device_id, "前台#1");
            assert_eq!(r.staff_present.as_deref(), Some("李店长"));
            assert_eq!(r.guardian, None);
        }
    }

    #[test]
    fn declining_sensitive_consent_keeps_no_health_details() {
        let mut d = filled();
        d.consent_sensitive = false;
        let (c, consents) = d.build(&stamp(), today()).unwrap();
        assert_eq!(c.health_notes, None);
        assert_eq!(c.prior_treatment, None);
        assert_eq!(c.hair_loss_type, None);
        assert_eq!(c.hair_loss_duration, None);
        assert_eq!(c.life_notes.as_deref(), Some("退休，早上打太极"), "life notes are not health data");
        assert!(!consents[1].granted);
    }

    #[test]
    fn build_refuses_an_incomplete_draft() {
        let mut d = filled();
        d.phone = "12".into();
        let problems = d.build(&stamp(), today()).unwrap_err();
        assert_eq!(problems[0].0, "phone");
        assert_eq!(d.first_step_with_problems(today()), Some(Step::Basic));
        assert_eq!(filled().first_step_with_problems(today()), None);
    }

    #[test]
    fn a_childs_consents_carry_the_guardian() {
        let mut d = filled();
        d.birth_date = "2016-01-01".into();
        d.guardian_name = "王大明".into();
        d.guardian_phone = "137 0000 1111".into();
        let (_, consents) = d.build(&stamp(), today()).unwrap();
        assert_eq!(consents[0].guardian, Some(Guardian { name: "王大明".into(), phone: "13700001111".into() }));
    }
}
