//! Counts for the statistics screen that come from record stores rather than the
//! customers' summary rows: what was logged or added in a span of time. Records are
//! counted by `meta.updated_at` through the `by_updated` index (a follow-up or photo
//! is written once and rarely edited, so this is when it was added).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;

use super::records::err;
use super::schema::{FOLLOWUPS, PHOTOS};
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
