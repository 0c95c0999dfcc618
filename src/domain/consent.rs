//! Consents under PIPL: three separate ones, each tied to the exact notice text shown.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::record::{impl_record, Meta, Millis};
use super::validation::age_on;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    /// 个人信息处理 — required to register.
    PersonalInfo,
    /// 敏感个人信息 (health details, photos) — optional; without it none are stored.
    SensitiveInfo,
    /// 营销信息 — optional; declining never blocks anything.
    Marketing,
}

/// A parent or guardian consenting for a child under 14.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guardian {
    pub name: String,
    pub phone: String,
}

/// One consent decision, as given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub id: String,
    pub meta: Meta,
    pub customer_id: String,
    pub kind: ConsentKind,
    /// Which notice text was shown: its id and a hash of its exact wording.
    pub notice_id: String,
    pub notice_hash: String,
    pub granted: bool,
    pub at: Millis,
    /// The staff member present, if any.
    #[serde(default)]
    pub staff_present: Option<String>,
    #[serde(default)]
    pub guardian: Option<Guardian>,
    #[serde(default)]
    pub withdrawn_at: Option<Millis>,
}
impl_record!(ConsentRecord, "consents");

impl ConsentRecord {
    /// Granted and not withdrawn.
    pub fn is_active(&self) -> bool {
        self.granted && self.withdrawn_at.is_none()
    }
}

/// Below this age (PIPL art. 28/31) a guardian consents instead.
pub const GUARDIAN_AGE: u32 = 14;

pub fn needs_guardian(birth: Option<NaiveDate>, today: NaiveDate) -> bool {
    birth.is_some_and(|b| age_on(b, today) < GUARDIAN_AGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_fourteen_needs_a_guardian() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(needs_guardian(NaiveDate::from_ymd_opt(2012, 11, 24), today));
        assert!(!needs_guardian(NaiveDate::from_ymd_opt(2012, 11, 23), today));
        assert!(!needs_guardian(None, today));
    }

    #[test]
    fn withdrawn_consent_is_not_active() {
        let mut c = ConsentRecord {
            id: "c".into(),
            meta: Meta::default(),
            customer_id: "x".into(),
            kind: ConsentKind::SensitiveInfo,
            notice_id: "sensitive-v1".into(),
            notice_hash: "abc".into(),
            granted: true,
            at: 1,
            staff_present: None,
            guardian: None,
            withdrawn_at: None,
        };
        assert!(c.is_active());
        c.withdrawn_at = Some(2);
        assert!(!c.is_active());
    }
}
