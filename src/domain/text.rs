//! A piece of user-facing text in both UI languages.

pub use crate::i18n::Lang;

/// A message made by a rule (validation, a storage failure) that the UI shows in the
/// current language. Rules build both versions so that a language switch while a
/// message is on screen changes it too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self { zh: zh.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}
