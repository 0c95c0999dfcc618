//! 我的头发变化: a customer identifies themself (phone, then birth date or a one-time
//! view code from staff) to see their own progress, guarded against guessing: wrong
//! answers count per phone number (that number waits after a few) and per tablet over
//! a time window (every self-check pauses briefly after many). A right answer clears
//! only its own number's count.

use chrono::NaiveDate;

use crate::context::AppContext;
use crate::domain::self_check::{identify, one_of, phone_counter_id, SelfCheckAttempts, SelfCheckLockout};
use crate::domain::view_code::{self, ViewCode};
use crate::domain::Customer;
use crate::i18n::{Msg, T};
use crate::storage::self_check::{phone_key, window_key};
use crate::storage::StorageError;

use super::lockout::Guarded;
use super::message;

/// What the customer answered after their phone number.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Birth(NaiveDate),
    /// A view code, as [`view_code::check_input`] gave it.
    Code(String),
}

/// The one customer with this phone number who gave this answer, if exactly one.
pub async fn identify_customer(ctx: &AppContext, phone_digits: &str, answer: &Answer) -> Result<Guarded<Customer>, Msg> {
    guarded(ctx, phone_digits, answer).await.map_err(message)
}

async fn guarded(ctx: &AppContext, phone_digits: &str, answer: &Answer) -> Result<Guarded<Customer>, StorageError> {
    let now = ctx.clock.now_ms();
    let phone = phone_key(&phone_counter_id(&ctx.settings.device_id, phone_digits));
    let window = window_key();
    let attempts: SelfCheckAttempts = match ctx.db.begin_self_check::<SelfCheckLockout>(&phone, &window, now).await? {
        Ok(counted) => counted,
        Err(ms) => return Ok(Guarded::Wait { ms }),
    };
    let candidates = ctx.db.customers_with_phone(phone_digits).await?;
    let found = match answer {
        Answer::Birth(day) => identify(&candidates, *day).cloned(),
        Answer::Code(code) => {
            let ids: Vec<String> = candidates.iter().map(|c| c.id.clone()).collect();
            let accepted = ctx.db.use_view_code(&ids, code, now).await?;
            one_of(&candidates, |c| accepted.contains(&c.id)).cloned()
        }
    };
    match found {
        Some(customer) => {
            ctx.db.clear_attempts(&phone).await?;
            Ok(Guarded::Passed(customer))
        }
        None => {
            let paused = ctx.db.record_wrong_self_check(&window, now).await?;
            Ok(match attempts.wait_ms(now).or(paused) {
                Some(ms) => Guarded::Wait { ms },
                None => Guarded::Wrong { tries_left: attempts.tries_left() },
            })
        }
    }
}

/// A new view code for a customer (staff, from the card): shown once, stored as a
/// hash, good for [`view_code::VALID_MS`] and one use; a newer code replaces an older
/// one. Returns the code and until when it is good.
pub async fn make_view_code(ctx: &AppContext, customer_id: &str) -> Result<(String, i64), Msg> {
    let bytes = crate::crypto::random_bytes(8).map_err(|_| Msg::from(T::ViewCodeFailed))?;
    let bytes: [u8; 8] = bytes.try_into().map_err(|_| Msg::from(T::ViewCodeFailed))?;
    let code = view_code::from_random(bytes);
    let stored = ViewCode::new(customer_id, &code, &ctx.staff_name(), ctx.clock.now_ms());
    ctx.db.save_view_code(&stored).await.map_err(message)?;
    Ok((code, stored.expires_at))
}
