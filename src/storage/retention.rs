//! The retention rule in storage: a customer due to go is erased through the same path
//! as a manual deletion ([`super::records::erase_in`]: tombstones, an audit entry),
//! checked again against the record as stored inside the erasing transaction (a visit
//! logged meanwhile keeps them). The day of the last run is this tablet's own.

use chrono::NaiveDate;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use super::records::{commit, erase_in, err, Setting, ERASE_STORES};
use super::schema::*;
use super::{Db, Result};
use crate::domain::notices::Notice;
use crate::domain::{retention, AuditAction, AuditEntry, ConsentKind, Customer, Stamp};

/// The settings row holding the day the rule last ran on this tablet.
pub const LAST_RUN_KEY: &str = "retention_last_run";

impl Db {
    /// Erases the customer if the retention rule says they are due on `today`, judged
    /// on the record as stored now; the audit entry names the rule and the notice that
    /// promised it. Returns whether they were erased.
    pub async fn erase_if_expired(&self, customer_id: &str, today: NaiveDate, stamp: &Stamp) -> Result<bool> {
        let tx = self.tx(&ERASE_STORES, TransactionMode::Readwrite)?;
        let customer: Option<Customer> = tx.object_store(CUSTOMERS).map_err(err)?.get(customer_id).serde().map_err(err)?.await.map_err(err)?;
        let Some(customer) = customer else { return Ok(false) };
        if !retention::due(customer.first_visit, customer.last_visit, today) {
            return Ok(false);
        }
        let mut audit = AuditEntry::new(customer_id, AuditAction::Erased, "", stamp);
        audit.detail = Some(format!("{} ({})", retention::RULE, Notice::for_kind(ConsentKind::PersonalInfo).id));
        erase_in(&tx, customer_id, stamp).await?;
        super::journal::add(&tx, &audit).await?;
        commit(tx).await?;
        Ok(true)
    }

    /// The day the retention rule last ran on this tablet.
    pub async fn retention_last_run(&self) -> Result<Option<NaiveDate>> {
        self.get_setting(LAST_RUN_KEY).await
    }

    pub async fn set_retention_last_run(&self, day: NaiveDate) -> Result<()> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        tx.object_store(SETTINGS).map_err(err)?.put(Setting { key: LAST_RUN_KEY.into(), value: day }).serde().map_err(err)?;
        commit(tx).await
    }
}
