//! The one catalogue of user text, zh-CN first and English second.
//!
//! Every text a person reads is an entry of the catalogue: `Key => "中文", "English";` in
//! the fragments of `src/i18n/catalogue/`, one per screen or area (`build.rs` joins them
//! into the [`T`] enum; a key defined twice or missing a language does not build).
//! Screens ask for `T::Key.get(lang)`; rules return a [`Msg`] (a key with arguments,
//! `Msg::new(T::PhoneTooShort).arg(10)`) that the screen renders with `msg.get(lang)`;
//! the domain's enums name their label with [`Label`]. Outside this folder only the
//! versioned consent notices (`domain/notices.rs`, hashed as worded) hold user text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod labels;
#[cfg(test)]
mod literal_scan;
mod msg;

pub use labels::{label_of, Label};
pub use msg::{Arg, Msg};

/// The UI languages. Chinese (zh-CN) first, English second.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The BCP 47 tag for the `lang` attribute of the page.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

macro_rules! catalogue {
    ($($key:ident => $zh:literal, $en:literal;)+) => {
        /// A piece of user text: its Chinese and English live in `src/i18n/catalogue/`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key),+ }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),+];

            /// The text in `lang`. A key whose text has placeholders (`{0}`) is shown
            /// through [`Msg`], which fills them in.
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Zh) => $zh, (T::$key, Lang::En) => $en,)+
                }
            }
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// `days` ago in words: "3 天前" / "3 days ago"; 0 (or less: a day ahead on another
/// tablet's clock) is "今天" / "today".
pub fn ago(days: i64) -> Msg {
    if days <= 0 {
        T::Today.into()
    } else {
        Msg::new(T::DaysAgoCount).arg(days)
    }
}

/// A day and how long ago it was: "2026-11-20（3 天前）" / "2026-11-20 (3 days ago)".
pub fn day_ago(day: NaiveDate, today: NaiveDate) -> Msg {
    Msg::new(T::Aside).arg(day.format("%Y-%m-%d").to_string()).arg(ago((today - day).num_days()))
}

/// An age: "58 岁" / "58 years old".
pub fn age(years: u32) -> Msg {
    Msg::new(T::AgeYears).arg(years)
}

/// Bytes as a person reads them: 1.2 MB, 38.0 GB (decimal units, as storage is sold).
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_read_as_people_say_them() {
        assert_eq!(human_bytes(0.0), "0 B");
        assert_eq!(human_bytes(999.0), "999 B");
        assert_eq!(human_bytes(1_234_567.0), "1.2 MB");
        assert_eq!(human_bytes(38e9), "38.0 GB");
    }

    #[test]
    fn days_and_ages_read_naturally() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = day("2026-11-23");
        assert_eq!(day_ago(day("2026-11-20"), today).get(Lang::Zh), "2026-11-20\u{FF08}3 天前\u{FF09}");
        assert_eq!(day_ago(day("2026-11-20"), today).get(Lang::En), "2026-11-20 (3 days ago)");
        assert_eq!(ago(1).get(Lang::En), "1 day ago");
        assert_eq!(ago(0).get(Lang::En), "today");
        assert_eq!(day_ago(day("2026-11-24"), today).get(Lang::Zh), "2026-11-24\u{FF08}今天\u{FF09}", "a clock ahead reads today");
        assert_eq!(age(58).get(Lang::Zh), "58 岁");
        assert_eq!(age(1).get(Lang::En), "1 year old");
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        for t in T::ALL {
            assert!(!t.get(Lang::Zh).trim().is_empty(), "{t:?} has no Chinese");
            assert!(!t.get(Lang::En).trim().is_empty(), "{t:?} has no English");
        }
    }

    /// The placeholders of a template, as (index, is a `?one|other` choice); panics on
    /// a `{` that starts a digit but is not a placeholder.
    fn placeholders(key: T, text: &str) -> std::collections::BTreeSet<usize> {
        let mut found = std::collections::BTreeSet::new();
        for (at, _) in text.match_indices('{') {
            let after = &text[at + 1..];
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                let (index, _, _) = msg::placeholder(after).unwrap_or_else(|| panic!("{key:?}: a broken placeholder in {text:?}"));
                found.insert(index);
            }
        }
        found
    }

    #[test]
    fn both_languages_take_the_same_arguments() {
        let mut templates = 0;
        for t in T::ALL {
            let (zh, en) = (placeholders(*t, t.get(Lang::Zh)), placeholders(*t, t.get(Lang::En)));
            // Plural choices ({0?one|other}) count as uses of their argument.
            assert_eq!(zh, en, "{t:?}: the Chinese uses {zh:?}, the English {en:?}");
            if let Some(last) = zh.iter().next_back() {
                assert_eq!(zh.len(), last + 1, "{t:?} skips an argument: {zh:?}");
                templates += 1;
            }
        }
        assert!(templates > 50, "{templates}");
    }

    #[test]
    fn chinese_is_chinese_and_english_is_not() {
        let han = |s: &str| s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
        assert!(han(T::Register.get(Lang::Zh)));
        // The language switch names the other language, in that language.
        assert_eq!(T::SwitchLanguage.get(Lang::Zh), "English");
        for t in T::ALL.iter().filter(|t| **t != T::SwitchLanguage) {
            assert!(!han(t.get(Lang::En)), "{t:?} has Chinese in its English text");
        }
    }
}
