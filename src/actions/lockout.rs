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

/// Runs `check` unless a wait is on, and records what it came to under `key`.
pub async fn guarded<L: Lockout, T>(ctx: &AppContext, key: &str, check: impl std::future::Future<Output = Option<T>>) -> Result<Guarded<T>, StorageError> {
    let mut attempts: Attempts<L> = ctx.db.attempts(key).await?;
    if let Some(ms) = attempts.wait_ms(ctx.clock.now_ms()) {
        return Ok(Guarded::Wait { ms });
    }
    let found = check.await;
    match &found {
        Some(_) => attempts.record_success(),
        None => attempts.record_failure(ctx.clock.now_ms()),
    }
    ctx.db.save_attempts(key, &attempts).await?;
    Ok(match (found, attempts.wait_ms(ctx.clock.now_ms())) {
        (Some(value), _) => Guarded::Passed(value),
        (None, Some(ms)) => Guarded::Wait { ms },
        (None, None) => Guarded::Wrong { tries_left: attempts.tries_left() },
    })
}
