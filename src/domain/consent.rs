//! Consents under PIPL: three separate ones, each tied to the exact notice text shown.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::notices::Notice;
use super::record::{impl_record, new_id, Meta, Millis, Stamp};
use super::validation::{age_on, check_name, check_phone, clean_text};
use crate::i18n::{Msg, T};

/// What a form's check found, by field name.
pub type Problems = Vec<(&'static str, Msg)>;

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

/// Whether health records (scalp photos, trichoscope images, measurements, adverse
/// reactions) may be kept for this customer now: a sensitive-information consent given
/// (at registration or asked again later) and not withdrawn.
pub fn sensitive_active(consents: &[ConsentRecord]) -> bool {
    consents.iter().any(|c| c.kind == ConsentKind::SensitiveInfo && c.is_active())
}

/// Why a consent would be asked for again now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskAgain {
    /// The sensitive consent was declined or withdrawn: staff may ask again when the
    /// customer wants photos or measurements kept.
    NotGiven,
    /// The consent in force was given to an older text of its notice: a changed
    /// notice is a new notice, so the customer is asked again (the SPEC's consent rules).
    NewNotice,
}

/// The latest decision of this kind (the one in force).
pub fn latest(consents: &[ConsentRecord], kind: ConsentKind) -> Option<&ConsentRecord> {
    consents.iter().filter(|c| c.kind == kind).max_by_key(|c| c.at)
}

/// Whether, and why, a consent of `kind` would be asked for again now.
pub fn ask_again(consents: &[ConsentRecord], kind: ConsentKind) -> Option<AskAgain> {
    match latest(consents, kind) {
        Some(c) if c.is_active() && Notice::outdated(kind, &c.notice_id) => Some(AskAgain::NewNotice),
        Some(c) if c.is_active() => None,
        _ if kind == ConsentKind::SensitiveInfo => Some(AskAgain::NotGiven),
        _ => None,
    }
}

/// The consents the customer must be asked again, because the one in force was given
/// to an older notice than the one customers agree to now.
pub fn to_ask_again(consents: &[ConsentRecord]) -> Vec<ConsentKind> {
    [ConsentKind::PersonalInfo, ConsentKind::SensitiveInfo, ConsentKind::Marketing]
        .into_iter()
        .filter(|k| ask_again(consents, *k) == Some(AskAgain::NewNotice))
        .collect()
}

impl ConsentKind {
    /// The kind's code in a route (`/staff/customers/:id/consent/:kind`).
    pub fn code(self) -> &'static str {
        match self {
            ConsentKind::PersonalInfo => "personal",
            ConsentKind::SensitiveInfo => "sensitive",
            ConsentKind::Marketing => "marketing",
        }
    }

    pub fn from_code(code: &str) -> Option<ConsentKind> {
        [ConsentKind::PersonalInfo, ConsentKind::SensitiveInfo, ConsentKind::Marketing].into_iter().find(|k| k.code() == code)
    }
}

/// Asking a customer again for a consent they declined or withdrew (on the tablet,
/// the notice shown in full): the box the customer ticks and, for a child, the
/// guardian who consents instead.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConsentAgainDraft {
    pub agreed: bool,
    pub guardian_name: String,
    pub guardian_phone: String,
}

impl ConsentAgainDraft {
    /// The new consent record for `notice`: its id and hash, the time and tablet of
    /// `stamp`, the staff member present, and a guardian for a child under 14.
    pub fn build(&self, customer_id: &str, birth: Option<NaiveDate>, notice: &Notice, staff_present: &str, stamp: &Stamp, today: NaiveDate) -> Result<ConsentRecord, Problems> {
        let mut problems = Problems::new();
        if !self.agreed {
            problems.push(("agreed", Msg::new(T::ConsentAgainTick)));
        }
        let guardian = if needs_guardian(birth, today) {
            let name = check_name(&self.guardian_name).map_err(|e| problems.push(("guardian_name", e))).ok();
            let phone = check_phone(&self.guardian_phone).map_err(|e| problems.push(("guardian_phone", e))).ok();
            name.zip(phone).map(|(name, phone)| Guardian { name, phone: phone.digits })
        } else {
            None
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let staff = clean_text(staff_present);
        Ok(ConsentRecord {
            id: new_id(),
            meta: Meta::new(stamp),
            customer_id: customer_id.to_string(),
            kind: notice.kind,
            notice_id: notice.id.to_string(),
            notice_hash: notice.hash(),
            granted: true,
            at: stamp.now,
            staff_present: (!staff.is_empty()).then_some(staff),
            guardian,
            withdrawn_at: None,
        })
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

    fn record(kind: ConsentKind, granted: bool, withdrawn_at: Option<Millis>) -> ConsentRecord {
        ConsentRecord {
            id: new_id(),
            meta: Meta::default(),
            customer_id: "x".into(),
            kind,
            notice_id: "n".into(),
            notice_hash: "h".into(),
            granted,
            at: 1,
            staff_present: None,
            guardian: None,
            withdrawn_at,
        }
    }

    #[test]
    fn health_records_need_a_sensitive_consent_given_and_not_withdrawn() {
        use ConsentKind::*;
        assert!(!sensitive_active(&[]));
        assert!(!sensitive_active(&[record(PersonalInfo, true, None), record(Marketing, true, None)]), "other consents do not count");
        assert!(!sensitive_active(&[record(SensitiveInfo, false, None)]), "declined");
        assert!(!sensitive_active(&[record(SensitiveInfo, true, Some(5))]), "withdrawn");
        // Declined at registration, then given when asked again: active.
        assert!(sensitive_active(&[record(SensitiveInfo, false, None), record(SensitiveInfo, true, None)]));
        assert!(sensitive_active(&[record(SensitiveInfo, true, Some(5)), record(SensitiveInfo, true, None)]));
    }

    #[test]
    fn consent_asked_again_records_the_notice_time_tablet_and_staff() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let stamp = Stamp { store_id: "store:朝阳店".into(), device_id: "前台#01".into(), now: 1_764_000_000_000 };
        let notice = Notice::for_kind(ConsentKind::SensitiveInfo);
        let adult = NaiveDate::from_ymd_opt(1962, 4, 2);
        let not_ticked = ConsentAgainDraft::default().build("c1", adult, notice, "李店长", &stamp, today).unwrap_err();
        assert_eq!(not_ticked.iter().map(|(f, _)| *f).collect::<Vec<_>>(), ["agreed"]);
        let given = ConsentAgainDraft { agreed: true, ..Default::default() }.build("c1", adult, notice, " 李店长 ", &stamp, today).unwrap();
        assert_eq!((given.kind, given.granted, given.withdrawn_at, given.at), (ConsentKind::SensitiveInfo, true, None, stamp.now));
        assert_eq!((given.notice_id.as_str(), given.notice_hash.clone()), (notice.id, notice.hash()));
        assert_eq!((given.meta.device_id.as_str(), given.staff_present.as_deref()), ("前台#01", Some("李店长")));
        assert_eq!(given.customer_id, "c1");
        assert!(given.is_active() && !given.id.is_empty());
    }

    #[test]
    fn a_child_is_consented_for_by_a_guardian() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let stamp = Stamp { store_id: "s".into(), device_id: "d".into(), now: 1 };
        let notice = Notice::for_kind(ConsentKind::SensitiveInfo);
        let child = NaiveDate::from_ymd_opt(2018, 5, 1);
        let draft = ConsentAgainDraft { agreed: true, ..Default::default() };
        let fields: Vec<_> = draft.build("c", child, notice, "", &stamp, today).unwrap_err().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["guardian_name", "guardian_phone"]);
        let draft = ConsentAgainDraft { agreed: true, guardian_name: "王芳".into(), guardian_phone: "139 0000 1111".into() };
        let given = draft.build("c", child, notice, "", &stamp, today).unwrap();
        assert_eq!(given.guardian, Some(Guardian { name: "王芳".into(), phone: "13900001111".into() }));
        assert_eq!(given.staff_present, None);
    }

    /// A consent given to the notice before this one (`OLDER_NOTICES`, as a customer
    /// registered last week has), granted or not, withdrawn or not.
    fn given_to(id: &str, granted: bool, at: Millis) -> ConsentRecord {
        let notice = Notice::by_id(id).expect(id);
        ConsentRecord { kind: notice.kind, notice_id: id.into(), notice_hash: notice.hash(), at, ..record(notice.kind, granted, None) }
    }

    #[test]
    fn a_customer_registered_under_the_previous_notices_is_asked_again() {
        use ConsentKind::*;
        let before = [given_to("personal-2026-12-v2", true, 1), given_to("sensitive-2026-12-v2", true, 1), given_to("marketing-2026-11-v1", true, 1)];
        assert_eq!(to_ask_again(&before), [PersonalInfo, SensitiveInfo], "both changed notices, not the unchanged marketing one");
        assert_eq!(ask_again(&before, PersonalInfo), Some(AskAgain::NewNotice));
        assert!(sensitive_active(&before), "the old consent holds until the customer decides");
        // The customer agrees to the current personal notice: only the sensitive one is left.
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let stamp = Stamp { store_id: "s".into(), device_id: "d".into(), now: 2 };
        let again = ConsentAgainDraft { agreed: true, ..Default::default() }
            .build("x", None, Notice::for_kind(PersonalInfo), "李店长", &stamp, today)
            .unwrap();
        let mut after = before.to_vec();
        after.push(again);
        assert_eq!(to_ask_again(&after), [SensitiveInfo]);
        // Registered now: nothing to ask.
        let now: Vec<_> = [PersonalInfo, SensitiveInfo, Marketing].map(|k| given_to(Notice::for_kind(k).id, true, 3)).to_vec();
        assert!(to_ask_again(&now).is_empty());
        assert_eq!(ask_again(&now, SensitiveInfo), None);
        // A declined or withdrawn consent is not renewed: staff may ask for the
        // sensitive one when the customer wants photos kept, as before.
        let declined = [given_to("personal-2026-11-v1", true, 1), given_to("sensitive-2026-11-v1", false, 1)];
        assert_eq!(to_ask_again(&declined), [PersonalInfo]);
        assert_eq!(ask_again(&declined, SensitiveInfo), Some(AskAgain::NotGiven));
        assert_eq!(ask_again(&declined, Marketing), None);
    }

    #[test]
    fn a_consent_kind_goes_through_its_route_code() {
        for kind in [ConsentKind::PersonalInfo, ConsentKind::SensitiveInfo, ConsentKind::Marketing] {
            assert_eq!(ConsentKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(ConsentKind::from_code("address"), None);
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
