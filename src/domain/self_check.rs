//! How a customer identifies themself for the self-check (我的头发变化): their phone
//! number plus their birth date, or plus a one-time view code from staff
//! ([`super::view_code`]). The self-check then shows that one customer's own data and
//! nobody else's, so it never guesses between people. Wrong answers are limited per
//! phone number (that number waits) and per tablet over a time window (everyone
//! pauses briefly).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::customer::Customer;
use super::lockout::{Attempts, Lockout};
use super::record::Millis;
use super::validation::{check_phone, phone_digits};
use crate::i18n::Msg;

/// The phone number as typed, reduced to the digits the customers' `phone_digits`
/// index holds (so a foreign number loses its `+`).
pub fn check_phone_input(input: &str) -> Result<String, Msg> {
    check_phone(input).map(|phone| phone_digits(&phone.digits))
}

/// Whether `birth` is this customer's birth date. A customer without one on record
/// cannot pass (staff can add it).
pub fn matches_birth(customer: &Customer, birth: NaiveDate) -> bool {
    customer.birth_date == Some(birth)
}

/// Among the customers found by the phone number (a family may share one), the one
/// born on `birth`. `None` when nobody matches, and also when two different people
/// do: then staff must help, the tablet never picks one of them.
pub fn identify(candidates: &[Customer], birth: NaiveDate) -> Option<&Customer> {
    one_of(candidates, |c| matches_birth(c, birth))
}

/// The one customer among `candidates` who `matches`; `None` for nobody or for two
/// different people.
pub fn one_of(candidates: &[Customer], matches: impl Fn(&Customer) -> bool) -> Option<&Customer> {
    let mut found = candidates.iter().filter(|c| matches(c));
    let first = found.next()?;
    // The same record read twice is still one person.
    found.all(|c| c.id == first.id).then_some(first)
}

/// Wrong tries allowed before the waiting starts.
pub const FREE_TRIES: u32 = 3;
/// The first wait; it doubles with every further wrong try, up to [`MAX_WAIT_MS`].
pub const FIRST_WAIT_MS: Millis = 5 * 60_000;
pub const MAX_WAIT_MS: Millis = 60 * 60_000;

/// The self-check's numbers.
#[derive(Debug)]
pub enum SelfCheckLockout {}

impl Lockout for SelfCheckLockout {
    const FREE_TRIES: u32 = FREE_TRIES;
    const FIRST_WAIT_MS: Millis = FIRST_WAIT_MS;
    const MAX_WAIT_MS: Millis = MAX_WAIT_MS;
}

/// Wrong answers for one phone number, and until when no answer for that number is
/// checked. Any try that does not end in exactly one customer is wrong: an unknown
/// number, a wrong birth date or code, or two people who match. A right answer clears
/// only that number's count, so a customer who knows a neighbour's number cannot keep
/// guessing by checking their own in between.
pub type SelfCheckAttempts = Attempts<SelfCheckLockout>;

/// The name of one phone number's counter on this tablet: a hash of the number's
/// digits (with the tablet's id), so the counters never hold typed phone numbers.
pub fn phone_counter_id(device_id: &str, digits: &str) -> String {
    let mut h = Sha256::new();
    for part in ["follicle self-check", device_id, digits] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The tablet's window: this many wrong answers (for any numbers) within
/// [`WINDOW_MS`] pause every self-check on the tablet for [`PAUSE_MS`]. Higher than a
/// number's own limit, so one guesser pauses the tablet only briefly and only after
/// trying several numbers.
pub const WINDOW_WRONG: usize = 10;
pub const WINDOW_MS: Millis = 10 * 60_000;
pub const PAUSE_MS: Millis = 2 * 60_000;

/// The wrong answers given on this tablet lately (any number), and until when every
/// self-check pauses. Only wrong answers count: a refused answer for a number already
/// waiting is not checked, so it is not a new wrong answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SelfCheckWindow {
    /// When each wrong answer of the current window was given.
    pub wrong_at: Vec<Millis>,
    pub paused_until: Millis,
}

impl SelfCheckWindow {
    /// How long every self-check waits, if at all; never longer than [`PAUSE_MS`]
    /// whatever was stored (a clock that ran ahead cannot pause the tablet for days).
    pub fn wait_ms(&self, now: Millis) -> Option<Millis> {
        (self.paused_until > now).then(|| (self.paused_until - now).min(PAUSE_MS))
    }

    /// Counts a wrong answer given at `now`; the [`WINDOW_WRONG`]th within
    /// [`WINDOW_MS`] starts a pause (and a fresh window after it).
    pub fn record_wrong(&mut self, now: Millis) {
        // Answers outside the window (either side: the clock may have been set back) go.
        self.wrong_at.retain(|at| (now - at).abs() < WINDOW_MS);
        self.wrong_at.push(now);
        if self.wrong_at.len() >= WINDOW_WRONG {
            self.paused_until = now + PAUSE_MS;
            self.wrong_at.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn customer(id: &str, birth: Option<&str>) -> Customer {
        Customer { id: id.into(), phone: "13800138000".into(), birth_date: birth.map(day), ..Default::default() }
    }

    #[test]
    fn phone_input_becomes_the_indexed_digits() {
        assert_eq!(check_phone_input("+86 138-0013-8000").unwrap(), "13800138000");
        assert_eq!(check_phone_input("(010) 6552-9988").unwrap(), "01065529988");
        assert_eq!(check_phone_input("+852 9123 4567").unwrap(), "85291234567", "as the phone_digits index has it");
        let c = Customer { phone: "+85291234567".into(), ..Default::default() };
        assert_eq!(phone_digits(&c.phone), "85291234567");
        assert!(check_phone_input("").unwrap_err().get(crate::i18n::Lang::Zh).contains("请填写"));
        assert!(check_phone_input("1380013800").is_err());
    }

    #[test]
    fn the_birth_date_must_be_on_record_and_equal() {
        let c = customer("a", Some("1968-04-02"));
        assert!(matches_birth(&c, day("1968-04-02")));
        assert!(!matches_birth(&c, day("1968-02-04")));
        assert!(!matches_birth(&customer("b", None), day("1968-04-02")));
    }

    #[test]
    fn a_family_sharing_a_phone_is_told_apart_by_birth_date() {
        let family = [customer("father", Some("1965-08-12")), customer("daughter", Some("1994-03-30")), customer("mother", None)];
        assert_eq!(identify(&family, day("1994-03-30")).map(|c| c.id.as_str()), Some("daughter"));
        assert_eq!(identify(&family, day("1965-08-12")).map(|c| c.id.as_str()), Some("father"));
        assert!(identify(&family, day("1970-01-01")).is_none());
        assert!(identify(&[], day("1965-08-12")).is_none());
    }

    #[test]
    fn two_people_with_the_same_birth_date_are_never_guessed_between() {
        let twins = [customer("a", Some("1990-06-01")), customer("b", Some("1990-06-01"))];
        assert!(identify(&twins, day("1990-06-01")).is_none());
        let same_record_twice = [customer("a", Some("1990-06-01")), customer("a", Some("1990-06-01"))];
        assert_eq!(identify(&same_record_twice, day("1990-06-01")).map(|c| c.id.as_str()), Some("a"));
    }

    #[test]
    fn three_wrong_tries_lock_for_five_minutes_doubling_to_an_hour() {
        let minute = 60_000;
        let mut a = SelfCheckAttempts::default();
        assert_eq!(a.tries_left(), 3);
        a.record_failure(0);
        a.record_failure(0);
        assert_eq!((a.wait_ms(0), a.tries_left()), (None, 1), "two free tries so far");
        a.record_failure(1_000);
        assert_eq!(a.tries_left(), 0);
        assert_eq!(a.wait_ms(1_000), Some(5 * minute));
        assert_eq!(a.wait_ms(1_000 + 5 * minute - 1), Some(1));
        assert_eq!(a.wait_ms(1_000 + 5 * minute), None, "the lock ends");
        let waits: Vec<_> = (0..4)
            .map(|_| {
                a.record_failure(0);
                a.wait_ms(0).unwrap() / minute
            })
            .collect();
        assert_eq!(waits, [10, 20, 40, 60], "doubling, capped at an hour");
        for _ in 0..100 {
            a.record_failure(0);
        }
        assert_eq!(a.wait_ms(0), Some(MAX_WAIT_MS));
        a.record_success();
        assert_eq!(a, SelfCheckAttempts::default());
        assert_eq!((a.wait_ms(0), a.tries_left()), (None, 3));
    }

    #[test]
    fn a_right_answer_for_one_number_does_not_clear_another_numbers_count() {
        // Two counters, as the self-check keeps them: one per number.
        let (mut a, mut b) = (SelfCheckAttempts::default(), SelfCheckAttempts::default());
        for _ in 0..5 {
            if a.wait_ms(0).is_none() {
                a.record_failure(0);
                a.record_failure(0);
            }
            b.record_failure(0);
            b.record_success();
        }
        assert!(a.wait_ms(0).is_some(), "A's number is locked whatever B does");
        assert_eq!(b.wait_ms(0), None);
    }

    #[test]
    fn counters_are_named_by_a_hash_never_the_number() {
        let id = phone_counter_id("前台#01", "13800138000");
        assert_eq!(id.len(), 32);
        assert!(!id.contains("13800138000") && !id.contains("8000"));
        assert_eq!(id, phone_counter_id("前台#01", "13800138000"), "the same number, the same counter");
        assert_ne!(id, phone_counter_id("前台#01", "13800138001"));
        assert_ne!(id, phone_counter_id("前台#02", "13800138000"), "each tablet its own");
    }

    #[test]
    fn ten_wrong_answers_within_ten_minutes_pause_the_tablet_for_two_minutes() {
        let minute = 60_000;
        let mut w = SelfCheckWindow::default();
        for i in 0..9 {
            w.record_wrong(i * minute);
        }
        assert_eq!(w.wait_ms(9 * minute), None, "nine are not enough");
        w.record_wrong(9 * minute + 59_000);
        assert_eq!(w.wait_ms(9 * minute + 59_000), Some(2 * minute));
        assert_eq!(w.wait_ms(11 * minute + 59_000), None, "the pause ends");
        // After a pause the window starts afresh: one more wrong answer does not pause.
        w.record_wrong(12 * minute);
        assert_eq!(w.wait_ms(12 * minute), None);
    }

    #[test]
    fn wrong_answers_spread_over_more_than_the_window_never_pause() {
        let mut w = SelfCheckWindow::default();
        for i in 0..100 {
            w.record_wrong(i * 70_000);
            assert_eq!(w.wait_ms(i * 70_000), None, "answer {i}");
        }
        assert!(w.wrong_at.len() < WINDOW_WRONG);
    }

    #[test]
    fn a_stored_pause_is_never_longer_than_two_minutes() {
        let year = 365 * 24 * 3_600_000;
        let w = SelfCheckWindow { wrong_at: vec![], paused_until: year };
        assert_eq!(w.wait_ms(0), Some(PAUSE_MS));
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(serde_json::from_str::<SelfCheckWindow>(&json).unwrap(), w);
        assert_eq!(serde_json::from_str::<SelfCheckWindow>("{}").unwrap(), SelfCheckWindow::default());
    }

    #[test]
    fn attempts_survive_storage() {
        let a = SelfCheckAttempts { failures: 4, locked_until: 1_234, ..Default::default() };
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<SelfCheckAttempts>(&json).unwrap(), a);
        assert_eq!(serde_json::from_str::<SelfCheckAttempts>("{}").unwrap(), SelfCheckAttempts::default());
    }
}
