//! One way to guard a secret against guessing (the staff PIN, the self-check's
//! answers): a growing wait after a few wrong tries, counted on the tablet so a
//! reload does not reset it.

use crate::context::AppContext;
use crate::domain::lockout::{Attempts, Lockout};
use crate::domain::record::Millis;
use crate::storage::StorageError;

/// What a guarded try came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Guarded<T> {
    Passed(T),
    /// Wrong; this many tries before the waiting starts.
    Wrong { tries_left: u32 },
    /// No try is checked for this long.
    Wait { ms: Millis },
}

/// Runs `check` unless a wait is on for `key`. The try is counted before it is
/// checked (in the transaction that looks at the counter), and only a right answer
/// takes the count away again — its own count, no one else's.
pub async fn guarded<L: Lockout, T>(ctx: &AppContext, key: &str, check: impl std::future::Future<Output = Option<T>>) -> Result<Guarded<T>, StorageError> {
    let now = ctx.clock.now_ms();
    let attempts: Attempts<L> = match ctx.db.begin_attempt(key, now).await? {
        Ok(counted) => counted,
        Err(ms) => return Ok(Guarded::Wait { ms }),
    };
    match check.await {
        Some(value) => {
            ctx.db.clear_attempts(key).await?;
            Ok(Guarded::Passed(value))
        }
        None => Ok(match attempts.wait_ms(now) {
            Some(ms) => Guarded::Wait { ms },
            None => Guarded::Wrong { tries_left: attempts.tries_left() },
        }),
    }
}

/// The counter of wrong PINs for one staff member.
pub fn pin_key(member_id: &str) -> String {
    format!("{}pin:{member_id}", crate::storage::LOCKOUT_PREFIX)
}
