//! The answers offered for a customer's fields, each with its label, shared by the
//! registration wizard and the staff's edit form so both say the same.

use crate::domain::registration::{HairTypeChoice, SourceChoice};
use crate::domain::{Gender, HairLossDuration, UsePlace};
use crate::i18n::{Label, T};

pub const GENDERS: [(Gender, T); 3] = [(Gender::Male, T::Male), (Gender::Female, T::Female), (Gender::Other, T::GenderUnsaid)];
pub const HAIR_TYPES: [(HairTypeChoice, T); 6] = [
    (HairTypeChoice::Seborrheic, T::HairSeborrheic),
    (HairTypeChoice::StressRelated, T::HairStress),
    (HairTypeChoice::AlopeciaAreata, T::HairAreata),
    (HairTypeChoice::Postpartum, T::HairPostpartum),
    (HairTypeChoice::Other, T::HairOther),
    (HairTypeChoice::NotSure, T::HairNotSure),
];
pub const DURATIONS: [(HairLossDuration, T); 5] = [
    (HairLossDuration::UnderSixMonths, T::DurUnderSix),
    (HairLossDuration::SixToTwelveMonths, T::DurSixTwelve),
    (HairLossDuration::OneToThreeYears, T::DurOneThree),
    (HairLossDuration::ThreeToFiveYears, T::DurThreeFive),
    (HairLossDuration::OverFiveYears, T::DurOverFive),
];
pub const SOURCES: [(SourceChoice, T); 6] = [
    (SourceChoice::Referral, T::SrcReferral),
    (SourceChoice::Event, T::SrcEvent),
    (SourceChoice::Advert, T::SrcAdvert),
    (SourceChoice::PassingBy, T::SrcPassingBy),
    (SourceChoice::Online, T::SrcOnline),
    (SourceChoice::Other, T::SrcOther),
];

pub const PLACES: [(UsePlace, T); 2] = [(UsePlace::Home, T::UseHome), (UsePlace::Store, T::UseStore)];

/// 男 / 女 for the gender of a card or a result row; nothing when not said.
pub fn gender_label(gender: Option<Gender>) -> Option<T> {
    gender.filter(|g| *g != Gender::Other).map(Label::label)
}
