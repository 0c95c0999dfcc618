//! Staff members and their PINs. A PIN is never stored: only a salted PBKDF2 hash
//! (made in the browser by WebCrypto). Wrong PINs are rate-limited with a growing
//! wait, kept in storage so that a reload does not reset it.

use serde::{Deserialize, Serialize};

use super::lockout::{Attempts, Lockout};
use super::record::{impl_record, Meta, Millis};
use super::validation::{check_name, clean_text, Checked};
use crate::i18n::{Msg, T};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// 店长: sets up the staff list.
    Manager,
    Staff,
}

/// A salted, slow hash of a PIN.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinHash {
    pub salt_hex: String,
    pub hash_hex: String,
    pub iterations: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: String,
    pub meta: Meta,
    pub name: String,
    pub role: StaffRole,
    pub pin: PinHash,
}
impl_record!(StaffMember, "staff");

impl StaffMember {
    pub fn is_manager(&self) -> bool {
        self.role == StaffRole::Manager
    }
}

/// How staff names compare: spaces trimmed and collapsed, case ignored (王芳 and
/// " 王芳 " are one name, so are Amy and amy).
pub fn name_key(name: &str) -> String {
    clean_text(name).to_lowercase()
}

/// A staff member's name, checked, and not the name of anyone else on `members`
/// (`except` is the id of the member being renamed).
pub fn check_member_name(input: &str, members: &[StaffMember], except: Option<&str>) -> Checked<String> {
    let name = check_name(input)?;
    let key = name_key(&name);
    if members.iter().any(|m| Some(m.id.as_str()) != except && name_key(&m.name) == key) {
        return Err(Msg::new(T::StaffNameTaken).arg(name));
    }
    Ok(name)
}

/// Whether `me` may take `target` off the staff list: never oneself (the one signed
/// in would lose the way back), never the last manager (no one could manage the
/// tablet any more).
pub fn check_removal(me: &str, target: &StaffMember, members: &[StaffMember]) -> Checked<()> {
    if target.id == me {
        return Err(Msg::new(T::CannotRemoveSelf));
    }
    if target.is_manager() && !members.iter().any(|m| m.id != target.id && m.is_manager()) {
        return Err(Msg::new(T::CannotRemoveLastManager));
    }
    Ok(())
}

pub const PIN_MIN: usize = 4;
pub const PIN_MAX: usize = 8;

/// A PIN: 4 to 8 digits.
pub fn check_pin(input: &str) -> Checked<String> {
    let pin = input.trim();
    if pin.is_empty() {
        return Err(Msg::new(T::PinMissing));
    }
    if !pin.chars().all(|c| c.is_ascii_digit()) || !(PIN_MIN..=PIN_MAX).contains(&pin.len()) {
        return Err(Msg::new(T::PinFormat).arg(PIN_MIN).arg(PIN_MAX));
    }
    Ok(pin.to_string())
}

/// A new PIN typed twice.
pub fn check_new_pin(pin: &str, again: &str) -> Checked<String> {
    let pin = check_pin(pin)?;
    if pin != again.trim() {
        return Err(Msg::new(T::PinsDiffer));
    }
    Ok(pin)
}

/// Wrong tries allowed before the waiting starts.
pub const FREE_TRIES: u32 = 5;
/// The first wait; it doubles with every further wrong try, up to [`MAX_WAIT_MS`].
pub const FIRST_WAIT_MS: Millis = 30_000;
pub const MAX_WAIT_MS: Millis = 15 * 60_000;

/// The staff PIN gate's numbers.
#[derive(Debug)]
pub enum PinLockout {}

impl Lockout for PinLockout {
    const FREE_TRIES: u32 = FREE_TRIES;
    const FIRST_WAIT_MS: Millis = FIRST_WAIT_MS;
    const MAX_WAIT_MS: Millis = MAX_WAIT_MS;
}

/// Wrong PINs so far on this tablet, and until when no PIN is checked.
pub type PinAttempts = Attempts<PinLockout>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert_eq!(check_pin(" 1234 ").unwrap(), "1234");
        assert!(check_pin("12345678").is_ok());
        assert!(check_pin("123").is_err());
        assert!(check_pin("123456789").is_err());
        assert!(check_pin("12a4").unwrap_err().get(Lang::Zh).contains("数字"));
        assert!(check_pin("").unwrap_err().get(Lang::En).contains("enter"));
        assert!(check_new_pin("2468", "2469").unwrap_err().get(Lang::Zh).contains("不一样"));
        assert_eq!(check_new_pin("2468", "2468").unwrap(), "2468");
    }

    fn member(id: &str, name: &str, role: StaffRole) -> StaffMember {
        StaffMember { id: id.into(), meta: Meta::default(), name: name.into(), role, pin: PinHash::default() }
    }

    #[test]
    fn staff_names_are_unique_trimmed_and_case_blind() {
        let team = [member("a", "王芳", StaffRole::Staff), member("b", "Amy Li", StaffRole::Manager)];
        assert_eq!(check_member_name("  李静 ", &team, None).unwrap(), "李静");
        assert!(check_member_name(" 王芳 ", &team, None).unwrap_err().get(Lang::Zh).contains("王芳"));
        assert!(check_member_name("amy  li", &team, None).is_err(), "case and inner spaces do not make a new name");
        assert!(check_member_name("", &team, None).is_err());
        // Renaming keeps one's own name free (a change of case only is fine).
        assert_eq!(check_member_name("AMY LI", &team, Some("b")).unwrap(), "AMY LI");
        assert!(check_member_name("王芳", &team, Some("b")).is_err());
    }

    #[test]
    fn no_one_removes_themself_or_the_last_manager() {
        let boss = member("m", "李店长", StaffRole::Manager);
        let wang = member("w", "王芳", StaffRole::Staff);
        let team = [boss.clone(), wang.clone()];
        assert!(check_removal("m", &wang, &team).is_ok());
        assert!(check_removal("m", &boss, &team).is_err(), "oneself");
        assert!(check_removal("w", &boss, &team).unwrap_err().get(Lang::Zh).contains("店长"), "the last manager");
        let two = [boss.clone(), member("m2", "赵店长", StaffRole::Manager)];
        assert!(check_removal("m2", &boss, &two).is_ok(), "another manager stays");
    }

    #[test]
    fn five_wrong_pins_start_a_wait_that_doubles() {
        let mut a = PinAttempts::default();
        for i in 0..4 {
            a.record_failure(1_000);
            assert_eq!(a.wait_ms(1_000), None, "try {i} has no wait");
        }
        assert_eq!(a.tries_left(), 1);
        a.record_failure(1_000);
        assert_eq!(a.wait_ms(1_000), Some(FIRST_WAIT_MS));
        assert_eq!(a.wait_ms(1_000 + FIRST_WAIT_MS), None, "the wait ends");
        a.record_failure(100_000);
        assert_eq!(a.wait_ms(100_000), Some(2 * FIRST_WAIT_MS));
        for _ in 0..20 {
            a.record_failure(0);
        }
        assert_eq!(a.wait_ms(0), Some(MAX_WAIT_MS), "capped");
        a.record_success();
        assert_eq!((a.failures, a.wait_ms(0)), (0, None));
    }
}
