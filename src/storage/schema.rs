//! The database layout and how it changes from one version to the next.
//!
//! Two kinds of step, each version at most one of each:
//! - **schema steps** run inside IndexedDB's `upgradeneeded`: they create the stores
//!   that version introduces, each with *all* its indexes at once (indexed_db_futures
//!   0.6 cannot reach an existing store during an upgrade, its issue #66; a later index
//!   on an existing store means a new store and a copy in the data step);
//! - **data steps** run right after opening, before anything else reads, each in one
//!   readwrite transaction that also records the step as done (`data_version` in the
//!   `settings` store). A step cut short by a closed tab rolls back and runs again on
//!   the next open, so a data step must be safe to repeat.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyPath;

use super::{records, Db, Result, StorageError};
use crate::domain::backup::{Layout, StoreKind, StoreSpec};
use crate::domain::Customer;

/// The schema version this build writes (v7: a data step only; v8: the appointment book
/// and the monthly plans; v9: the search rows in pages).
pub const VERSION: u32 = 9;

pub const SETTINGS: &str = "settings";
pub const CUSTOMERS: &str = "customers";
pub const PHOTOS: &str = "photos";
pub const PHOTO_BLOBS: &str = "photo_blobs";
pub const MEASUREMENTS: &str = "measurements";
pub const PURCHASES: &str = "purchases";
pub const FOLLOWUPS: &str = "followups";
pub const COMPLAINTS: &str = "complaints";
pub const RETURNS: &str = "returns";
pub const CONSENTS: &str = "consents";
pub const TOMBSTONES: &str = "tombstones";
pub const AUDIT_LOG: &str = "audit_log";
pub const STAFF: &str = "staff";
pub const SEARCH_ROWS: &str = "search_rows";
pub const PLANS: &str = "plans";
pub const INCIDENTS: &str = "incidents";
pub const DOCS: &str = "docs";
pub const APPOINTMENTS: &str = "appointments";
pub const MONTH_PLANS: &str = "month_plans";
pub const SEARCH_PAGES: &str = "search_pages";
pub const SEARCH_CHANGES: &str = "search_changes";

pub struct IndexDef {
    pub name: &'static str,
    /// One path, or several for a compound key.
    pub key_path: &'static [&'static str],
}

pub struct StoreDef {
    pub name: &'static str,
    /// Empty for a store whose keys are given with each write.
    pub key_path: &'static str,
    pub indexes: &'static [IndexDef],
    /// The schema version that created it.
    pub since: u32,
}

const fn ix(name: &'static str, key_path: &'static [&'static str]) -> IndexDef {
    IndexDef { name, key_path }
}

const BY_UPDATED: IndexDef = ix("by_updated", &["meta.updated_at"]);
const BY_CUSTOMER: IndexDef = ix("by_customer", &["customer_id"]);

/// Every store, in the version that made it. Records of customers' lives are found by
/// customer; everything by update time (for sync and backups).
pub const STORES: &[StoreDef] = &[
    StoreDef { name: SETTINGS, key_path: "key", indexes: &[], since: 1 },
    StoreDef {
        name: CUSTOMERS,
        key_path: "id",
        indexes: &[
            ix("by_name_key", &["name_key"]),
            ix("by_phone", &["phone_digits"]),
            ix("by_first_visit_month", &["first_visit_month"]),
            BY_UPDATED,
        ],
        since: 1,
    },
    StoreDef {
        name: PHOTOS,
        key_path: "id",
        indexes: &[BY_CUSTOMER, ix("by_customer_site", &["customer_id", "site"]), BY_UPDATED],
        since: 1,
    },
    // Image bytes as Blobs, apart from the metadata so that lists never load them.
    StoreDef { name: PHOTO_BLOBS, key_path: "photo_id", indexes: &[], since: 1 },
    StoreDef { name: MEASUREMENTS, key_path: "id", indexes: &[BY_CUSTOMER, BY_UPDATED], since: 1 },
    StoreDef { name: PURCHASES, key_path: "id", indexes: &[BY_CUSTOMER, BY_UPDATED], since: 1 },
    StoreDef {
        name: FOLLOWUPS,
        key_path: "id",
        indexes: &[BY_CUSTOMER, ix("by_due", &["next_due"]), BY_UPDATED],
        since: 1,
    },
    StoreDef { name: COMPLAINTS, key_path: "id", indexes: &[BY_CUSTOMER, BY_UPDATED], since: 1 },
    StoreDef { name: RETURNS, key_path: "id", indexes: &[BY_CUSTOMER, BY_UPDATED], since: 1 },
    StoreDef { name: CONSENTS, key_path: "id", indexes: &[BY_CUSTOMER, BY_UPDATED], since: 1 },
    StoreDef { name: TOMBSTONES, key_path: "id", indexes: &[ix("by_deleted_at", &["deleted_at"])], since: 1 },
    // v2: who did what and when (exports, erasures, consent withdrawals).
    StoreDef {
        name: AUDIT_LOG,
        key_path: "id",
        indexes: &[ix("by_at", &["at"]), ix("by_customer", &["customer_id"])],
        since: 2,
    },
    // v3: staff members, each with a salted PIN hash.
    StoreDef { name: STAFF, key_path: "id", indexes: &[BY_UPDATED], since: 3 },
    // v4: one line of text per customer (keyed by customer id), what the staff search
    // needs, so that the search index loads with one fast read. Derived from
    // `customers` and written in the same transaction as every customer write.
    StoreDef { name: SEARCH_ROWS, key_path: "", indexes: &[], since: 4 },
    // v5: each customer's follow-up plan (what is due next and why), derived from the
    // customer, purchases and follow-up log and rewritten with them; the today list
    // reads it by the earliest due date.
    StoreDef { name: PLANS, key_path: "customer_id", indexes: &[ix("by_next_due", &["next_due"])], since: 5 },
    // v5: adverse reactions (起疹子, 头皮瘙痒 …) recorded for effect class D.
    StoreDef { name: INCIDENTS, key_path: "id", indexes: &[BY_CUSTOMER, BY_UPDATED], since: 5 },
    // v6: the replication journal — each replicated record's revision tree and the
    // local sequence of its last change (`by_seq`: the changes feed). This tablet's
    // own: rebuilt from the records after a restore, never exported.
    StoreDef { name: DOCS, key_path: "id", indexes: &[ix("by_seq", &["seq"])], since: 6 },
    // v8: the appointment book (预约到店表): booked visits, read by day for the book
    // and the today list, by customer for the card.
    StoreDef { name: APPOINTMENTS, key_path: "id", indexes: &[BY_CUSTOMER, ix("by_day", &["day"]), BY_UPDATED], since: 8 },
    // v8: each staff member's visit plan for a month, as the manager adjusted it.
    StoreDef { name: MONTH_PLANS, key_path: "id", indexes: &[BY_UPDATED], since: 8 },
    // v9: the search rows packed into pages (a few hundred records load far faster
    // than one per customer), and the rows changed since their page was written; both
    // written with every search row (see `search_pages`).
    StoreDef { name: SEARCH_PAGES, key_path: "", indexes: &[], since: 9 },
    StoreDef { name: SEARCH_CHANGES, key_path: "", indexes: &[], since: 9 },
];

/// Stores made from others, never in a backup: an import empties and rebuilds them
/// (see [`rebuild_derived`]) in its own transaction.
/// The replication journal (`docs`) is listed too: never exported, and after an
/// import it is not emptied but reconciled with what the import wrote (revision
/// trees are kept, so a restored record does not conflict with the server's).
pub const DERIVED: &[&str] = &[SEARCH_ROWS, PLANS, DOCS, SEARCH_PAGES, SEARCH_CHANGES];

/// Settings rows that belong to this tablet, not to the store's data: lockout
/// counters, the self-check's one-time view codes, migration bookkeeping, when it last
/// made a backup or ran the retention rule. Never exported, never overwritten or
/// cleared by an import.
/// A key ending in `:` stands for every key that starts with it.
pub const TABLET_ONLY_SETTINGS: &[&str] = &[
    records::LOCKOUT_PREFIX,
    records::SYNC_PREFIX,
    records::PIN_ATTEMPTS_KEY,
    records::SELF_CHECK_ATTEMPTS_KEY,
    records::DATA_VERSION_KEY,
    records::LAST_BACKUP_KEY,
    super::self_check::VIEW_CODE_PREFIX,
    super::retention::LAST_RUN_KEY,
];

/// What a backup holds: every store that is not derived, described for the pure
/// checks and merge rules of [`crate::domain::backup`]. A store added to [`STORES`]
/// is backed up as records keyed by its key path unless it is listed in [`DERIVED`].
pub fn backup_layout() -> Layout {
    let stores = STORES
        .iter()
        .filter(|s| !DERIVED.contains(&s.name))
        .map(|s| StoreSpec {
            name: s.name,
            key: s.key_path,
            kind: match s.name {
                SETTINGS => StoreKind::Settings,
                TOMBSTONES => StoreKind::Tombstones,
                PHOTO_BLOBS => StoreKind::Blobs { owner: PHOTOS },
                _ => StoreKind::Records,
            },
        })
        .collect();
    Layout { schema_version: VERSION, stores, tablet_only_settings: TABLET_ONLY_SETTINGS, customers: CUSTOMERS, consents: CONSENTS, owned: &records::OWNED }
}

/// Empties and refills every derived store from what the transaction holds now
/// (after an import's writes, before its commit). `tx` must include [`DERIVED`] and
/// their sources.
pub(crate) async fn rebuild_derived(tx: &Transaction<'_>) -> Result<()> {
    for name in DERIVED.iter().filter(|n| **n != DOCS) {
        tx.object_store(name).map_err(StorageError::from_idb)?.clear().map_err(StorageError::from_idb)?;
    }
    // Both derived stores (search rows and plans) come from the same records.
    super::derived::rebuild_in(tx).await?;
    super::journal::reconcile_in(tx).await?;
    Ok(())
}

/// The schema step: creates the stores introduced after `old` up to `new`.
pub(crate) fn upgrade(db: &Database, old: u32, new: u32) -> indexed_db_futures::Result<()> {
    for def in STORES.iter().filter(|s| s.since > old && s.since <= new) {
        let store = if def.key_path.is_empty() {
            db.create_object_store(def.name).build()?
        } else {
            db.create_object_store(def.name).with_key_path(KeyPath::from(def.key_path)).build()?
        };
        for index in def.indexes {
            let key_path: KeyPath<&str> = match index.key_path {
                [one] => KeyPath::One(*one),
                many => KeyPath::from(many),
            };
            store.create_index(index.name, key_path).build()?;
        }
    }
    Ok(())
}

/// The data steps not yet done, up to `version`.
pub(crate) async fn run_data_migrations(db: &Db, version: u32) -> Result<()> {
    let done = records::data_version(db).await?;
    for step in (done + 1)..=version {
        match step {
            // v4 fills the search rows from the customers as they are.
            2 | 4 => reindex_customers(db, step).await?,
            // v5 adds classes, amounts and the follow-up plan to what is derived.
            5 => {
                super::derived::rebuild_all(db, Some(step)).await?;
            }
            // v6 journals every record there is, so the first sync sends them all.
            6 => super::journal::journal_all(db, Some(step)).await?,
            // v7: a record saved again beside its own tombstone (before every write
            // checked for it) goes, and so does any record of an erased customer.
            7 => {
                records::repair_erased(db, Some(step)).await?;
            }
            // v9: the search rows into pages.
            9 => {
                super::search_pages::build(db, Some(step)).await?;
            }
            // Version 1 made the stores; there was no data before it.
            _ => records::set_data_version(db, step).await?,
        }
    }
    Ok(())
}

/// v2 and v4 data step: recompute every customer's derived search keys and search
/// row. Records written by v1 lacked the keys (so they were missing from the name,
/// phone and month indexes); v4 added the search rows. Later versions that change how
/// keys are derived reuse this step.
async fn reindex_customers(db: &Db, step: u32) -> Result<()> {
    // Before v4 the search rows store does not exist yet.
    let with_rows = db.has_store(SEARCH_ROWS);
    // (Db::tx leaves out the stores this version does not have.)
    let tx = db.tx(&[CUSTOMERS, SETTINGS, SEARCH_ROWS, SEARCH_PAGES, SEARCH_CHANGES], TransactionMode::Readwrite)?;
    let store = tx.object_store(CUSTOMERS).map_err(StorageError::from_idb)?;
    if let Some(mut cursor) = store.open_cursor().await.map_err(StorageError::from_idb)? {
        while let Some(mut customer) = cursor.next_record_ser::<Customer>().await.map_err(StorageError::from_idb)? {
            customer.refresh_keys();
            cursor.update(&customer).serde().map_err(StorageError::from_idb)?.await.map_err(StorageError::from_idb)?;
            if with_rows {
                records::put_search_row(&tx, &customer)?;
            }
        }
    }
    records::put_data_version(&tx, step)?;
    records::commit(tx).await
}
