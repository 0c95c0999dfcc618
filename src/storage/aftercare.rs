//! Reads and writes for when something goes wrong: complaints, returns and adverse
//! reactions (incidents). Each write is one transaction; recording an incident also
//! puts the customer in effect class D in that same transaction. Also the win-back
//! list's "last contact" (the latest follow-up of each lost customer).

use std::collections::HashMap;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use super::records::{by_index, err, Saved};
use super::schema::*;
use super::{Db, Result};
use crate::domain::{Complaint, EffectClass, FollowUpEntry, Incident, Purchase, ReturnRecord, Stamp};
use crate::domain::sort::sort_by_key;

/// What the card's aftercare sections and the return form need of one customer, read
/// in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AftercareFile {
    /// Newest first.
    pub complaints: Vec<Complaint>,
    /// Newest first.
    pub returns: Vec<ReturnRecord>,
    /// Newest first.
    pub incidents: Vec<Incident>,
    /// Oldest first, as the card lists them.
    pub purchases: Vec<Purchase>,
}

impl Db {
    pub async fn aftercare_of(&self, customer_id: &str) -> Result<AftercareFile> {
        let tx = self.tx(&[COMPLAINTS, RETURNS, INCIDENTS, PURCHASES], TransactionMode::Readonly)?;
        let mut complaints: Vec<Complaint> = by_index(&tx.object_store(COMPLAINTS).map_err(err)?, "by_customer", customer_id).await?;
        sort_by_key(&mut complaints, |c| std::cmp::Reverse((c.at, c.meta.created_at)));
        let mut returns: Vec<ReturnRecord> = by_index(&tx.object_store(RETURNS).map_err(err)?, "by_customer", customer_id).await?;
        sort_by_key(&mut returns, |r| std::cmp::Reverse(r.meta.created_at));
        let mut incidents: Vec<Incident> = by_index(&tx.object_store(INCIDENTS).map_err(err)?, "by_customer", customer_id).await?;
        sort_by_key(&mut incidents, |i| std::cmp::Reverse((i.date, i.meta.created_at)));
        let mut purchases: Vec<Purchase> = by_index(&tx.object_store(PURCHASES).map_err(err)?, "by_customer", customer_id).await?;
        sort_by_key(&mut purchases, |p| (p.date, p.meta.created_at));
        Ok(AftercareFile { complaints, returns, incidents, purchases })
    }

    /// Saves a new complaint or a handled one (its `resolved_at` set when resolved),
    /// for a customer who is still there.
    pub async fn save_complaint(&self, complaint: &Complaint, stamp: &Stamp) -> Result<()> {
        let change = self.change_customer(&complaint.customer_id, &[COMPLAINTS]).await?;
        super::journal::put(&change.tx, complaint).await?;
        change.finish(stamp).await.map(|_| ())
    }

    /// Every complaint not yet resolved, in any order (see
    /// [`crate::domain::aftercare::open_in_order`]). A store has few complaints, so one
    /// read of the whole store is enough; no index on "unresolved" is needed.
    pub async fn open_complaints(&self) -> Result<Vec<Complaint>> {
        let tx = self.tx(&[COMPLAINTS], TransactionMode::Readonly)?;
        let store = tx.object_store(COMPLAINTS).map_err(err)?;
        let all = store.get_all::<Complaint>().serde().map_err(err)?.await.map_err(err)?;
        let mut open = Vec::new();
        for complaint in all {
            let complaint = complaint.map_err(err)?;
            if complaint.resolved_at.is_none() {
                open.push(complaint);
            }
        }
        Ok(open)
    }

    /// Saves a new return (`add`, so an existing one is never overwritten) and rewrites
    /// the customer's summary row (what they bought, net of the refund) and plan, in
    /// one transaction.
    pub async fn save_return(&self, record: &ReturnRecord, stamp: &Stamp) -> Result<Saved> {
        let change = self.change_customer(&record.customer_id, &[RETURNS]).await?;
        super::journal::add(&change.tx, record).await?;
        change.finish(stamp).await
    }

    /// Records an adverse reaction and puts its customer in effect class D (with their
    /// search row rewritten), in one transaction. Refused (nothing stored) if the
    /// customer is gone, or without an active sensitive consent (a reaction is health
    /// information).
    pub async fn record_incident(&self, incident: &Incident, stamp: &Stamp) -> Result<Saved> {
        let mut change = self.change_customer(&incident.customer_id, &[INCIDENTS, CONSENTS]).await?;
        change.require_sensitive_consent().await?;
        super::journal::add(&change.tx, incident).await?;
        change.customer.effect_class = Some(EffectClass::D);
        change.finish(stamp).await
    }

    /// Each customer's latest follow-up (by its time), for those who have one: the
    /// "last contact" of the win-back list. One transaction for all of them.
    pub async fn latest_follow_ups(&self, customer_ids: &[String]) -> Result<HashMap<String, FollowUpEntry>> {
        let tx = self.tx(&[FOLLOWUPS], TransactionMode::Readonly)?;
        let store = tx.object_store(FOLLOWUPS).map_err(err)?;
        let mut latest = HashMap::new();
        for id in customer_ids {
            let entries: Vec<FollowUpEntry> = by_index(&store, "by_customer", id).await?;
            if let Some(last) = entries.into_iter().max_by_key(|f| (f.at, f.meta.created_at)) {
                latest.insert(id.clone(), last);
            }
        }
        Ok(latest)
    }
}
