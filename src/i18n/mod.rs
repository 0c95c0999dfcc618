//! The one catalogue of user text, zh-CN first and English second.
//!
//! Every text a person reads is an entry of the catalogue: `Key => "中文", "English";` in
//! the fragments of `src/i18n/catalogue/`, one per screen or area (`build.rs` joins them
//! into the [`T`] enum; a key defined twice or missing a language does not build).
//! Screens ask for `T::Key.get(lang)`; rules return a [`Msg`] (a key with arguments,
//! `Msg::new(T::PhoneTooShort).arg(10)`) that the screen renders with `msg.get(lang)`;
//! the domain's enums name their label with [`Label`]. Outside this folder only the
//! versioned consent notices (`domain/notices.rs`, hashed as worded) hold user text.

use serde::{Deserialize, Serialize};

mod labels;
mod msg;

pub use crate::domain::text::Bilingual;
pub use labels::Label;
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

            /// Both languages, for messages made outside the UI (storage errors).
            pub fn both(self) -> Bilingual {
                Bilingual::new(self.get(Lang::Zh), self.get(Lang::En))
            }

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

/// The space between a label and what follows: none after a Chinese colon, one in
/// English.
pub fn gap(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "",
        Lang::En => " ",
    }
}

/// "（3 天前）" / " (3 days ago)"; today is "（今天）".
pub fn days_since(lang: Lang, days: i64) -> String {
    let what = if days <= 0 { T::Today.get(lang).to_string() } else { format!("{days} {}", T::DaysAgo.get(lang)) };
    match lang {
        Lang::Zh => format!("\u{FF08}{what}\u{FF09}"),
        Lang::En => format!(" ({what})"),
    }
}

/// "58 岁" / "58 years old".
pub fn age(lang: Lang, years: u32) -> String {
    format!("{years} {}", T::YearsOld.get(lang))
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
        assert_eq!(days_since(Lang::Zh, 3), "\u{FF08}3 天前\u{FF09}");
        assert_eq!(days_since(Lang::En, 0), " (today)");
        assert_eq!(age(Lang::Zh, 58), "58 岁");
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        for t in T::ALL {
            assert!(!t.get(Lang::Zh).trim().is_empty(), "{t:?} has no Chinese");
            assert!(!t.get(Lang::En).trim().is_empty(), "{t:?} has no English");
        }
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
