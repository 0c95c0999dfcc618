//! Wrong tries and the growing wait after them, shared by the staff PIN gate and the
//! customer self-check: a few free tries, then a wait that doubles with every further
//! wrong try up to a cap. Each use names its numbers in a [`Lockout`] policy; the
//! counts are stored per tablet so a reload does not reset them.

use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

use super::record::Millis;

/// The numbers of one lockout.
pub trait Lockout {
    /// Wrong tries allowed before the waiting starts.
    const FREE_TRIES: u32;
    /// The first wait; it doubles with every further wrong try, up to `MAX_WAIT_MS`.
    const FIRST_WAIT_MS: Millis;
    const MAX_WAIT_MS: Millis;
}

/// Wrong tries so far, and until when no try is checked. Stored as
/// `{failures, locked_until}`.
#[derive(Serialize, Deserialize)]
#[serde(default, bound = "")]
pub struct Attempts<L> {
    pub failures: u32,
    pub locked_until: Millis,
    /// Which lockout's numbers apply (nothing stored).
    #[serde(skip)]
    pub policy: PhantomData<L>,
}

impl<L: Lockout> Attempts<L> {
    /// How long to wait before the next try, if at all; never more than the cap,
    /// whatever was stored (a clock that ran ahead when the wait began cannot lock the
    /// right answer out for months).
    pub fn wait_ms(&self, now: Millis) -> Option<Millis> {
        (self.locked_until > now).then(|| (self.locked_until - now).min(L::MAX_WAIT_MS))
    }

    /// Brings a stored wait that ends further off than the cap (begun while the
    /// tablet's clock ran ahead) back to the cap from `now`; true if it changed. The
    /// caller stores the result, so the wait really ends — not only reads shorter.
    pub fn cap_wait(&mut self, now: Millis) -> bool {
        let latest = now.saturating_add(L::MAX_WAIT_MS);
        let capped = self.locked_until > latest;
        if capped {
            self.locked_until = latest;
        }
        capped
    }

    pub fn record_failure(&mut self, now: Millis) {
        self.failures = self.failures.saturating_add(1);
        if self.failures >= L::FREE_TRIES {
            let doublings = (self.failures - L::FREE_TRIES).min(16);
            self.locked_until = now + (L::FIRST_WAIT_MS << doublings).min(L::MAX_WAIT_MS);
        }
    }

    pub fn record_success(&mut self) {
        *self = Self::default();
    }

    /// Tries left before waiting starts.
    pub fn tries_left(&self) -> u32 {
        L::FREE_TRIES.saturating_sub(self.failures)
    }
}

// By hand: derives would ask the policy marker type for the same traits.
impl<L> Default for Attempts<L> {
    fn default() -> Self {
        Attempts { failures: 0, locked_until: 0, policy: PhantomData }
    }
}

impl<L> Clone for Attempts<L> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<L> Copy for Attempts<L> {}

impl<L> PartialEq for Attempts<L> {
    fn eq(&self, other: &Self) -> bool {
        (self.failures, self.locked_until) == (other.failures, other.locked_until)
    }
}

impl<L> Eq for Attempts<L> {}

#[cfg(test)]
mod tests {
    use super::*;

    enum Three {}
    impl Lockout for Three {
        const FREE_TRIES: u32 = 3;
        const FIRST_WAIT_MS: Millis = 1_000;
        const MAX_WAIT_MS: Millis = 60_000;
    }

    #[test]
    fn a_wait_is_never_longer_than_the_cap() {
        // Stored while the tablet's clock ran a year ahead.
        let year = 365 * 24 * 3_600_000;
        let mut a = Attempts::<Three>::default();
        for _ in 0..3 {
            a.record_failure(year);
        }
        assert_eq!(a.wait_ms(0), Some(60_000), "capped, not a year");
        assert_eq!(a.wait_ms(year + 1_000), None);
    }

    #[test]
    fn a_wait_stored_far_ahead_really_ends_within_the_cap() {
        let year = 365 * 24 * 3_600_000;
        let mut a = Attempts::<Three> { failures: 3, locked_until: year, policy: PhantomData };
        assert!(a.cap_wait(0), "a year ahead is brought back");
        assert_eq!(a.locked_until, 60_000);
        assert_eq!(a.wait_ms(60_000), None, "the right answer is checked again after the cap");
        assert!(!a.cap_wait(10_000), "a wait within the cap stays as it is");
        assert_eq!(a.locked_until, 60_000);
        assert_eq!(a.failures, 3, "the count is kept");
    }
}

impl<L> std::fmt::Debug for Attempts<L> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attempts").field("failures", &self.failures).field("locked_until", &self.locked_until).finish()
    }
}
