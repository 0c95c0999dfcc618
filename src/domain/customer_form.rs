//! The staff's editor for an existing customer: every editable field as typed, so a
//! message next to one field never loses what was typed in the others. Checked with the
//! same rules as registration, so a record edited by staff is as clean as a new one.

use chrono::NaiveDate;

use super::care::UsePlace;
use super::customer::{Customer, EffectClass, Gender, HairLossDuration, HairLossGrade, HairLossType, InfoSource};
use super::registration::{HairTypeChoice, Problems, SourceChoice};
use super::validation::{check_name, check_note, check_phone, clean_text, parse_birth_date, Checked};
use crate::i18n::{Lang, Msg, T};

/// Every editable field of a [`Customer`], as typed. Not here: the id, `meta` and
/// `last_visit` (set by saving and by visits), `first_purchase` (comes from purchases)
/// and the derived search keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerForm {
    pub name: String,
    pub gender: Option<Gender>,
    /// `YYYY-MM-DD`, as `<input type="date">` gives it; empty when not known.
    pub birth_date: String,
    pub phone: String,
    pub address: String,
    pub occupation: String,

    pub hair_loss_type: Option<HairTypeChoice>,
    /// The type in the customer's words, when [`HairTypeChoice::Other`].
    pub hair_type_other: String,
    /// One of [`GRADE_CODES`]; empty for no grade.
    pub hair_loss_grade: String,
    pub hair_loss_duration: Option<HairLossDuration>,
    pub prior_treatment: String,

    pub health_notes: String,
    pub life_notes: String,
    pub hobbies: String,

    pub appearance_notes: String,
    pub consultant: String,
    pub consultation_advice: String,

    pub info_source: Option<SourceChoice>,
    /// Who referred them, or the "other" source in their words.
    pub source_detail: String,
    /// `YYYY-MM-DD`; empty when not known.
    pub first_visit: String,
    pub use_place: Option<UsePlace>,
    pub notes: String,
    pub effect_class: Option<EffectClass>,
    pub prospect_class: Option<super::classify::ProspectClass>,
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn date(value: Option<NaiveDate>) -> String {
    value.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

impl CustomerForm {
    /// The form filled with what the record holds now.
    pub fn from_customer(c: &Customer) -> Self {
        let hair_loss_type = c.hair_loss_type.as_ref().map(HairTypeChoice::from_type);
        let hair_type_other = match &c.hair_loss_type {
            Some(HairLossType::Other(s)) => s.clone(),
            _ => String::new(),
        };
        let info_source = c.info_source.as_ref().map(SourceChoice::from_source);
        let source_detail = match &c.info_source {
            Some(InfoSource::Referral(s) | InfoSource::Other(s)) => s.clone(),
            _ => String::new(),
        };
        Self {
            name: c.name.clone(),
            gender: c.gender,
            birth_date: date(c.birth_date),
            phone: c.phone.clone(),
            address: text(&c.address),
            occupation: text(&c.occupation),
            hair_loss_type,
            hair_type_other,
            hair_loss_grade: grade_code(c.hair_loss_grade),
            hair_loss_duration: c.hair_loss_duration,
            prior_treatment: text(&c.prior_treatment),
            health_notes: text(&c.health_notes),
            life_notes: text(&c.life_notes),
            hobbies: text(&c.hobbies),
            appearance_notes: text(&c.appearance_notes),
            consultant: text(&c.consultant),
            consultation_advice: text(&c.consultation_advice),
            info_source,
            source_detail,
            first_visit: date(c.first_visit),
            use_place: c.use_place,
            notes: text(&c.notes),
            effect_class: c.effect_class,
            prospect_class: c.prospect_class,
        }
    }

    /// `original` with the form's fields put in and the search keys recomputed, or every
    /// field's problem by field name. The id, `meta` and `last_visit` stay as they were:
    /// the caller stamps `meta` when it saves.
    ///
    /// Without the sensitive-information consent the health fields come out empty
    /// whatever the form says, and are not checked either: the screen hides them, so a
    /// message there could not be fixed.
    pub fn apply(&self, original: &Customer, today: NaiveDate, sensitive_allowed: bool) -> Result<Customer, Problems> {
        let mut out = Problems::new();
        let o = &mut out;
        let name = take(o, "name", check_name(&self.name));
        let birth_date = take(o, "birth_date", parse_birth_date(&self.birth_date, today)).flatten();
        let phone = take(o, "phone", check_phone(&self.phone).map(|p| p.digits));
        let address = note(o, "address", &self.address);
        let occupation = note(o, "occupation", &self.occupation);
        let (hair_type_other, hair_loss_grade, prior_treatment, health_notes) = if sensitive_allowed {
            (
                note(o, "hair_type_other", &self.hair_type_other),
                take(o, "hair_loss_grade", parse_grade(&self.hair_loss_grade)).flatten(),
                note(o, "prior_treatment", &self.prior_treatment),
                note(o, "health_notes", &self.health_notes),
            )
        } else {
            (None, None, None, None)
        };
        let life_notes = note(o, "life_notes", &self.life_notes);
        let hobbies = note(o, "hobbies", &self.hobbies);
        let appearance_notes = note(o, "appearance_notes", &self.appearance_notes);
        let consultant = note(o, "consultant", &self.consultant);
        let consultation_advice = note(o, "consultation_advice", &self.consultation_advice);
        // As at registration: a referrer is a person's name; any other detail is a note.
        let source_detail = if self.info_source == Some(SourceChoice::Referral) && !self.source_detail.trim().is_empty() {
            take(o, "source_detail", check_name(&self.source_detail))
        } else {
            note(o, "source_detail", &self.source_detail)
        };
        let first_visit = take(o, "first_visit", check_first_visit(&self.first_visit, birth_date, today)).flatten();
        let notes = note(o, "notes", &self.notes);
        if !out.is_empty() {
            return Err(out);
        }

        let mut c = original.clone();
        c.name = name.unwrap_or_default();
        c.gender = self.gender;
        c.birth_date = birth_date;
        c.phone = phone.unwrap_or_default();
        c.address = address;
        c.occupation = occupation;
        c.hair_loss_type = match self.hair_loss_type {
            Some(HairTypeChoice::Seborrheic) => Some(HairLossType::Seborrheic),
            Some(HairTypeChoice::StressRelated) => Some(HairLossType::StressRelated),
            Some(HairTypeChoice::AlopeciaAreata) => Some(HairLossType::AlopeciaAreata),
            Some(HairTypeChoice::Postpartum) => Some(HairLossType::Postpartum),
            Some(HairTypeChoice::Other) => Some(HairLossType::Other(clean_text(&hair_type_other.unwrap_or_default()))),
            Some(HairTypeChoice::NotSure) | None => None,
        };
        c.hair_loss_grade = hair_loss_grade;
        c.hair_loss_duration = self.hair_loss_duration;
        c.prior_treatment = prior_treatment;
        c.health_notes = health_notes;
        c.life_notes = life_notes;
        c.hobbies = hobbies;
        c.appearance_notes = appearance_notes;
        c.consultant = consultant;
        c.consultation_advice = consultation_advice;
        let detail = clean_text(&source_detail.unwrap_or_default());
        c.info_source = self.info_source.map(|s| match s {
            SourceChoice::Referral => InfoSource::Referral(detail.clone()),
            SourceChoice::Event => InfoSource::Event,
            SourceChoice::Advert => InfoSource::Advert,
            SourceChoice::PassingBy => InfoSource::PassingBy,
            SourceChoice::Online => InfoSource::Online,
            SourceChoice::Other => InfoSource::Other(detail.clone()),
        });
        c.first_visit = first_visit;
        c.use_place = self.use_place;
        c.notes = notes;
        c.effect_class = self.effect_class;
        c.prospect_class = self.prospect_class;
        if !sensitive_allowed {
            c.clear_sensitive();
        }
        c.refresh_keys();
        Ok(c)
    }
}

/// The checked value, or `None` with the field's problem added to `out`.
fn take<T>(out: &mut Problems, field: &'static str, checked: Checked<T>) -> Option<T> {
    checked.map_err(|e| out.push((field, e))).ok()
}

/// An optional free-text field, checked like every note.
fn note(out: &mut Problems, field: &'static str, input: &str) -> Option<String> {
    take(out, field, check_note(input)).flatten()
}

/// The first visit: optional, `YYYY-MM-DD`, not in the future and not before birth.
fn check_first_visit(input: &str, birth: Option<NaiveDate>, today: NaiveDate) -> Checked<Option<NaiveDate>> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .map_err(|_| Msg::new(T::DateAsYmd))?;
    if day > today {
        return Err(Msg::new(T::FirstVisitInFuture));
    }
    if birth.is_some_and(|b| day < b) {
        return Err(Msg::new(T::FirstVisitBeforeBirth));
    }
    Ok(Some(day))
}

/// Every grade a form may hold, in the order a list shows them; `""` (no grade) first.
pub const GRADE_CODES: &[&str] = &[
    "",
    "norwood:1", "norwood:2", "norwood:3", "norwood:4", "norwood:5", "norwood:6", "norwood:7",
    "ludwig:1", "ludwig:2", "ludwig:3",
    "savin:1", "savin:2", "savin:3", "savin:4", "savin:5", "savin:6", "savin:7", "savin:8",
];

/// The form's code for a grade: `""`, or `scale:stage` such as `norwood:3`.
pub fn grade_code(grade: Option<HairLossGrade>) -> String {
    match grade {
        None => String::new(),
        Some(HairLossGrade::Norwood(n)) => format!("norwood:{n}"),
        Some(HairLossGrade::Ludwig(n)) => format!("ludwig:{n}"),
        Some(HairLossGrade::Savin(n)) => format!("savin:{n}"),
    }
}

/// Reads a grade code back; `""` is no grade. Stages outside the scale are refused.
pub fn parse_grade(code: &str) -> Result<Option<HairLossGrade>, Msg> {
    let code = code.trim();
    if code.is_empty() {
        return Ok(None);
    }
    let bad = || Msg::new(T::GradeFromList);
    let (scale, stage) = code.split_once(':').ok_or_else(bad)?;
    let stage: u8 = stage.parse().map_err(|_| bad())?;
    let grade = match scale {
        "norwood" => HairLossGrade::Norwood(stage),
        "ludwig" => HairLossGrade::Ludwig(stage),
        "savin" => HairLossGrade::Savin(stage),
        _ => return Err(bad()),
    };
    if grade.is_valid() {
        Ok(Some(grade))
    } else {
        Err(bad())
    }
}

fn roman(n: u8) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII"].get(usize::from(n).wrapping_sub(1)).copied().unwrap_or("?")
}

/// How a grade code reads in a list: Norwood and Ludwig stages in Roman numerals, as
/// their charts print them; Savin in digits. An unknown code is shown as it is.
pub fn grade_label(code: &str, lang: Lang) -> String {
    let grade = match parse_grade(code) {
        Ok(None) => Msg::new(T::GradeNone),
        Ok(Some(HairLossGrade::Norwood(n))) => Msg::new(T::GradeNorwood).arg(roman(n)),
        Ok(Some(HairLossGrade::Ludwig(n))) => Msg::new(T::GradeLudwig).arg(roman(n)),
        Ok(Some(HairLossGrade::Savin(n))) => Msg::new(T::GradeSavin).arg(n),
        Err(_) => return code.to_string(),
    };
    grade.get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Stamp;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn customer() -> Customer {
        let stamp = Stamp { store_id: "store:朝阳店".into(), device_id: "前台#1".into(), now: 1_764_000_000_000 };
        let mut c = Customer::new("王超", "13800138000", &stamp);
        c.gender = Some(Gender::Male);
        c.birth_date = Some(day("1966-04-02"));
        c.address = Some("朝阳区望京街 1 号".into());
        c.occupation = Some("退休教师".into());
        c.hair_loss_type = Some(HairLossType::Other("压力大".into()));
        c.hair_loss_grade = Some(HairLossGrade::Norwood(3));
        c.hair_loss_duration = Some(HairLossDuration::OneToThreeYears);
        c.prior_treatment = Some("米诺地尔".into());
        c.health_notes = Some("高血压".into());
        c.life_notes = Some("早上打太极".into());
        c.hobbies = Some("钓鱼".into());
        c.appearance_notes = Some("戴眼镜，灰色夹克".into());
        c.consultant = Some("李店长".into());
        c.consultation_advice = Some("每天晚上用一次".into());
        c.info_source = Some(InfoSource::Referral("张阿姨".into()));
        c.first_visit = Some(day("2026-03-09"));
        c.last_visit = Some(day("2026-11-01"));
        c.use_place = Some(UsePlace::Home);
        c.notes = Some("周末来".into());
        c.effect_class = Some(EffectClass::B);
        c.refresh_keys();
        c
    }

    fn fields(r: Result<Customer, Problems>) -> Vec<&'static str> {
        r.unwrap_err().into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn round_trip_gives_the_same_customer() {
        let c = customer();
        let form = CustomerForm::from_customer(&c);
        assert_eq!(form.hair_loss_grade, "norwood:3");
        assert_eq!(form.first_visit, "2026-03-09");
        assert_eq!((form.hair_loss_type, form.hair_type_other.as_str()), (Some(HairTypeChoice::Other), "压力大"));
        assert_eq!(form.apply(&c, today(), true).unwrap(), c);
        let bare = Customer::new("李娜", "13900001111", &Stamp { store_id: "s".into(), device_id: "d".into(), now: 1 });
        assert_eq!(CustomerForm::from_customer(&bare).apply(&bare, today(), true).unwrap(), bare);
    }

    #[test]
    fn apply_cleans_the_input_and_keeps_id_meta_and_last_visit() {
        let c = customer();
        let mut form = CustomerForm::from_customer(&c);
        form.name = "  王  小超 ".into();
        form.phone = "+86 139-0000-1111".into();
        form.hobbies = "  ".into();
        form.info_source = Some(SourceChoice::Event);
        form.first_visit = "2026-02-01".into();
        let d = form.apply(&c, today(), true).unwrap();
        assert_eq!(d.name, "王 小超");
        assert_eq!(d.name_key, "王小超", "the name key follows the new name");
        assert_eq!((d.phone.as_str(), d.phone_digits.as_str()), ("13900001111", "13900001111"));
        assert_eq!(d.hobbies, None);
        assert_eq!(d.info_source, Some(InfoSource::Event));
        assert_eq!(d.first_visit_month.as_deref(), Some("2026-02"));
        assert_eq!((&d.id, &d.meta, d.last_visit), (&c.id, &c.meta, c.last_visit));
    }

    #[test]
    fn each_bad_field_is_reported_by_name() {
        let c = customer();
        let mut form = CustomerForm::from_customer(&c);
        form.name = "".into();
        form.birth_date = "2027-01-01".into();
        form.phone = "138abc".into();
        form.hair_loss_grade = "ludwig:5".into();
        form.life_notes = "字".repeat(501);
        form.first_visit = "2026-11-24".into();
        assert_eq!(fields(form.apply(&c, today(), true)), ["name", "birth_date", "phone", "hair_loss_grade", "life_notes", "first_visit"]);

        let mut form = CustomerForm::from_customer(&c);
        form.phone = "12".into();
        form.first_visit = "2026-13-01".into();
        form.notes = "x".repeat(600);
        assert_eq!(fields(form.apply(&c, today(), true)), ["phone", "first_visit", "notes"]);
        let mut form = CustomerForm::from_customer(&c);
        form.first_visit = "1960-01-01".into();
        assert_eq!(fields(form.apply(&c, today(), true)), ["first_visit"], "before the birth date");
    }

    #[test]
    fn without_sensitive_consent_health_fields_come_out_empty() {
        let c = customer();
        let mut form = CustomerForm::from_customer(&c);
        // Even an over-long health note does not block the save: it is dropped.
        form.health_notes = "字".repeat(600);
        let d = form.apply(&c, today(), false).unwrap();
        assert_eq!((d.health_notes, d.prior_treatment), (None, None));
        assert_eq!((d.hair_loss_type, d.hair_loss_grade, d.hair_loss_duration), (None, None, None));
        assert_eq!(d.life_notes.as_deref(), Some("早上打太极"), "life notes are not health data");
    }

    #[test]
    fn grade_codes_round_trip_and_read_well() {
        assert_eq!(GRADE_CODES.len(), 1 + 7 + 3 + 8);
        for code in GRADE_CODES {
            assert_eq!(grade_code(parse_grade(code).unwrap()), *code);
        }
        assert_eq!(parse_grade(" savin:8 ").unwrap(), Some(HairLossGrade::Savin(8)));
        for bad in ["norwood:0", "norwood:8", "ludwig:4", "savin:9", "norwood", "x:1", "ludwig:-1"] {
            assert!(parse_grade(bad).is_err(), "{bad}");
        }
        assert_eq!(grade_label("norwood:3", Lang::Zh), "Norwood III 级");
        assert_eq!(grade_label("norwood:7", Lang::En), "Norwood VII");
        assert_eq!(grade_label("ludwig:2", Lang::En), "Ludwig II");
        assert_eq!(grade_label("savin:5", Lang::Zh), "Savin 5 级");
        assert_eq!(grade_label("", Lang::Zh), "未分级");
        assert_eq!(grade_label("bogus", Lang::En), "bogus");
    }
}
