//! 转介绍: linking a customer to the record of whoever referred them, and thanking the
//! referrer (a follow-up logged on them, the referral marked thanked), each in one
//! transaction.

use indexed_db_futures::prelude::*;

use super::records::{err, Saved};
use super::schema::*;
use super::{derived, journal, Db, Result, StorageError};
use crate::clock::local_day;
use crate::domain::{Customer, FollowUpEntry, Stamp, Tombstone};

impl Db {
    /// Links `customer_id` to the referrer `referrer_id` (None: unlinks). Refused when
    /// either is gone or they are the same record.
    pub async fn link_referrer(&self, customer_id: &str, referrer_id: Option<&str>, stamp: &Stamp) -> Result<Saved> {
        if referrer_id == Some(customer_id) {
            return Err(StorageError::Gone);
        }
        let mut change = self.change_customer(customer_id, &[]).await?;
        if let Some(referrer) = referrer_id {
            let found: Option<Customer> = change.tx.object_store(CUSTOMERS).map_err(err)?.get(referrer).serde().map_err(err)?.await.map_err(err)?;
            let erased: Option<Tombstone> = change.tx.object_store(TOMBSTONES).map_err(err)?.get(referrer).serde().map_err(err)?.await.map_err(err)?;
            if found.is_none() || erased.is_some() {
                return Err(StorageError::Gone);
            }
        }
        if change.customer.referred_by.as_deref() != referrer_id {
            change.customer.referred_by = referrer_id.map(str::to_string);
            change.customer.referral_thanked = None;
        }
        change.finish(stamp).await
    }

    /// The referrer of `referred_id` was thanked: `thanks` (a follow-up of the
    /// referrer's) is logged and the referral marked, in one transaction. Returns both
    /// customers as saved (referrer first).
    pub async fn thank_referrer(&self, referred_id: &str, thanks: &FollowUpEntry, stamp: &Stamp) -> Result<(Saved, Saved)> {
        let mut change = self.change_customer(&thanks.customer_id, &[FOLLOWUPS]).await?;
        let tx = &change.tx;
        let referred: Option<Customer> = tx.object_store(CUSTOMERS).map_err(err)?.get(referred_id).serde().map_err(err)?.await.map_err(err)?;
        let Some(mut referred) = referred.filter(|r| r.referred_by.as_deref() == Some(thanks.customer_id.as_str())) else { return Err(StorageError::Gone) };
        referred.referral_thanked = Some(stamp.now);
        referred.meta.touch(stamp);
        journal::put(tx, &referred).await?;
        let referred_entry = derived::write_for(tx, &referred).await?;
        if let Some(day) = local_day(thanks.at) {
            change.customer.record_contact(thanks.method, day);
        }
        journal::add(&change.tx, thanks).await?;
        let referrer = change.finish(stamp).await?;
        Ok((referrer, Saved { customer: referred, entry: referred_entry }))
    }
}
