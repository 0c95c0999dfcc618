//! Consents in storage: health records are refused inside their own write's
//! transaction unless the customer's sensitive-information consent is active (read in
//! that same transaction, so a withdrawal in another tab cannot slip between the check
//! and the write), and a consent given again is saved with its customer.

use indexed_db_futures::transaction::TransactionMode;

use super::records::{by_index, err, CustomerChange, Saved};
use super::schema::*;
use super::{Db, Result, StorageError};
use crate::domain::consent::sensitive_active;
use crate::domain::{ConsentRecord, Stamp};

impl CustomerChange<'_> {
    /// Refuses ([`StorageError::NoSensitiveConsent`]) unless the customer's
    /// sensitive-information consent is active now. The write's transaction must
    /// include [`CONSENTS`]; dropped after a refusal, it rolls back.
    pub(crate) async fn require_sensitive_consent(&self) -> Result<()> {
        let consents: Vec<ConsentRecord> = by_index(&self.tx.object_store(CONSENTS).map_err(err)?, "by_customer", &self.customer.id).await?;
        if sensitive_active(&consents) {
            Ok(())
        } else {
            Err(StorageError::NoSensitiveConsent)
        }
    }
}

impl Db {
    /// A customer's consent decisions, in no particular order.
    pub async fn consents_of(&self, customer_id: &str) -> Result<Vec<ConsentRecord>> {
        let tx = self.tx(&[CONSENTS], TransactionMode::Readonly)?;
        by_index(&tx.object_store(CONSENTS).map_err(err)?, "by_customer", customer_id).await
    }

    /// Saves a consent given again (`add`: a decision is never overwritten), for a
    /// customer who is still there. One transaction.
    pub async fn give_consent(&self, consent: &ConsentRecord, stamp: &Stamp) -> Result<Saved> {
        let change = self.change_customer(&consent.customer_id, &[CONSENTS]).await?;
        super::journal::add(&change.tx, consent).await?;
        change.finish(stamp).await
    }
}
