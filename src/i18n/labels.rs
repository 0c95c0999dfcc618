//! One way to name a domain value on screen: [`Label`], implemented here for every
//! enum people see, so that a form's options, a card's facts and the customer's copy
//! all say the same. Each enum's `ALL` (next to the enum) lists its options in the
//! order a form offers them.

use super::{Lang, T};
use crate::domain::aftercare::Reaction;
use crate::domain::appointment::Status;
use crate::domain::backup::SkipReason;
use crate::domain::classify::{Activity, ProspectClass, ValueClass};
use crate::domain::plan::Holiday;
use crate::domain::progress::Metric;
use crate::domain::registration::{HairTypeChoice, SourceChoice, Step};
use crate::domain::{ContactMethod, EffectClass, Gender, HairLossDuration, PhotoKind, ScalpSite, UsePlace};

/// The catalogue key that names a value (男, 有效顾客, 在家上药 …).
pub trait Label: Copy {
    fn label(self) -> T;

    /// The name in `lang`.
    fn text(self, lang: Lang) -> &'static str {
        self.label().get(lang)
    }
}

/// The name of a chosen answer, if one is chosen.
pub fn label_of<E: Label>(value: Option<E>, lang: Lang) -> Option<&'static str> {
    value.map(|v| v.text(lang))
}

macro_rules! labels {
    ($($ty:ty { $($variant:ident => $key:ident),+ $(,)? })+) => {
        $(impl Label for $ty {
            fn label(self) -> T {
                match self { $(<$ty>::$variant => T::$key),+ }
            }
        })+
    };
}

labels! {
    Status { Booked => StatusBooked, Arrived => StatusArrived, NoShow => StatusNoShow, Cancelled => StatusCancelled }
    Gender { Male => Male, Female => Female, Other => GenderUnsaid }
    HairTypeChoice {
        Seborrheic => HairSeborrheic, StressRelated => HairStress, AlopeciaAreata => HairAreata,
        Postpartum => HairPostpartum, Other => HairOther, NotSure => HairNotSure,
    }
    HairLossDuration {
        UnderSixMonths => DurUnderSix, SixToTwelveMonths => DurSixTwelve, OneToThreeYears => DurOneThree,
        ThreeToFiveYears => DurThreeFive, OverFiveYears => DurOverFive,
    }
    SourceChoice {
        Referral => SrcReferral, Event => SrcEvent, Advert => SrcAdvert, PassingBy => SrcPassingBy,
        Online => SrcOnline, Other => SrcOther,
    }
    UsePlace { Home => UseHome, Store => UseStore }
    ContactMethod { Phone => MethodPhone, Sms => MethodSms, HomeVisit => MethodHome, InStore => MethodStore }
    PhotoKind { Trichoscope => KindTrichoscope, Camera => KindCamera }
    EffectClass { A => EffectA, B => EffectB, C => EffectC, D => EffectD }
    Activity { Active => ActivityActive, Dormant => ActivityDormant, Lost => ActivityLost }
    ValueClass { A => ValueA, B => ValueB, C => ValueC }
    ProspectClass { A => ProspectA, B => ProspectB, C => ProspectC }
    Reaction {
        Rash => ReactionRash, ScalpItch => ReactionScalpItch, Swelling => ReactionSwelling,
        MoreShedding => ReactionMoreShedding, Other => ReactionOther,
    }
    Metric {
        Density => MetricDensity, ShaftDiameter => MetricDiameter, Oiliness => MetricOiliness, Itch => MetricItch,
        Dandruff => MetricDandruff, Shedding => MetricShedding, NewGrowth => MetricNewGrowth, SelfRating => MetricSelfRating,
    }
    Holiday {
        NewYear => HolidayNewYear, SpringFestival => HolidaySpringFestival, WomensDay => HolidayWomensDay,
        LabourDay => HolidayLabourDay, MidAutumn => HolidayMidAutumn, DoubleNinth => HolidayDoubleNinth,
        NationalDay => HolidayNationalDay,
    }
    Step {
        Welcome => StepWelcome, Basic => StepBasic, Hair => StepHair, Health => StepHealth,
        Source => StepSource, Consent => StepConsent, Review => StepReview,
    }
    SkipReason {
        NewerHere => SkipNewerHere, DeletedHere => SkipDeletedHere,
        ChangedAfterDeletion => SkipChangedAfterDeletion, TabletSettingKept => SkipTabletSetting,
        DeletedInFile => SkipDeletedInFile, CustomerErased => SkipCustomerErased, WithdrawnHere => SkipWithdrawnHere,
    }
}

#[cfg(target_arch = "wasm32")]
labels! {
    crate::storage::backup::Step {
        Reading => StepReading, Photos => StepPhotos, Sealing => StepSealing,
        Opening => StepOpening, Checking => StepChecking, Writing => StepWriting,
    }
}

impl ScalpSite {
    /// The catalogue's name of a built-in site; `None` for a site the store added.
    pub fn built_in_label(&self) -> Option<T> {
        Some(match self {
            ScalpSite::Crown => T::SiteCrown,
            ScalpSite::FrontalHairline => T::SiteFrontal,
            ScalpSite::LeftTemple => T::SiteLeftTemple,
            ScalpSite::RightTemple => T::SiteRightTemple,
            ScalpSite::Occipital => T::SiteOccipital,
            ScalpSite::Custom(_) => return None,
        })
    }

    /// The site's name in `lang`: a built-in site's from the catalogue, the store's own
    /// sites as the store typed them.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            ScalpSite::Custom(name) => name.clone(),
            built_in => built_in.built_in_label().map(|key| key.get(lang).to_string()).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_all<E: Label + std::fmt::Debug>(all: &[E], seen: &mut Vec<T>) {
        assert!(!all.is_empty());
        for value in all {
            let key = value.label();
            assert!(!key.get(Lang::Zh).is_empty() && !key.get(Lang::En).is_empty(), "{value:?}");
            assert!(!key.get(Lang::En).chars().any(|c| c as u32 > 0x2000), "{value:?} has no English name");
            seen.push(key);
        }
    }

    #[test]
    fn every_value_has_its_own_name_in_both_languages() {
        let mut keys = Vec::new();
        macro_rules! each {
            ($($ty:ty),+) => { $({
                let mut mine = Vec::new();
                check_all(&<$ty>::ALL, &mut mine);
                let mut unique = mine.clone();
                unique.sort_by_key(|k| format!("{k:?}"));
                unique.dedup();
                assert_eq!(unique.len(), mine.len(), "two values of {} share a name", stringify!($ty));
                keys.extend(mine);
            })+ };
        }
        each!(Gender, HairTypeChoice, HairLossDuration, SourceChoice, UsePlace, ContactMethod, PhotoKind, EffectClass, Activity, ValueClass, ProspectClass, Reaction, Metric, Holiday, Step);
        check_all(
            &[
                SkipReason::NewerHere,
                SkipReason::DeletedHere,
                SkipReason::ChangedAfterDeletion,
                SkipReason::TabletSettingKept,
                SkipReason::DeletedInFile,
                SkipReason::CustomerErased,
                SkipReason::WithdrawnHere,
            ],
            &mut keys,
        );
        assert!(keys.len() > 60, "{}", keys.len());
    }

    #[test]
    fn labels_read_as_the_stores_say_them() {
        assert_eq!(Activity::Dormant.text(Lang::Zh), "沉睡顾客");
        assert_eq!(Activity::Dormant.text(Lang::En), "Dormant");
        assert_eq!(ValueClass::A.text(Lang::Zh), "A类（高价值）");
        assert_eq!(EffectClass::A.text(Lang::Zh), "A类（效果显著）");
        assert!(EffectClass::D.text(Lang::Zh).contains("退货"));
        assert_eq!(Gender::Other.text(Lang::En), "Prefer not to say");
        assert_eq!(label_of(Some(UsePlace::Home), Lang::Zh), Some("在家上药"));
        assert_eq!(label_of(None::<UsePlace>, Lang::Zh), None);
    }

    #[test]
    fn sites_built_in_from_the_catalogue_and_the_stores_own_as_typed() {
        assert_eq!(ScalpSite::Crown.label(Lang::Zh), "头顶百会穴");
        assert_eq!(ScalpSite::Occipital.label(Lang::En), "Back of the head");
        assert_eq!(ScalpSite::Custom("耳后".into()).label(Lang::En), "耳后");
        assert_eq!(ScalpSite::Custom("耳后".into()).built_in_label(), None);
        for site in ScalpSite::BUILT_IN {
            assert!(site.built_in_label().is_some(), "{site:?}");
        }
    }
}

/// A customer's hair-loss type as staff read it: the choice's name, or the customer's
/// own words for "other".
pub fn hair_type_text(t: &crate::domain::HairLossType, lang: Lang) -> String {
    match t {
        crate::domain::HairLossType::Other(words) if !words.trim().is_empty() => words.trim().to_string(),
        other => crate::domain::registration::HairTypeChoice::from_type(other).label().get(lang).to_string(),
    }
}

/// How a customer heard of the store, with who referred them or the customer's words.
pub fn source_text(s: &crate::domain::InfoSource, lang: Lang) -> String {
    let name = crate::domain::registration::SourceChoice::from_source(s).label();
    match s {
        crate::domain::InfoSource::Referral(by) | crate::domain::InfoSource::Other(by) if !by.trim().is_empty() => {
            super::Msg::new(T::LabelValue).arg(name).arg(by.trim()).get(lang)
        }
        _ => name.get(lang).to_string(),
    }
}

/// A hair-loss grade as staff read it (Norwood III 级), or nothing.
pub fn grade_text(g: Option<crate::domain::HairLossGrade>, lang: Lang) -> Option<String> {
    g.map(|g| crate::domain::customer_form::grade_label(&crate::domain::customer_form::grade_code(Some(g)), lang))
}
