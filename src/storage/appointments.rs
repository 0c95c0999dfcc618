//! The appointment book's reads and writes. A booking and every change to it is one
//! transaction with the customer it belongs to (refused once they are erased), through
//! the replication journal; a check-in is an in-store visit, so it also logs the visit
//! and moves the customer's last visit; the reminder call logs a phone follow-up.

use chrono::NaiveDate;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use super::records::{err, Saved};
use super::schema::*;
use super::{journal, Db, Result, StorageError};
use crate::clock::local_day;
use crate::domain::appointment::{Appointment, Refused};
use crate::domain::{FollowUpEntry, Stamp};

/// A change the rules refused (nothing written), or a failed write.
#[derive(Debug)]
pub enum ChangeError {
    Refused(Refused),
    Storage(StorageError),
}

impl From<StorageError> for ChangeError {
    fn from(e: StorageError) -> Self {
        ChangeError::Storage(e)
    }
}

impl Db {
    /// Books a visit for a customer who is still there (`add`: an id already used
    /// fails), in one transaction with their derived rows.
    pub async fn book_appointment(&self, appointment: &Appointment, stamp: &Stamp) -> Result<Saved> {
        let change = self.change_customer(&appointment.customer_id, &[APPOINTMENTS]).await?;
        journal::add(&change.tx, appointment).await?;
        change.finish(stamp).await
    }

    /// Every appointment whose day is in `from..=to`, in no particular order.
    pub async fn appointments_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Appointment>> {
        let tx = self.tx(&[APPOINTMENTS], TransactionMode::Readonly)?;
        let store = tx.object_store(APPOINTMENTS).map_err(err)?;
        let (from, to) = (from.format("%Y-%m-%d").to_string(), to.format("%Y-%m-%d").to_string());
        let range = indexed_db_futures::KeyRange::Bound(from.as_str(), false, to.as_str(), false);
        let found = store.index("by_day").map_err(err)?.get_all::<Appointment>().with_query::<&str, _>(range).serde().map_err(err)?.await.map_err(err)?;
        found.collect::<indexed_db_futures::Result<Vec<_>>>().map_err(err)
    }

    /// One customer's appointments, in time order.
    pub async fn appointments_of(&self, customer_id: &str) -> Result<Vec<Appointment>> {
        let mut all: Vec<Appointment> = self.all_by("by_customer", customer_id).await?;
        all.sort_by_key(|a| (a.day, a.time, a.meta.created_at));
        Ok(all)
    }

    /// Changes one appointment as stored now, in one transaction with its customer:
    /// `change` applies the rule (refused: nothing written); `visit`, when given, is
    /// logged with it (a check-in's in-store visit moves the customer's last visit, a
    /// reminder's phone call their last contact). Returns the appointment as saved.
    pub async fn change_appointment(
        &self,
        id: &str,
        stamp: &Stamp,
        change: impl FnOnce(&mut Appointment) -> std::result::Result<(), Refused>,
        visit: Option<FollowUpEntry>,
    ) -> std::result::Result<(Appointment, Saved), ChangeError> {
        let Some(found) = self.get::<Appointment>(id).await? else { return Err(StorageError::Gone.into()) };
        let mut write = self.change_customer(&found.customer_id, &[APPOINTMENTS, FOLLOWUPS]).await?;
        let tx = &write.tx;
        let stored: Option<Appointment> = tx.object_store(APPOINTMENTS).map_err(err)?.get(id).serde().map_err(err)?.await.map_err(err)?;
        let Some(mut appointment) = stored.filter(|a| a.customer_id == found.customer_id) else { return Err(StorageError::Gone.into()) };
        change(&mut appointment).map_err(ChangeError::Refused)?;
        appointment.meta.touch(stamp);
        journal::put(tx, &appointment).await?;
        if let Some(entry) = visit {
            if let Some(day) = local_day(entry.at) {
                write.customer.record_contact(entry.method, day);
            }
            journal::add(&write.tx, &entry).await?;
        }
        let saved = write.finish(stamp).await?;
        Ok((appointment, saved))
    }

}
