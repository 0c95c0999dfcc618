//! How a customer identifies themself for the self-check (我的头发变化): their phone
//! number plus their birth date. The self-check then shows that one customer's own
//! data and nobody else's, so it never guesses between people, and wrong tries are
//! rate-limited on the tablet.

use chrono::NaiveDate;

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
    let mut found = candidates.iter().filter(|c| matches_birth(c, birth));
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

/// Failed self-check identifications on this tablet, and until when no try is
/// checked. Counted per tablet, not per phone number, so trying many numbers does not
/// get round it. Any try that does not end in exactly one customer is a failure: an
/// unknown number, a wrong birth date, or two people who match.
pub type SelfCheckAttempts = Attempts<SelfCheckLockout>;

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
    fn attempts_survive_storage() {
        let a = SelfCheckAttempts { failures: 4, locked_until: 1_234, ..Default::default() };
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<SelfCheckAttempts>(&json).unwrap(), a);
        assert_eq!(serde_json::from_str::<SelfCheckAttempts>("{}").unwrap(), SelfCheckAttempts::default());
    }
}
