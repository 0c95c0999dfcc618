//! Bulk access: many records of one kind written in one transaction, and a cursor over
//! every customer. For restoring data and for the benchmark (`scripts/bench.sh`), which
//! seeds a database of synthetic customers and measures the naive search against the
//! real one. The app's screens use [`records`](super::records).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::Serialize;

use super::schema::{CUSTOMERS, TOMBSTONES};
use super::{Db, Result, StorageError};
use crate::domain::{Customer, Record};

impl Db {
    /// Writes many records of one kind (insert or replace) in one transaction: all or
    /// none. Customers go through [`save_customers`](Self::save_customers), which keeps
    /// their search rows. Purchases, returns and follow-ups written here do not rewrite
    /// their customers' summary rows and plans: call [`Db::rebuild_plans`] after.
    /// Keep batches to a few thousand records.
    /// A customer's record is refused ([`StorageError::Gone`], nothing written) when it
    /// or its customer was erased.
    pub async fn put_all<R: Record + Serialize>(&self, records: &[R]) -> Result<()> {
        let tx = self.tx(&[R::STORE, TOMBSTONES], TransactionMode::Readwrite)?;
        let erased = if super::journal::guarded(R::STORE) { super::records::erased_in(&tx).await? } else { Default::default() };
        let store = tx.object_store(R::STORE).map_err(StorageError::from_idb)?;
        for record in records {
            if !erased.is_empty() {
                let body = serde_json::to_value(record).unwrap_or_default();
                let owner = super::journal::owner_of(R::STORE, &body);
                if erased.contains(record.id()) || owner.is_some_and(|o| erased.contains(o)) {
                    return Err(StorageError::Gone);
                }
            }
            store.put(record).serde().map_err(StorageError::from_idb)?;
        }
        super::records::commit(tx).await
    }

    /// Reads every customer record, one at a time through a cursor, and hands each to
    /// `visit`. This is how a search without an index would work: the benchmark's
    /// baseline, not something a screen should do.
    pub async fn scan_customers(&self, mut visit: impl FnMut(Customer)) -> Result<()> {
        let tx = self.raw().transaction(CUSTOMERS).with_mode(TransactionMode::Readonly).build().map_err(StorageError::from_idb)?;
        let store = tx.object_store(CUSTOMERS).map_err(StorageError::from_idb)?;
        let Some(mut cursor) = store.open_cursor().await.map_err(StorageError::from_idb)? else { return Ok(()) };
        while let Some(customer) = cursor.next_record_ser::<Customer>().await.map_err(StorageError::from_idb)? {
            visit(customer);
        }
        Ok(())
    }
}
