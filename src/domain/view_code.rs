//! 查看码: a short one-time code staff make on a customer's card, so that a customer
//! who left their birth date empty (or does not remember what they gave) can still
//! reach their own progress in the self-check: phone number plus this code. Six
//! digits, valid for 30 minutes, good for one use; only a hash of it is stored, and
//! wrong codes count against the same lockouts as wrong birth dates.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::record::Millis;
use crate::i18n::{Msg, T};

/// How many digits a code has.
pub const DIGITS: usize = 6;
/// How long a code is good for after it was made.
pub const VALID_MS: Millis = 30 * 60_000;

/// A code as stored on the tablet (one per customer: a new code replaces the old).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewCode {
    pub customer_id: String,
    /// [`hash`] of the customer id and the code; the code itself is never stored.
    pub hash: String,
    pub made_at: Millis,
    pub expires_at: Millis,
    /// The staff member who made it.
    pub made_by: String,
}

impl ViewCode {
    /// The stored form of `code`, made now for `customer_id` by `made_by`.
    pub fn new(customer_id: &str, code: &str, made_by: &str, now: Millis) -> Self {
        ViewCode { customer_id: customer_id.into(), hash: hash(customer_id, code), made_at: now, expires_at: now + VALID_MS, made_by: made_by.into() }
    }

    /// Whether `typed` (as [`check_input`] gave it) is this code and still good at
    /// `now`. A used code is deleted, so it is never found again.
    pub fn accepts(&self, typed: &str, now: Millis) -> bool {
        !self.expired(now) && now >= self.made_at - VALID_MS && hash(&self.customer_id, typed) == self.hash
    }

    pub fn expired(&self, now: Millis) -> bool {
        now >= self.expires_at
    }
}

/// Hex SHA-256 of the customer id and the code, each ended by a zero byte.
pub fn hash(customer_id: &str, code: &str) -> String {
    let mut h = Sha256::new();
    for part in ["follicle view code", customer_id, code] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A code of [`DIGITS`] digits from 8 random bytes (the browser's crypto gives them).
pub fn from_random(bytes: [u8; 8]) -> String {
    let n = u64::from_le_bytes(bytes) % 10u64.pow(DIGITS as u32);
    format!("{n:0width$}", width = DIGITS)
}

/// A code as shown to the customer: two groups of three digits.
pub fn shown(code: &str) -> String {
    let (a, b) = code.split_at(code.len() / 2);
    format!("{a} {b}")
}

/// What the customer typed, as a code: spaces and dashes dropped, full-width digits
/// (a Chinese keyboard's) read as digits; exactly six digits.
pub fn check_input(input: &str) -> Result<String, Msg> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    if code.is_empty() {
        return Err(Msg::new(T::ViewCodeMissing));
    }
    if code.len() != DIGITS || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Msg::new(T::ViewCodeFormat).arg(DIGITS));
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Millis = 60_000;

    #[test]
    fn a_code_is_good_once_for_thirty_minutes_and_only_for_its_customer() {
        let code = ViewCode::new("customer-a", "123456", "李店长", 1_000 * MINUTE);
        assert!(code.accepts("123456", 1_000 * MINUTE));
        assert!(code.accepts("123456", 1_029 * MINUTE));
        assert!(!code.accepts("123456", 1_030 * MINUTE), "expired after 30 minutes");
        assert!(!code.accepts("123457", 1_001 * MINUTE), "another code");
        let other = ViewCode { customer_id: "customer-b".into(), ..code.clone() };
        assert!(!other.accepts("123456", 1_001 * MINUTE), "the hash binds the code to its customer");
        assert!(!code.accepts("123456", 900 * MINUTE), "a clock set far back does not make an old code new");
    }

    #[test]
    fn only_a_hash_is_stored() {
        let code = ViewCode::new("customer-a", "654321", "李店长", 0);
        let json = serde_json::to_string(&code).unwrap();
        assert!(!json.contains("654321"), "{json}");
        assert_eq!(code.hash.len(), 64);
        assert_eq!(serde_json::from_str::<ViewCode>(&json).unwrap(), code);
    }

    #[test]
    fn codes_from_random_bytes_have_six_digits() {
        assert_eq!(from_random([0; 8]), "000000");
        assert_eq!(from_random(7u64.to_le_bytes()), "000007");
        assert_eq!(from_random(u64::MAX.to_le_bytes()), format!("{:06}", u64::MAX % 1_000_000));
        for seed in 0..1_000u64 {
            let code = from_random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).to_le_bytes());
            assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()), "{code}");
        }
        assert_eq!(shown("012345"), "012 345");
    }

    #[test]
    fn typed_codes_are_checked() {
        assert_eq!(check_input(" 012 345 ").unwrap(), "012345");
        assert_eq!(check_input("012-345").unwrap(), "012345");
        assert!(check_input("").is_err());
        assert!(check_input("12345").is_err());
        assert!(check_input("1234567").is_err());
        assert!(check_input("12a456").is_err());
        assert_eq!(check_input("１２３４５６").unwrap(), "123456", "a Chinese keyboard's digits");
    }
}
