//! Input rules shared by registration and the staff editor. Each check returns the
//! cleaned value, or a [`Msg`] to show next to the field.

use chrono::{Datelike, NaiveDate};

use crate::i18n::{Msg, T};

pub type Checked<V> = Result<V, Msg>;

/// Longest name we accept, in characters (Chinese names are 2–4; transliterated
/// minority and foreign names run longer).
pub const NAME_MAX_CHARS: usize = 40;
/// Longest free-text note, in characters.
pub const NOTE_MAX_CHARS: usize = 500;
/// Oldest plausible customer.
pub const MAX_AGE_YEARS: i32 = 120;

/// Trims, folds runs of white space, and removes control characters.
pub fn clean_text(input: &str) -> String {
    input
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// A name: required, at most [`NAME_MAX_CHARS`], made of Han characters or letters,
/// with the separators real names use (space, `·`, `-`, `'`, `.`).
pub fn check_name(input: &str) -> Checked<String> {
    let name = clean_text(input);
    if name.is_empty() {
        return Err(T::NameRequired.into());
    }
    let count = name.chars().count();
    if count > NAME_MAX_CHARS {
        return Err(Msg::new(T::NameTooLong).arg(NAME_MAX_CHARS).arg(count));
    }
    let allowed = |c: char| is_han(c) || c.is_alphabetic() || matches!(c, ' ' | '·' | '•' | '-' | '\'' | '.');
    if !name.chars().any(|c| is_han(c) || c.is_alphabetic()) || !name.chars().all(allowed) {
        return Err(T::NameLetters.into());
    }
    Ok(name)
}

/// What kind of phone number was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneKind {
    /// Mainland mobile: 11 digits starting with 1.
    Mobile,
    /// Mainland landline with area code: starts with 0, 10–12 digits.
    Landline,
    /// Anything with a `+` country code other than +86: 6–15 digits (E.164).
    International,
}

/// A checked phone number: `digits` is what we store and search (only digits, with a
/// leading `+` for international numbers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone {
    pub digits: String,
    pub kind: PhoneKind,
}

/// A phone number: required. Spaces, dashes, dots and brackets are ignored; `+86` is
/// dropped. Mainland mobiles must be 11 digits starting with 1; landlines and foreign
/// numbers are checked for digits and length.
pub fn check_phone(input: &str) -> Checked<Phone> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(T::PhoneRequired.into());
    }
    let plus = trimmed.starts_with(['+', '\u{FF0B}']);
    let mut digits = String::new();
    for c in trimmed.chars().skip(usize::from(plus)) {
        match c {
            '0'..='9' => digits.push(c),
            // Full-width digits from a Chinese IME.
            '\u{FF10}'..='\u{FF19}' => digits.push(char::from(b'0' + (c as u32 - 0xFF10) as u8)),
            // Separators, also their full-width forms (( ) -) and the em dash.
            ' ' | '-' | '.' | '(' | ')' | '\u{FF08}' | '\u{FF09}' | '\u{FF0D}' | '\u{2014}' | '\u{3000}' => {}
            _ => {
                return Err(T::PhoneDigitsOnly.into())
            }
        }
    }
    if plus && digits.starts_with("86") {
        digits.drain(..2);
    } else if plus {
        return if (6..=15).contains(&digits.len()) {
            Ok(Phone { digits: format!("+{digits}"), kind: PhoneKind::International })
        } else {
            Err(T::PhoneInternational.into())
        };
    }
    match digits.chars().next() {
        Some('1') if digits.len() == 11 => Ok(Phone { digits, kind: PhoneKind::Mobile }),
        Some('1') => Err(Msg::new(T::PhoneMobileLength).arg(digits.len())),
        Some('0') if (10..=12).contains(&digits.len()) => Ok(Phone { digits, kind: PhoneKind::Landline }),
        Some('0') => Err(T::PhoneLandline.into()),
        _ => Err(T::PhoneUnknown.into()),
    }
}

/// Only the digits of a phone-like input (for search by phone tail).
pub fn phone_digits(input: &str) -> String {
    input.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// A birth date: not in the future and at most [`MAX_AGE_YEARS`] years ago.
pub fn check_birth_date(date: NaiveDate, today: NaiveDate) -> Checked<NaiveDate> {
    if date > today {
        return Err(T::BirthInFuture.into());
    }
    if today.year() - date.year() > MAX_AGE_YEARS {
        return Err(Msg::new(T::BirthTooEarly).arg(today.year() - MAX_AGE_YEARS));
    }
    Ok(date)
}

/// Parses `YYYY-MM-DD` (what `<input type="date">` gives) and checks it as a birth date.
pub fn parse_birth_date(input: &str, today: NaiveDate) -> Checked<Option<NaiveDate>> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .map_err(|_| Msg::new(T::DateAsYmd))?;
    check_birth_date(date, today).map(Some)
}

/// Age in whole years on `today`.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> u32 {
    today.years_since(birth).unwrap_or(0)
}

/// An optional note: cleaned, empty becomes `None`, at most [`NOTE_MAX_CHARS`].
pub fn check_note(input: &str) -> Checked<Option<String>> {
    let text = input.trim().to_string();
    let count = text.chars().count();
    if count > NOTE_MAX_CHARS {
        return Err(Msg::new(T::NoteTooLong).arg(NOTE_MAX_CHARS).arg(count));
    }
    Ok((!text.is_empty()).then_some(text))
}

/// A number within an inclusive range, for measurements and scores; `what` names it.
pub fn check_range(value: f64, min: f64, max: f64, what: T) -> Checked<f64> {
    if !value.is_finite() || value < min || value > max {
        return Err(Msg::new(T::OutOfRange).arg(what).arg(min).arg(max));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn name_is_required_and_trimmed() {
        assert!(check_name("").is_err());
        assert!(check_name("   ").is_err());
        assert_eq!(check_name("  王 超 ").unwrap(), "王 超");
        assert_eq!(check_name("王超").unwrap(), "王超");
        assert_eq!(check_name("Anna  Müller").unwrap(), "Anna Müller");
        assert_eq!(check_name("阿卜杜·热合曼").unwrap(), "阿卜杜·热合曼");
    }

    #[test]
    fn name_rejects_junk_emoji_and_overlong_input() {
        let err = check_name("😀😀").unwrap_err();
        assert!(err.get(Lang::Zh).contains("汉字"), "{err:?}");
        assert!(err.get(Lang::En).contains("letters"));
        assert!(check_name("王😀").is_err());
        assert!(check_name("12345").is_err());
        assert!(check_name("<script>").is_err());
        let long = "王".repeat(200);
        let err = check_name(&long).unwrap_err();
        assert!(err.get(Lang::Zh).contains("200"), "{err:?}");
        assert!(check_name(&"王".repeat(NAME_MAX_CHARS)).is_ok());
    }

    #[test]
    fn mobile_numbers_are_eleven_digits_starting_with_one() {
        let p = check_phone("138 0013 8000").unwrap();
        assert_eq!(p.digits, "13800138000");
        assert_eq!(p.kind, PhoneKind::Mobile);
        assert_eq!(check_phone("+86 138-0013-8000").unwrap().digits, "13800138000");
        assert_eq!(check_phone("13800138000").unwrap().digits, "13800138000");
        let short = check_phone("1380013800").unwrap_err();
        assert!(short.get(Lang::Zh).contains("11"), "{short:?}");
        assert!(short.get(Lang::En).contains("10"), "{short:?}");
        assert!(check_phone("138001380001").is_err());
    }

    #[test]
    fn phone_rejects_letters_and_empty_input() {
        assert!(check_phone("").unwrap_err().get(Lang::Zh).contains("请填写"));
        let letters = check_phone("138abc38000").unwrap_err();
        assert!(letters.get(Lang::Zh).contains("数字"));
        assert!(check_phone("2345678").is_err());
        // Full-width digits and brackets from a Chinese input method.
        assert_eq!(check_phone("\u{FF11}\u{FF13}\u{FF18}\u{FF08}0013\u{FF09}8000").unwrap().digits, "13800138000");
    }

    #[test]
    fn landlines_and_foreign_numbers_are_allowed_when_plausible() {
        let l = check_phone("(010) 6552-9988").unwrap();
        assert_eq!((l.digits.as_str(), l.kind), ("01065529988", PhoneKind::Landline));
        assert!(check_phone("010-123").is_err());
        let f = check_phone("+852 9123 4567").unwrap();
        assert_eq!((f.digits.as_str(), f.kind), ("+85291234567", PhoneKind::International));
        assert!(check_phone("+1 23").is_err());
    }

    #[test]
    fn birth_date_is_not_in_the_future_nor_absurd() {
        let today = day("2026-11-23");
        assert!(check_birth_date(day("2026-11-24"), today).is_err());
        assert!(check_birth_date(day("1890-01-01"), today).is_err());
        assert!(check_birth_date(day("1960-05-01"), today).is_ok());
        assert_eq!(parse_birth_date("", today).unwrap(), None);
        assert!(parse_birth_date("1960-13-01", today).is_err());
        assert_eq!(parse_birth_date("1960-05-01", today).unwrap(), Some(day("1960-05-01")));
    }

    #[test]
    fn age_counts_whole_years() {
        let birth = day("1960-11-24");
        assert_eq!(age_on(birth, day("2026-11-23")), 65);
        assert_eq!(age_on(birth, day("2026-11-24")), 66);
    }

    #[test]
    fn notes_are_optional_and_bounded() {
        assert_eq!(check_note("  ").unwrap(), None);
        assert_eq!(check_note(" 喜欢钓鱼 ").unwrap().as_deref(), Some("喜欢钓鱼"));
        assert!(check_note(&"字".repeat(NOTE_MAX_CHARS + 1)).is_err());
    }

    #[test]
    fn ranges_name_the_quantity_in_both_languages() {
        let what = T::MetricDensity;
        assert_eq!(check_range(140.0, 0.0, 400.0, what).unwrap(), 140.0);
        let err = check_range(900.0, 0.0, 400.0, what).unwrap_err();
        assert_eq!(err.get(Lang::Zh), "头发密度应在 0 到 400 之间");
        assert_eq!(err.get(Lang::En), "Hair density must be between 0 and 400");
        assert!(check_range(f64::NAN, 0.0, 400.0, what).is_err());
    }
}
