//! 客户分配: giving customers to a staff member, one or many in one transaction. Each
//! customer changed is written through the journal with their derived rows, and the
//! change is logged on them (who gave them from whom to whom).

use std::collections::HashMap;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use super::records::{commit, err, with_derived, Saved};
use super::schema::*;
use super::{derived, journal, Db, Result};
use crate::domain::{AuditAction, AuditEntry, Customer, Stamp, Tombstone};

impl Db {
    /// Assigns `customer_ids` to the staff member `staff_id` (None: to nobody), all
    /// in one transaction; customers erased meanwhile are left out and those already
    /// theirs are not touched. `names` names staff by id for the log. Returns the
    /// customers changed, as saved.
    pub async fn assign_customers(&self, customer_ids: &[String], staff_id: Option<&str>, names: &HashMap<String, String>, by_staff: &str, stamp: &Stamp) -> Result<Vec<Saved>> {
        let tx = self.tx(&with_derived(&[CUSTOMERS, TOMBSTONES, AUDIT_LOG]), TransactionMode::Readwrite)?;
        let mut saved = Vec::new();
        let name_of = |id: Option<&str>| id.map(|id| names.get(id).cloned().unwrap_or_else(|| id.to_string())).unwrap_or_else(|| "-".into());
        for id in customer_ids {
            let found: Option<Customer> = tx.object_store(CUSTOMERS).map_err(err)?.get(id.as_str()).serde().map_err(err)?.await.map_err(err)?;
            let erased: Option<Tombstone> = tx.object_store(TOMBSTONES).map_err(err)?.get(id.as_str()).serde().map_err(err)?.await.map_err(err)?;
            let (Some(mut customer), None) = (found, erased) else { continue };
            if customer.staff_id.as_deref() == staff_id {
                continue;
            }
            let mut audit = AuditEntry::new(id, AuditAction::Assigned, by_staff, stamp);
            audit.detail = Some(format!("{} → {}", name_of(customer.staff_id.as_deref()), name_of(staff_id)));
            customer.staff_id = staff_id.map(str::to_string);
            customer.meta.touch(stamp);
            journal::put(&tx, &customer).await?;
            journal::add(&tx, &audit).await?;
            let entry = derived::write_for(&tx, &customer).await?;
            saved.push(Saved { customer, entry });
        }
        commit(tx).await?;
        Ok(saved)
    }
}
