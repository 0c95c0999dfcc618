//! The customer classes a search row carries (the app's domain re-exports them where
//! they belong: `domain::customer`, `domain::classify`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
    Other,
}

impl Gender {
    /// In the order the forms offer them (`Other` reads "prefer not to say").
    pub const ALL: [Gender; 3] = [Gender::Male, Gender::Female, Gender::Other];
}

/// 效果分类: how well the treatment works for this customer, as staff judge it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EffectClass {
    /// 效果显著
    A,
    /// 效果一般
    B,
    /// 基本无效
    C,
    /// 恶化 / 退货 / 停用: needs attention; adverse reactions are recorded as incidents.
    D,
}

impl EffectClass {
    pub const ALL: [EffectClass; 4] = [EffectClass::A, EffectClass::B, EffectClass::C, EffectClass::D];

    /// One letter, as the search row keeps it.
    pub fn code(self) -> &'static str {
        ["A", "B", "C", "D"][self as usize]
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// 潜在顾客 A/B/C: how well someone who has not bought yet knows the product, as staff
/// judge it. Stored on records later, hence serde.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProspectClass {
    A,
    B,
    C,
}

impl ProspectClass {
    pub const ALL: [ProspectClass; 3] = [ProspectClass::A, ProspectClass::B, ProspectClass::C];

    pub fn code(self) -> &'static str {
        ["A", "B", "C"][self as usize]
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}
