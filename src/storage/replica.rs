//! What replication reads and writes here: the local changes feed and the revisions to
//! send, the trees of documents the server offers, and received revisions written
//! into the record stores — each batch in one transaction, with the derived rows of
//! the customers it touches, exactly as a local save is. An erasure stays erased: a
//! live revision that arrives for a record this tablet erased (or for a record of an
//! erased customer) is answered with a deletion on top of it.

use std::collections::{HashMap, HashSet};

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyRange;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use super::journal::{self, ConflictBody, DocEntry};
use super::records::{err, Setting, APP_SETTINGS_KEY};
use super::schema::*;
use super::{derived, Db, Result, StorageError};
use crate::domain::replication::doc::{self, IncomingDoc, OutgoingDoc, STORE_SETTINGS_ID};
use crate::domain::replication::rev::{content_digest, AttachmentDigest, Rev};
use crate::domain::replication::{Checkpoint, RevTree, REVS_LIMIT};
use crate::domain::search::Entry;
use crate::domain::settings::SyncSettings;
use crate::domain::{AppSettings, Customer, Record, Stamp, Tombstone};

const CONFIG_KEY: &str = "sync:config";
const STATUS_KEY: &str = "sync:status";

fn checkpoint_key(replication_id: &str) -> String {
    format!("sync:checkpoint:{replication_id}")
}

/// A received revision and, for a live photo, its pictures (fetched beforehand:
/// nothing but IndexedDB may be awaited inside a transaction).
pub struct Received {
    pub doc: IncomingDoc,
    pub blobs: Vec<(String, web_sys::Blob)>,
}

/// What a batch of received revisions changed, for what the app keeps in memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// Customers whose summary row changed (added, edited, or something of theirs).
    pub customers: Vec<Entry>,
    /// Customers erased.
    pub removed: Vec<String>,
    /// The store's settings as they are now, when they changed.
    pub settings: Option<AppSettings>,
    /// Revisions new to this tablet.
    pub new_revisions: usize,
    /// Revisions refused, with why (a body that does not read as its kind).
    pub refused: Vec<(String, String)>,
}

impl Db {
    /// The server this tablet syncs with, if set up (this tablet's own row).
    pub async fn sync_settings(&self) -> Result<Option<SyncSettings>> {
        self.get_setting(CONFIG_KEY).await
    }

    pub async fn save_sync_settings(&self, config: Option<&SyncSettings>) -> Result<()> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        let store = tx.object_store(SETTINGS).map_err(err)?;
        match config {
            Some(c) => {
                store.put(Setting { key: CONFIG_KEY.into(), value: c }).serde().map_err(err)?;
            }
            None => {
                store.delete(CONFIG_KEY).build().map_err(err)?;
            }
        }
        super::records::commit(tx).await
    }

    /// The last sync's outcome as the status line shows it (this tablet's own).
    pub async fn sync_status<T: DeserializeOwned>(&self) -> Result<Option<T>> {
        self.get_setting(STATUS_KEY).await
    }

    pub async fn save_sync_status<T: Serialize>(&self, status: &T) -> Result<()> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        tx.object_store(SETTINGS).map_err(err)?.put(Setting { key: STATUS_KEY.into(), value: status }).serde().map_err(err)?;
        super::records::commit(tx).await
    }

    /// This tablet's copy of a replication's checkpoint.
    pub async fn local_checkpoint(&self, replication_id: &str) -> Result<Option<Checkpoint>> {
        let value: Option<String> = self.get_setting(&checkpoint_key(replication_id)).await?;
        Ok(value.and_then(|v| serde_json::from_str(&v).ok()).and_then(|v: Value| Checkpoint::from_value(&v)))
    }

    pub async fn save_local_checkpoint(&self, replication_id: &str, checkpoint: &Checkpoint) -> Result<()> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        let row = Setting { key: checkpoint_key(replication_id), value: checkpoint.to_value().to_string() };
        tx.object_store(SETTINGS).map_err(err)?.put(row).serde().map_err(err)?;
        super::records::commit(tx).await
    }

    /// The local changes feed: journal entries changed after `since`, oldest first,
    /// at most `limit`.
    pub async fn changes_since(&self, since: i64, limit: u32) -> Result<Vec<DocEntry>> {
        let tx = self.tx(&[DOCS], TransactionMode::Readonly)?;
        let range = KeyRange::LowerBound(since as f64, true);
        let found = tx
            .object_store(DOCS)
            .map_err(err)?
            .index("by_seq")
            .map_err(err)?
            .get_all::<DocEntry>()
            .with_query::<f64, _>(range)
            .with_limit(limit)
            .serde()
            .map_err(err)?
            .await
            .map_err(err)?;
        found.collect::<indexed_db_futures::Result<Vec<_>>>().map_err(err)
    }

    /// How many documents changed after `since` (waiting to be sent).
    pub async fn changes_waiting(&self, since: i64) -> Result<u32> {
        let tx = self.tx(&[DOCS], TransactionMode::Readonly)?;
        let range = KeyRange::LowerBound(since as f64, true);
        tx.object_store(DOCS).map_err(err)?.index("by_seq").map_err(err)?.count().with_query::<f64, _>(range).primitive().map_err(err)?.await.map_err(err)
    }

    /// Every leaf revision of these documents, as this tablet would send them (a
    /// revision whose body this tablet no longer has is left out), with each photo's
    /// pictures.
    pub async fn outgoing(&self, entries: &[DocEntry]) -> Result<Vec<(OutgoingDoc, Vec<web_sys::Blob>)>> {
        let mut stores = journal::journaled_stores();
        stores.extend([DOCS, PHOTO_BLOBS]);
        let tx = self.tx(&stores, TransactionMode::Readonly)?;
        let mut out = vec![];
        for entry in entries {
            for leaf in entry.tree.leaves() {
                if let Some(doc) = journal::outgoing(&tx, entry, &leaf.rev).await? {
                    out.push(doc);
                }
            }
        }
        Ok(out)
    }

    /// The revision trees of these documents, for working out which revisions the
    /// server has that this tablet lacks.
    pub async fn trees_of(&self, doc_ids: &[String]) -> Result<HashMap<String, RevTree>> {
        let tx = self.tx(&[DOCS], TransactionMode::Readonly)?;
        let mut out = HashMap::new();
        for id in doc_ids {
            if let Some(entry) = journal::entry_of(&tx, id).await? {
                out.insert(id.clone(), entry.tree);
            }
        }
        Ok(out)
    }

    /// One document's journal entry (its revisions and any conflicting versions).
    pub async fn doc_entry(&self, doc_id: &str) -> Result<Option<DocEntry>> {
        let tx = self.tx(&[DOCS], TransactionMode::Readonly)?;
        journal::entry_of(&tx, doc_id).await
    }

    /// Writes received revisions in one transaction (see the module comment).
    pub async fn apply_received(&self, batch: Vec<Received>, stamp: &Stamp) -> Result<Applied> {
        let names: Vec<&str> = STORES.iter().map(|s| s.name).collect();
        let tx = self.tx(&names, TransactionMode::Readwrite)?;
        let mut applied = Applied::default();
        let mut touched: HashSet<String> = HashSet::new();
        for received in batch {
            apply_one(&tx, received, stamp, &mut applied, &mut touched).await?;
        }
        let settings = derived::settings_in(&tx).await?;
        for customer_id in touched {
            let customer: Option<Customer> = tx.object_store(CUSTOMERS).map_err(err)?.get(customer_id.as_str()).serde().map_err(err)?.await.map_err(err)?;
            match customer {
                Some(c) => applied.customers.push(derived::write_for(&tx, &c).await?),
                None => {
                    super::records::delete_search_row(&tx, &customer_id).await?;
                    tx.object_store(PLANS).map_err(err)?.delete(customer_id.as_str()).build().map_err(err)?;
                    applied.removed.push(customer_id);
                }
            }
        }
        let _ = settings;
        // A first pull brings many customers: into their search pages now.
        super::search_pages::fold_in(&tx, super::search_pages::FOLD_BULK).await?;
        super::records::commit(tx).await?;
        Ok(applied)
    }
}

/// The customer a record belongs to (the customer's own id for a customer).
fn customer_of(store: &str, id: &str, body: &Value) -> Option<String> {
    if store == CUSTOMERS {
        return Some(id.to_string());
    }
    body.get("customer_id").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string)
}

async fn has_tombstone(tx: &Transaction<'_>, id: &str) -> Result<bool> {
    let found: Option<Tombstone> = tx.object_store(TOMBSTONES).map_err(err)?.get(id).serde().map_err(err)?.await.map_err(err)?;
    Ok(found.is_some())
}

/// The body of a received record read as its type and written to its store, if it
/// reads as that kind with the document's id.
async fn put_typed<R: Record + Serialize + DeserializeOwned>(tx: &Transaction<'_>, id: &str, body: &Value) -> Result<std::result::Result<(), String>> {
    let record: R = match serde_json::from_value(body.clone()) {
        Ok(r) => r,
        Err(e) => return Ok(Err(e.to_string())),
    };
    if record.id() != id {
        return Ok(Err(format!("the body's id {:?} is not the document's", record.id())));
    }
    tx.object_store(R::STORE).map_err(err)?.put(&record).serde().map_err(err)?;
    Ok(Ok(()))
}

async fn apply_one(tx: &Transaction<'_>, received: Received, stamp: &Stamp, applied: &mut Applied, touched: &mut HashSet<String>) -> Result<()> {
    let Received { doc, blobs } = received;
    let Some((kind, id)) = doc::parse_doc_id(&doc.id) else { return Ok(()) };
    let id = id.to_string();
    let mut entry = journal::entry_of(tx, &doc.id).await?.unwrap_or_else(|| DocEntry { id: doc.id.clone(), ..DocEntry::default() });
    let before = entry.tree.winner();
    let is_new = entry.tree.insert(&doc.revisions, doc.deleted).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    if !is_new {
        return Ok(());
    }
    applied.new_revisions += 1;
    entry.tree.stem(REVS_LIMIT);

    // An erasure stays erased: a live revision for a record erased here, or for a
    // record of an erased customer, gets a deletion on top of it.
    let owner = customer_of(kind.store, &id, &doc.body);
    let erased = !doc.deleted
        && kind.store != SETTINGS
        && (has_tombstone(tx, &id).await? || match &owner {
            Some(c) if *c != id => has_tombstone(tx, c).await?,
            _ => false,
        });
    if erased {
        if let Some(path) = entry.tree.path(&doc.rev, REVS_LIMIT) {
            let gone = OutgoingDoc::new_revision(doc.id.clone(), Some(&path), true, Value::Object(Default::default()), vec![], REVS_LIMIT)
                .map_err(|e| StorageError::Corrupt(e.to_string()))?;
            entry.tree.insert(&gone.revisions, true).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        }
    }

    let winner = entry.tree.winner();
    let incoming_wins = winner.as_ref().is_some_and(|w| w.rev == doc.rev);
    if incoming_wins {
        // The version that was winning and is still a leaf becomes a conflict.
        if let Some(old) = before.filter(|b| !b.deleted && b.rev != doc.rev) {
            if entry.tree.leaves().iter().any(|l| l.rev == old.rev) {
                if let Some(body) = current_body(tx, kind.store, &id).await? {
                    entry.conflicts.push(ConflictBody { rev: old.rev.to_string(), body });
                }
            }
        }
        if doc.deleted {
            delete_here(tx, kind.store, &id, stamp).await?;
            entry.digest = String::new();
            if kind.store == CUSTOMERS {
                super::records::erase_in(tx, &id, stamp).await?;
            }
        } else {
            let written = if kind.store == SETTINGS {
                write_store_settings(tx, &doc.body).await?.map(|s| applied.settings = Some(s))
            } else {
                if kind.store == PHOTOS {
                    put_blobs(tx, &id, &blobs)?;
                }
                put_by_kind(tx, kind.store, &id, &doc.body).await?
            };
            match written {
                Ok(()) => {
                    let atts: Vec<(String, String, String)> =
                        blobs.iter().map(|(n, b)| (n.clone(), b.type_(), format!("size-{}-{}", b.size() as u64, b.type_()))).collect();
                    let digests: Vec<AttachmentDigest<'_>> = atts.iter().map(|(n, t, d)| AttachmentDigest { name: n, content_type: t, digest: d }).collect();
                    entry.digest = content_digest(&doc.body, &digests);
                }
                Err(why) => applied.refused.push((doc.id.clone(), why)),
            }
        }
        if let Some(c) = owner {
            touched.insert(c);
        }
    } else if !doc.deleted && !erased {
        entry.conflicts.push(ConflictBody { rev: doc.rev.to_string(), body: doc.body.clone() });
    } else if erased {
        // The deletion on top is now the winner: the record goes here too.
        if winner.is_some_and(|w| w.deleted) {
            delete_here(tx, kind.store, &id, stamp).await?;
            if let Some(c) = owner {
                touched.insert(c);
            }
        }
    }
    // Only live losing leaves are conflicts.
    let live_losers: Vec<String> = entry.tree.conflicts().iter().map(Rev::to_string).collect();
    entry.conflicts.retain(|c| live_losers.contains(&c.rev));
    entry.conflicts.dedup_by(|a, b| a.rev == b.rev);
    entry.seq = journal::next_seq(tx).await?;
    journal::put_entry(tx, &entry)
}

/// [`put_typed`] for the record type of `store`.
async fn put_by_kind(tx: &Transaction<'_>, store: &str, id: &str, body: &Value) -> Result<std::result::Result<(), String>> {
    use crate::domain::*;
    match store {
        CUSTOMERS => put_typed::<Customer>(tx, id, body).await,
        PHOTOS => put_typed::<PhotoMeta>(tx, id, body).await,
        MEASUREMENTS => put_typed::<MeasurementSet>(tx, id, body).await,
        PURCHASES => put_typed::<Purchase>(tx, id, body).await,
        FOLLOWUPS => put_typed::<FollowUpEntry>(tx, id, body).await,
        COMPLAINTS => put_typed::<Complaint>(tx, id, body).await,
        RETURNS => put_typed::<ReturnRecord>(tx, id, body).await,
        CONSENTS => put_typed::<ConsentRecord>(tx, id, body).await,
        INCIDENTS => put_typed::<Incident>(tx, id, body).await,
        AUDIT_LOG => put_typed::<AuditEntry>(tx, id, body).await,
        STAFF => put_typed::<crate::domain::staff::StaffMember>(tx, id, body).await,
        APPOINTMENTS => put_typed::<crate::domain::appointment::Appointment>(tx, id, body).await,
        MONTH_PLANS => put_typed::<crate::domain::month_plan::MonthPlan>(tx, id, body).await,
        _ => Ok(Err("not a replicated kind".into())),
    }
}

/// The body of the record as stored here now.
async fn current_body(tx: &Transaction<'_>, store: &str, id: &str) -> Result<Option<Value>> {
    if store == SETTINGS {
        return journal::store_settings_body(tx).await;
    }
    let row: Option<JsValue> = tx.object_store(store).map_err(err)?.get(id).primitive().map_err(err)?.await.map_err(err)?;
    Ok(row.as_ref().and_then(|r| journal::row_body(store, r)))
}

/// Removes a record (a photo with its pictures) and leaves a tombstone, without a
/// journal entry of its own (the deletion came from the server).
async fn delete_here(tx: &Transaction<'_>, store: &str, id: &str, stamp: &Stamp) -> Result<()> {
    if store == SETTINGS {
        return Ok(());
    }
    tx.object_store(store).map_err(err)?.delete(id).build().map_err(err)?;
    if store == PHOTOS {
        tx.object_store(PHOTO_BLOBS).map_err(err)?.delete(id).build().map_err(err)?;
    }
    tx.object_store(TOMBSTONES).map_err(err)?.put(Tombstone::new(id, store, stamp)).serde().map_err(err)?;
    Ok(())
}

fn put_blobs(tx: &Transaction<'_>, photo_id: &str, blobs: &[(String, web_sys::Blob)]) -> Result<()> {
    let row = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&row, &k.into(), v).map(|_| ());
    set("photo_id", &photo_id.into()).map_err(|e| StorageError::Other(format!("{e:?}")))?;
    for (name, blob) in blobs {
        set(name, blob.unchecked_ref()).map_err(|e| StorageError::Other(format!("{e:?}")))?;
    }
    tx.object_store(PHOTO_BLOBS).map_err(err)?.put(JsValue::from(row)).primitive().map_err(err)?;
    Ok(())
}

/// The store's settings from another tablet, into this tablet's settings row (its own
/// part kept).
async fn write_store_settings(tx: &Transaction<'_>, body: &Value) -> Result<std::result::Result<AppSettings, String>> {
    let store = match serde_json::from_value(body.clone()) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let settings = tx.object_store(SETTINGS).map_err(err)?;
    let row: Option<Setting<AppSettings>> = settings.get(APP_SETTINGS_KEY).serde().map_err(err)?.await.map_err(err)?;
    let Some(mut app) = row.map(|r| r.value) else { return Ok(Err("this tablet is not set up".into())) };
    app.store = store;
    settings.put(Setting { key: APP_SETTINGS_KEY.into(), value: &app }).serde().map_err(err)?;
    Ok(Ok(app))
}

/// The document id of a record's journal entry.
pub fn doc_id_of(store: &str, id: &str) -> Option<String> {
    doc::kind_of_store(store).map(|k| doc::doc_id(k, if store == SETTINGS { STORE_SETTINGS_ID } else { id }))
}

impl Db {
    /// Staff decided a conflict on a customer: `chosen` becomes the record (a new
    /// revision on top of the winner) and the other version's branch ends with a
    /// deletion, so every tablet and the server see one version again. One
    /// transaction, with the customer's derived rows.
    pub async fn resolve_customer_conflict(&self, customer_id: &str, losing_rev: &str, chosen: &Customer, stamp: &Stamp) -> Result<super::Saved> {
        let doc = doc::doc_id(doc::kind_of_store(CUSTOMERS).expect("customers replicate"), customer_id);
        let mut change = self.change_customer(customer_id, &[DOCS, SETTINGS]).await?;
        if let Some(mut entry) = journal::entry_of(&change.tx, &doc).await? {
            let loser: Option<Rev> = losing_rev.parse().ok();
            if let Some(path) = loser.as_ref().and_then(|r| entry.tree.path(r, REVS_LIMIT)) {
                let end = OutgoingDoc::new_revision(doc.clone(), Some(&path), true, Value::Object(Default::default()), vec![], REVS_LIMIT)
                    .map_err(|e| StorageError::Corrupt(e.to_string()))?;
                entry.tree.insert(&end.revisions, true).map_err(|e| StorageError::Corrupt(e.to_string()))?;
            }
            entry.conflicts.retain(|c| c.rev != losing_rev);
            entry.seq = journal::next_seq(&change.tx).await?;
            journal::put_entry(&change.tx, &entry)?;
        }
        let kept = (change.customer.id.clone(), change.customer.meta.clone());
        change.customer = chosen.clone();
        (change.customer.id, change.customer.meta) = kept;
        change.finish(stamp).await
    }
}
