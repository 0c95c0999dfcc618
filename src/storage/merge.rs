//! Two records of one person made one, in one transaction: every visit, photo,
//! measurement, purchase, follow-up, consent, complaint, return and adverse reaction
//! of the merged record moves to the kept one; the merged record leaves a tombstone
//! that names the kept one; both records' audit trails say so.

use indexed_db_futures::prelude::*;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

use super::records::{err, Saved};
use super::schema::*;
use super::{Db, Result, StorageError};
use crate::domain::merge::merged;
use crate::domain::{AuditAction, AuditEntry, Customer, Stamp, Tombstone};

/// The stores whose records belong to one customer (`by_customer` index), moved by a
/// merge. The audit log stays where it was written: it is about what happened.
pub use super::records::OWNED;

impl Db {
    /// Merges `other_id` into `keep_id`. Refused (nothing changed) when either is
    /// gone or they are the same record. Returns the kept customer as saved.
    pub async fn merge_customers(&self, keep_id: &str, other_id: &str, by_staff: &str, stamp: &Stamp) -> Result<Saved> {
        if keep_id == other_id {
            return Err(StorageError::Gone);
        }
        let mut stores = vec![AUDIT_LOG, SEARCH_ROWS, SEARCH_PAGES, SEARCH_CHANGES, PLANS, PHOTO_BLOBS];
        stores.extend(OWNED);
        let mut change = self.change_customer(keep_id, &stores).await?;
        let tx = &change.tx;
        let customers = tx.object_store(CUSTOMERS).map_err(err)?;
        let other: Option<Customer> = customers.get(other_id).serde().map_err(err)?.await.map_err(err)?;
        let erased: Option<Tombstone> = tx.object_store(TOMBSTONES).map_err(err)?.get(other_id).serde().map_err(err)?.await.map_err(err)?;
        let (Some(other), None) = (other, erased) else { return Err(StorageError::Gone) };

        for store in OWNED {
            let store = tx.object_store(store).map_err(err)?;
            let rows = store
                .index("by_customer")
                .map_err(err)?
                .get_all::<JsValue>()
                .with_query::<&str, _>(other_id)
                .primitive()
                .map_err(err)?
                .await
                .map_err(err)?;
            for row in rows {
                let row = row.map_err(err)?;
                move_to(&row, keep_id, stamp).map_err(|e| StorageError::Corrupt(format!("{e:?}")))?;
                let id = js_sys::Reflect::get(&row, &"id".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
                let body = super::journal::row_body(store.name().as_str(), &row);
                store.put(row).primitive().map_err(err)?;
                if let Some(body) = body {
                    super::journal::record(tx, &store.name(), &id, Some(body)).await?;
                }
            }
        }
        let _ = &customers;
        super::records::delete_search_row(tx, other_id).await?;
        tx.object_store(PLANS).map_err(err)?.delete(other_id).build().map_err(err)?;
        super::records::delete_one(tx, CUSTOMERS, other_id, stamp).await?;
        let mut tombstone = Tombstone::new(other_id, CUSTOMERS, stamp);
        tombstone.merged_into = Some(keep_id.to_string());
        tx.object_store(TOMBSTONES).map_err(err)?.put(&tombstone).serde().map_err(err)?;
        for (about, detail) in [(keep_id, other_id), (other_id, keep_id)] {
            let mut entry = AuditEntry::new(about, AuditAction::Merged, by_staff, stamp);
            entry.detail = Some(detail.to_string());
            super::journal::add(tx, &entry).await?;
        }
        change.customer = merged(&change.customer, &other);
        change.finish(stamp).await
    }
}

/// Points a stored record at another customer and marks it as changed here, now.
fn move_to(row: &JsValue, customer_id: &str, stamp: &Stamp) -> std::result::Result<(), JsValue> {
    Reflect::set(row, &"customer_id".into(), &customer_id.into())?;
    let meta = Reflect::get(row, &"meta".into())?;
    if meta.is_object() {
        let updated = Reflect::get(&meta, &"updated_at".into())?.as_f64().unwrap_or(0.0);
        Reflect::set(&meta, &"updated_at".into(), &JsValue::from_f64((stamp.now as f64).max(updated + 1.0)))?;
        Reflect::set(&meta, &"device_id".into(), &stamp.device_id.as_str().into())?;
    }
    Ok(())
}

/// How many records of `store` belong to a customer (tests and checks).
pub async fn count_by_customer(db: &Db, store: &str, customer_id: &str) -> Result<u32> {
    let tx = db.tx(&[store], indexed_db_futures::transaction::TransactionMode::Readonly)?;
    tx.object_store(store).map_err(err)?.index("by_customer").map_err(err)?.count().with_query::<&str, _>(customer_id).primitive().map_err(err)?.await.map_err(err)
}
