//! What a failed request means and when to try again.

use serde::{Deserialize, Serialize};

/// Why a request to the server failed, by what the replicator does about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ErrorKind {
    /// No answer: offline, DNS, TLS, CORS refused, connection cut, timed out.
    Network,
    /// 401: the tablet's user name or password is wrong (or was changed).
    Unauthorized,
    /// 403: signed in, but this user may not read or write this database.
    Forbidden,
    /// 404: no such database (the chain's admin makes it; the tablet never does).
    NotFound,
    /// 409: a conflicting write (a `_local` checkpoint written meanwhile).
    Conflict,
    /// 413: the request is larger than the server takes.
    TooLarge,
    /// 408, 429, 5xx: the server is busy or broken for now.
    Unavailable,
    /// Any other status, or an answer that is not what the protocol says.
    Protocol,
}

/// What the replicator does after an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Wait ([`Backoff`]) and try again.
    RetryLater,
    /// Stop and ask the manager to enter the tablet's password again.
    SignInAgain,
    /// Send the same documents in smaller requests.
    SplitBatch,
    /// Stop and show the problem; the setup needs a person.
    Stop,
}

impl ErrorKind {
    /// The kind for an HTTP status that is not a success.
    pub fn from_status(status: u16) -> ErrorKind {
        match status {
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            413 => ErrorKind::TooLarge,
            408 | 429 | 500..=599 => ErrorKind::Unavailable,
            _ => ErrorKind::Protocol,
        }
    }

    pub fn action(self) -> Action {
        match self {
            ErrorKind::Network | ErrorKind::Unavailable | ErrorKind::Conflict => Action::RetryLater,
            ErrorKind::Unauthorized => Action::SignInAgain,
            ErrorKind::TooLarge => Action::SplitBatch,
            ErrorKind::Forbidden | ErrorKind::NotFound | ErrorKind::Protocol => Action::Stop,
        }
    }
}

/// Exponential backoff with "equal jitter": attempt `n` (0-based) waits between half
/// and all of `min(max, base · 2ⁿ)`. The random part comes from the caller (`jitter`
/// in [0, 1)), so the rule stays pure; tablets that lost the network together do not
/// all come back in the same second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub base_ms: u64,
    pub max_ms: u64,
}

impl Default for Backoff {
    /// 2 s, 4 s, 8 s … up to 5 minutes.
    fn default() -> Self {
        Self { base_ms: 2_000, max_ms: 5 * 60_000 }
    }
}

impl Backoff {
    pub fn delay_ms(&self, attempt: u32, jitter: f64) -> u64 {
        let full = self.base_ms.saturating_mul(1u64.checked_shl(attempt.min(63)).unwrap_or(u64::MAX)).min(self.max_ms);
        let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
        full / 2 + ((full - full / 2) as f64 * jitter) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_kinds_and_actions() {
        let cases = [
            (401, ErrorKind::Unauthorized, Action::SignInAgain),
            (403, ErrorKind::Forbidden, Action::Stop),
            (404, ErrorKind::NotFound, Action::Stop),
            (409, ErrorKind::Conflict, Action::RetryLater),
            (413, ErrorKind::TooLarge, Action::SplitBatch),
            (408, ErrorKind::Unavailable, Action::RetryLater),
            (429, ErrorKind::Unavailable, Action::RetryLater),
            (500, ErrorKind::Unavailable, Action::RetryLater),
            (503, ErrorKind::Unavailable, Action::RetryLater),
            (400, ErrorKind::Protocol, Action::Stop),
            (302, ErrorKind::Protocol, Action::Stop),
        ];
        for (status, kind, action) in cases {
            assert_eq!(ErrorKind::from_status(status), kind, "{status}");
            assert_eq!(kind.action(), action, "{status}");
        }
        assert_eq!(ErrorKind::Network.action(), Action::RetryLater);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_within_its_jitter() {
        let b = Backoff::default();
        assert_eq!(b.delay_ms(0, 0.0), 1_000);
        assert_eq!(b.delay_ms(0, 0.999_999), 1_999);
        assert_eq!(b.delay_ms(1, 0.0), 2_000);
        assert_eq!(b.delay_ms(3, 0.5), 12_000);
        for attempt in [8, 20, 64, 200, u32::MAX] {
            let d = b.delay_ms(attempt, 1.0);
            assert_eq!(d, 300_000, "attempt {attempt}");
            assert_eq!(b.delay_ms(attempt, 0.0), 150_000);
        }
        // Nonsense jitter stays within bounds.
        assert_eq!(b.delay_ms(2, f64::NAN), 4_000);
        assert_eq!(b.delay_ms(2, 7.0), 8_000);
        assert_eq!(b.delay_ms(2, -1.0), 4_000);
    }
}
