//! The self-check's own rows, all this tablet's (settings rows under tablet-only keys:
//! never backed up, never restored over): a wrong-answer counter per phone number
//! (named by a hash, never the number), the tablet's window of recent wrong answers,
//! and the one-time view codes staff make (hashes only).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use super::records::{commit, err, Setting, LOCKOUT_PREFIX};
use super::schema::*;
use super::{Db, Result};
use crate::domain::lockout::{Attempts, Lockout};
use crate::domain::record::Millis;
use crate::domain::self_check::SelfCheckWindow;
use crate::domain::view_code::ViewCode;

/// The key of one phone number's wrong-answer counter (`id` from
/// [`crate::domain::self_check::phone_counter_id`]).
pub fn phone_key(id: &str) -> String {
    format!("{LOCKOUT_PREFIX}self-check:phone:{id}")
}

/// The key of the tablet's window of wrong self-check answers.
pub fn window_key() -> String {
    format!("{LOCKOUT_PREFIX}self-check:tablet")
}

/// View codes are settings rows under this prefix (this tablet's own).
pub const VIEW_CODE_PREFIX: &str = "view-code:";

/// The key of a customer's view code.
pub fn view_code_key(customer_id: &str) -> String {
    format!("{VIEW_CODE_PREFIX}{customer_id}")
}

impl Db {
    /// Starts a self-check answer, in one transaction: refuses (`Err` with the wait)
    /// while the tablet's pause or this number's wait is on; otherwise counts the
    /// answer as wrong for this number until it is proven right
    /// ([`Db::clear_attempts`]). Returns the number's counter with this answer counted.
    pub async fn begin_self_check<L: Lockout>(&self, phone_key: &str, window_key: &str, now: Millis) -> Result<std::result::Result<Attempts<L>, Millis>> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        let store = tx.object_store(SETTINGS).map_err(err)?;
        let window: Option<Setting<SelfCheckWindow>> = store.get(window_key).serde().map_err(err)?.await.map_err(err)?;
        if let Some(wait) = window.and_then(|w| w.value.wait_ms(now)) {
            return Ok(Err(wait));
        }
        let row: Option<Setting<Attempts<L>>> = store.get(phone_key).serde().map_err(err)?.await.map_err(err)?;
        let mut attempts = row.map(|r| r.value).unwrap_or_default();
        if let Some(wait) = attempts.wait_ms(now) {
            return Ok(Err(wait));
        }
        attempts.record_failure(now);
        store.put(Setting { key: phone_key.into(), value: &attempts }).serde().map_err(err)?;
        commit(tx).await?;
        Ok(Ok(attempts))
    }

    /// A self-check answer was wrong: it goes into the tablet's window (one
    /// transaction). Returns the pause it started, if it did.
    pub async fn record_wrong_self_check(&self, window_key: &str, now: Millis) -> Result<Option<Millis>> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        let store = tx.object_store(SETTINGS).map_err(err)?;
        let row: Option<Setting<SelfCheckWindow>> = store.get(window_key).serde().map_err(err)?.await.map_err(err)?;
        let mut window = row.map(|r| r.value).unwrap_or_default();
        window.record_wrong(now);
        store.put(Setting { key: window_key.into(), value: &window }).serde().map_err(err)?;
        commit(tx).await?;
        Ok(window.wait_ms(now))
    }

    /// Keeps a customer's new view code (replacing one not yet used).
    pub async fn save_view_code(&self, code: &ViewCode) -> Result<()> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        let store = tx.object_store(SETTINGS).map_err(err)?;
        store.put(Setting { key: view_code_key(&code.customer_id), value: code }).serde().map_err(err)?;
        commit(tx).await
    }

    /// Uses a view code, in one transaction: among `customer_ids` (the customers with
    /// the phone number typed), the ones whose stored code accepts `typed` now. Each
    /// accepted code is deleted (a code works once); expired codes found on the way go
    /// too.
    pub async fn use_view_code(&self, customer_ids: &[String], typed: &str, now: Millis) -> Result<Vec<String>> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        let store = tx.object_store(SETTINGS).map_err(err)?;
        let mut accepted = Vec::new();
        for id in customer_ids {
            let key = view_code_key(id);
            let row: Option<Setting<ViewCode>> = store.get(key.as_str()).serde().map_err(err)?.await.map_err(err)?;
            let Some(code) = row.map(|r| r.value) else { continue };
            let accepts = code.customer_id == *id && code.accepts(typed, now);
            if accepts {
                accepted.push(id.clone());
            }
            if accepts || code.expired(now) {
                store.delete(key.as_str()).build().map_err(err)?;
            }
        }
        commit(tx).await?;
        Ok(accepted)
    }

    /// A customer's stored view code, if any (tests; the card shows only the code it
    /// just made).
    pub async fn view_code_of(&self, customer_id: &str) -> Result<Option<ViewCode>> {
        self.get_setting(&view_code_key(customer_id)).await
    }
}
