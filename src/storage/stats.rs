//! Counts for the statistics screen that come from record stores rather than the
//! customers' summary rows: what was logged or added in a span of time. Records are
//! counted by `meta.updated_at` through the `by_updated` index (a follow-up or photo
//! is written once and rarely edited, so this is when it was added).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;

use super::records::err;
use super::schema::{FOLLOWUPS, MONTH_PLANS, PHOTOS, PURCHASES, RETURNS};
use crate::domain::{Purchase, ReturnRecord};
use super::{Db, Result};

impl Db {
    /// Follow-ups logged and photos added from `from_ms` (inclusive) to `to_ms`.
    pub async fn added_between(&self, from_ms: i64, to_ms: i64) -> Result<(u32, u32)> {
        let tx = self.raw().transaction([FOLLOWUPS, PHOTOS]).with_mode(TransactionMode::Readonly).build().map_err(err)?;
        let mut counts = [0u32; 2];
        for (i, store) in [FOLLOWUPS, PHOTOS].into_iter().enumerate() {
            let range = KeyRange::Bound(from_ms as f64, false, to_ms as f64, true);
            counts[i] = tx
                .object_store(store)
                .map_err(err)?
                .index("by_updated")
                .map_err(err)?
                .count()
                .with_query::<f64, _>(range)
                .primitive()
                .map_err(err)?
                .await
                .map_err(err)?;
        }
        Ok((counts[0], counts[1]))
    }
}

impl Db {
    /// Visits made (in the store or at home) logged between `from_ms` and `to_ms`, by
    /// customer: the monthly plan's progress.
    pub async fn visits_between(&self, from_ms: i64, to_ms: i64) -> Result<std::collections::HashMap<String, u32>> {
        use crate::domain::{ContactMethod, FollowUpEntry};
        let tx = self.raw().transaction([FOLLOWUPS]).with_mode(TransactionMode::Readonly).build().map_err(err)?;
        // Logged (so last changed) at or after the start; when they happened decides.
        let range = KeyRange::LowerBound(from_ms as f64, false);
        let found = tx.object_store(FOLLOWUPS).map_err(err)?.index("by_updated").map_err(err)?.get_all::<FollowUpEntry>().with_query::<f64, _>(range).serde().map_err(err)?.await.map_err(err)?;
        let mut out = std::collections::HashMap::new();
        for entry in found {
            let entry = entry.map_err(err)?;
            if entry.at >= from_ms && entry.at < to_ms && matches!(entry.method, Some(ContactMethod::InStore | ContactMethod::HomeVisit)) {
                *out.entry(entry.customer_id).or_insert(0) += 1;
            }
        }
        Ok(out)
    }

    /// Every staff member's saved plan for `month` (`YYYY-MM`).
    pub async fn month_plans(&self, month: &str) -> Result<Vec<crate::domain::month_plan::MonthPlan>> {
        let tx = self.raw().transaction([MONTH_PLANS]).with_mode(TransactionMode::Readonly).build().map_err(err)?;
        let all = tx.object_store(MONTH_PLANS).map_err(err)?.get_all::<crate::domain::month_plan::MonthPlan>().serde().map_err(err)?.await.map_err(err)?;
        let all: Vec<_> = all.collect::<indexed_db_futures::Result<_>>().map_err(err)?;
        Ok(all.into_iter().filter(|p| p.month == month).collect())
    }
}

impl Db {
    /// The purchases and returns changed at or after `from_ms`, in one read: the sales
    /// statistics' months. A purchase is dated no later than the day it is logged, so
    /// every purchase dated in the months from `from_ms` on is among them (older ones
    /// come too and are left out by their date).
    pub async fn sales_since(&self, from_ms: i64) -> Result<(Vec<Purchase>, Vec<ReturnRecord>)> {
        let tx = self.raw().transaction([PURCHASES, RETURNS]).with_mode(TransactionMode::Readonly).build().map_err(err)?;
        let range = || KeyRange::LowerBound(from_ms as f64, false);
        let purchases = tx.object_store(PURCHASES).map_err(err)?.index("by_updated").map_err(err)?.get_all::<Purchase>().with_query::<f64, _>(range()).serde().map_err(err)?.await.map_err(err)?;
        let purchases: Vec<Purchase> = purchases.collect::<indexed_db_futures::Result<_>>().map_err(err)?;
        let returns = tx.object_store(RETURNS).map_err(err)?.index("by_updated").map_err(err)?.get_all::<ReturnRecord>().with_query::<f64, _>(range()).serde().map_err(err)?.await.map_err(err)?;
        let returns: Vec<ReturnRecord> = returns.collect::<indexed_db_futures::Result<_>>().map_err(err)?;
        Ok((purchases, returns))
    }
}
