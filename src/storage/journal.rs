//! The replication journal: each replicated record's CouchDB revision tree, kept in
//! the `docs` store and updated in the same transaction as every write of the record
//! (the local changes feed is the `by_seq` index over it). A local save makes a new
//! revision on top of the winner; a received revision is merged into the tree, and
//! the record store holds whatever wins. Bodies of live losing leaves (conflicts) are
//! kept beside the tree so staff can see what the other tablet wrote.
//!
//! Records are replicated as the JSON their type serialises to with `serde_json`
//! (through the typed record, so a revision's hash and the body sent always agree);
//! [`per_kind!`] dispatches on the store name to the record type.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use super::records::{err, Setting};
use super::schema::*;
use super::{Result, StorageError};
use crate::domain::replication::doc::{self, Kind, OutAttachment, OutgoingDoc};
use crate::domain::replication::rev::{content_digest, AttachmentDigest, Rev};
use crate::domain::replication::{RevTree, Revisions, REVS_LIMIT};
use crate::domain::Record;

/// The counter of local changes (this tablet's own, never exported).
pub const SEQ_KEY: &str = "sync:seq";

/// A live losing leaf's body, kept for staff to compare.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictBody {
    pub rev: String,
    pub body: Value,
}

/// One replicated document as this tablet knows it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DocEntry {
    /// `<kind>:<record id>`.
    pub id: String,
    /// The local sequence of its last change (the changes feed's order).
    pub seq: i64,
    pub tree: RevTree,
    /// Bodies of the live leaves that lost, for staff to compare; forgotten once
    /// they are no longer leaves.
    pub conflicts: Vec<ConflictBody>,
    /// The winner's content digest: a save that changes nothing makes no revision.
    pub digest: String,
}

impl DocEntry {
    pub fn winner(&self) -> Option<Rev> {
        self.tree.winner().map(|l| l.rev)
    }
}

/// Runs `$f::<Type>($args)` for the record type a replicated store holds.
macro_rules! per_kind {
    ($store:expr, $f:ident, $($args:expr),*) => {{
        use crate::domain::*;
        match $store {
            CUSTOMERS => Some($f::<Customer>($($args),*)),
            PHOTOS => Some($f::<PhotoMeta>($($args),*)),
            MEASUREMENTS => Some($f::<MeasurementSet>($($args),*)),
            PURCHASES => Some($f::<Purchase>($($args),*)),
            FOLLOWUPS => Some($f::<FollowUpEntry>($($args),*)),
            COMPLAINTS => Some($f::<Complaint>($($args),*)),
            RETURNS => Some($f::<ReturnRecord>($($args),*)),
            CONSENTS => Some($f::<ConsentRecord>($($args),*)),
            INCIDENTS => Some($f::<Incident>($($args),*)),
            AUDIT_LOG => Some($f::<AuditEntry>($($args),*)),
            STAFF => Some($f::<crate::domain::staff::StaffMember>($($args),*)),
            APPOINTMENTS => Some($f::<crate::domain::appointment::Appointment>($($args),*)),
            MONTH_PLANS => Some($f::<crate::domain::month_plan::MonthPlan>($($args),*)),
            _ => None,
        }
    }};
}
#[allow(unused_imports)]
pub(crate) use per_kind;

/// The next local sequence number, counted in the caller's transaction.
pub(crate) async fn next_seq(tx: &Transaction<'_>) -> Result<i64> {
    let settings = tx.object_store(SETTINGS).map_err(err)?;
    let row: Option<Setting<i64>> = settings.get(SEQ_KEY).serde().map_err(err)?.await.map_err(err)?;
    let seq = row.map_or(0, |r| r.value) + 1;
    settings.put(Setting { key: SEQ_KEY.into(), value: seq }).serde().map_err(err)?;
    Ok(seq)
}

pub(crate) async fn entry_of(tx: &Transaction<'_>, doc_id: &str) -> Result<Option<DocEntry>> {
    tx.object_store(DOCS).map_err(err)?.get(doc_id).serde().map_err(err)?.await.map_err(err)
}

pub(crate) fn put_entry(tx: &Transaction<'_>, entry: &DocEntry) -> Result<()> {
    tx.object_store(DOCS).map_err(err)?.put(entry).serde().map_err(err)?;
    Ok(())
}

/// A record as its document body: the JSON of its type (`None` when the value is
/// not a record of that kind).
pub(crate) fn body_of<R: Record + Serialize>(record: &R) -> Value {
    serde_json::to_value(record).unwrap_or(Value::Null)
}

/// A stored row (as IndexedDB holds it) read as its type and written out as the
/// document body; `None` when it does not read as a record of that kind.
fn typed_body<R: Record + Serialize + DeserializeOwned>(row: &JsValue) -> Option<Value> {
    let text = js_sys::JSON::stringify(row).ok()?.as_string()?;
    let record: R = serde_json::from_str(&text).ok()?;
    Some(body_of(&record))
}

/// The body of a stored row of a replicated store.
pub(crate) fn row_body(store: &str, row: &JsValue) -> Option<Value> {
    per_kind!(store, typed_body, row).flatten()
}

/// A photo's attachments as they count in its revision: the Blobs' sizes and types
/// (a photo's pictures never change once stored, so their size and type name them).
async fn photo_attachments(tx: &Transaction<'_>, photo_id: &str) -> Result<Vec<(OutAttachment, web_sys::Blob)>> {
    let row: Option<JsValue> = tx.object_store(PHOTO_BLOBS).map_err(err)?.get(photo_id).primitive().map_err(err)?.await.map_err(err)?;
    let Some(row) = row else { return Ok(vec![]) };
    let mut out = vec![];
    for name in ["image", "thumb"] {
        if let Some(blob) = js_sys::Reflect::get(&row, &name.into()).ok().and_then(|b| b.dyn_into::<web_sys::Blob>().ok()) {
            let size = blob.size() as u64;
            let content_type = blob.type_();
            out.push((OutAttachment { name: name.into(), content_type: content_type.clone(), length: size, digest: format!("size-{size}-{content_type}") }, blob));
        }
    }
    Ok(out)
}

fn digests(atts: &[OutAttachment]) -> Vec<AttachmentDigest<'_>> {
    atts.iter().map(|a| AttachmentDigest { name: &a.name, content_type: &a.content_type, digest: &a.digest }).collect()
}

/// Records a local write of a replicated record inside the caller's transaction
/// (which includes `docs`, `settings` and, for photos, `photo_blobs`): a new revision
/// on top of the winner, unless the content is the same as the winner's. `body`
/// `None` is a deletion. Stores that do not replicate are left alone.
pub(crate) async fn record(tx: &Transaction<'_>, store: &str, id: &str, body: Option<Value>) -> Result<()> {
    let Some(kind) = doc::kind_of_store(store) else { return Ok(()) };
    let doc_id = doc::doc_id(kind, id);
    let mut entry = entry_of(tx, &doc_id).await?.unwrap_or_else(|| DocEntry { id: doc_id.clone(), ..DocEntry::default() });
    let deleted = body.is_none();
    let atts: Vec<OutAttachment> = if deleted || kind.attachments.is_empty() { vec![] } else { photo_attachments(tx, id).await?.into_iter().map(|(a, _)| a).collect() };
    let body = body.unwrap_or_else(|| Value::Object(Default::default()));
    let digest = if deleted { String::new() } else { content_digest(&body, &digests(&atts)) };
    let winner = entry.tree.winner();
    match &winner {
        // Never replicated and gone: nothing to tell anyone.
        None if deleted => return Ok(()),
        Some(w) if w.deleted && deleted => return Ok(()),
        Some(w) if !w.deleted && !deleted && entry.digest == digest => return Ok(()),
        _ => {}
    }
    let parent: Option<Revisions> = winner.as_ref().and_then(|w| entry.tree.path(&w.rev, REVS_LIMIT));
    let new = OutgoingDoc::new_revision(doc_id, parent.as_ref(), deleted, body, atts, REVS_LIMIT).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    entry.tree.insert(&new.revisions, deleted).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    entry.tree.stem(REVS_LIMIT);
    entry.digest = digest;
    entry.seq = next_seq(tx).await?;
    put_entry(tx, &entry)
}

/// Whether writes to `store` are refused once its record, or the customer it belongs
/// to, was deleted: customers and the stores of their records.
pub(crate) fn guarded(store: &str) -> bool {
    store == CUSTOMERS || super::records::OWNED.contains(&store)
}

/// The id a guarded record's erasure is found under besides its own: its customer's.
pub(crate) fn owner_of<'a>(store: &str, body: &'a Value) -> Option<&'a str> {
    if super::records::OWNED.contains(&store) {
        body.get("customer_id").and_then(Value::as_str)
    } else {
        None
    }
}

/// Refuses ([`StorageError::Gone`]) a write of a customer or a customer's record when
/// a tombstone says it, or its customer, was deleted: a tombstone wins, so a screen
/// opened before an erasure (another tab, a stale card) never brings anything back.
/// Read in the caller's transaction, which includes `tombstones`.
pub(crate) async fn refuse_erased(tx: &Transaction<'_>, store: &str, id: &str, body: &Value) -> Result<()> {
    if !guarded(store) {
        return Ok(());
    }
    let tombstones = tx.object_store(TOMBSTONES).map_err(err)?;
    for key in std::iter::once(id).chain(owner_of(store, body)) {
        let found: Option<JsValue> = tombstones.get(key).primitive().map_err(err)?.await.map_err(err)?;
        if found.is_some_and(|f| !f.is_undefined()) {
            return Err(StorageError::Gone);
        }
    }
    Ok(())
}

/// Puts a typed record and records it in the journal (refused when it, or its
/// customer, was erased: [`refuse_erased`]).
pub(crate) async fn put<R: Record + Serialize>(tx: &Transaction<'_>, value: &R) -> Result<()> {
    let body = body_of(value);
    refuse_erased(tx, R::STORE, value.id(), &body).await?;
    tx.object_store(R::STORE).map_err(err)?.put(value).serde().map_err(err)?;
    record(tx, R::STORE, value.id(), Some(body)).await
}

/// Adds a typed record (an id already there fails the transaction) and records it
/// (refused when its customer was erased).
pub(crate) async fn add<R: Record + Serialize>(tx: &Transaction<'_>, value: &R) -> Result<()> {
    let body = body_of(value);
    refuse_erased(tx, R::STORE, value.id(), &body).await?;
    // Awaited: an id already there is a ConstraintError the caller sees as such.
    tx.object_store(R::STORE).map_err(err)?.add(value).serde().map_err(err)?.await.map_err(err)?;
    record(tx, R::STORE, value.id(), Some(body)).await
}

/// The document a replicated record's journal entry stands for, as this tablet sends
/// a revision of it: the winner's body from its store, a conflict's from the entry,
/// a deletion empty. `None` when this tablet no longer has that revision's body
/// (an ancestor: only leaves are sent, as CouchDB's replicator does).
pub(crate) async fn outgoing(tx: &Transaction<'_>, entry: &DocEntry, rev: &Rev) -> Result<Option<(OutgoingDoc, Vec<web_sys::Blob>)>> {
    let Some((kind, id)) = doc::parse_doc_id(&entry.id) else { return Ok(None) };
    let Some(leaf) = entry.tree.leaves().into_iter().find(|l| &l.rev == rev) else { return Ok(None) };
    let Some(revisions) = entry.tree.path(rev, REVS_LIMIT) else { return Ok(None) };
    let winner = entry.winner().as_ref() == Some(rev);
    let (body, atts) = if leaf.deleted {
        (Value::Object(Default::default()), vec![])
    } else if winner && kind.store == SETTINGS {
        let Some(body) = store_settings_body(tx).await? else { return Ok(None) };
        (body, vec![])
    } else if winner {
        let row: Option<JsValue> = tx.object_store(kind.store).map_err(err)?.get(id).primitive().map_err(err)?.await.map_err(err)?;
        let Some(body) = row.as_ref().and_then(|r| row_body(kind.store, r)) else { return Ok(None) };
        let atts = if kind.attachments.is_empty() { vec![] } else { photo_attachments(tx, id).await? };
        (body, atts)
    } else {
        match entry.conflicts.iter().find(|c| c.rev == rev.to_string()) {
            Some(c) => (c.body.clone(), vec![]),
            None => return Ok(None),
        }
    };
    let (atts, blobs): (Vec<OutAttachment>, Vec<web_sys::Blob>) = atts.into_iter().unzip();
    Ok(Some((OutgoingDoc { id: entry.id.clone(), rev: rev.clone(), revisions, deleted: leaf.deleted, body, attachments: atts }, blobs)))
}

/// The kind of a journal entry's document.
pub fn kind_of(entry: &DocEntry) -> Option<&'static Kind> {
    doc::parse_doc_id(&entry.id).map(|(k, _)| k)
}

/// The stores the journal covers (replicated record stores, and the settings row
/// with the store's part).
pub fn journaled_stores() -> Vec<&'static str> {
    doc::KINDS.iter().map(|k| k.store).collect()
}

/// The store's part of this tablet's settings row, as the document body.
pub(crate) async fn store_settings_body(tx: &Transaction<'_>) -> Result<Option<Value>> {
    let row: Option<Setting<crate::domain::AppSettings>> =
        tx.object_store(SETTINGS).map_err(err)?.get(super::records::APP_SETTINGS_KEY).serde().map_err(err)?.await.map_err(err)?;
    Ok(row.filter(|r| r.value.is_set_up()).map(|r| serde_json::to_value(&r.value.store).unwrap_or(Value::Null)))
}

/// Brings the journal in line with the records as they are, inside the caller's
/// transaction (which includes every journaled store, `docs`, `photo_blobs`,
/// `settings`): a record new or changed since its winning revision gets a new one,
/// a journaled record that is gone gets a deletion. Used once when the journal is
/// made (schema v6) and after an import, whose writes bypass the journal.
pub(crate) async fn reconcile_in(tx: &Transaction<'_>) -> Result<usize> {
    let mut changed = 0;
    let mut present: std::collections::HashSet<String> = std::collections::HashSet::new();
    // A database still at an older version (a migration's data step) lacks the stores
    // later versions added: there is nothing of theirs to journal.
    for kind in doc::KINDS {
        if !super::records::in_tx(tx, kind.store) {
            continue;
        }
        if kind.store == SETTINGS {
            if let Some(body) = store_settings_body(tx).await? {
                present.insert(doc::doc_id(kind, doc::STORE_SETTINGS_ID));
                record(tx, SETTINGS, doc::STORE_SETTINGS_ID, Some(body)).await?;
            }
            continue;
        }
        let rows = tx.object_store(kind.store).map_err(err)?.get_all::<JsValue>().primitive().map_err(err)?.await.map_err(err)?;
        for row in rows {
            let row = row.map_err(err)?;
            let Some(id) = js_sys::Reflect::get(&row, &"id".into()).ok().and_then(|v| v.as_string()) else { continue };
            let Some(body) = row_body(kind.store, &row) else { continue };
            present.insert(doc::doc_id(kind, &id));
            record(tx, kind.store, &id, Some(body)).await?;
            changed += 1;
        }
    }
    // Journaled documents whose record is no longer there: deletions.
    let entries = tx.object_store(DOCS).map_err(err)?.get_all::<DocEntry>().serde().map_err(err)?.await.map_err(err)?;
    for entry in entries {
        let entry = entry.map_err(err)?;
        if present.contains(&entry.id) || entry.tree.is_deleted() {
            continue;
        }
        if let Some((kind, id)) = doc::parse_doc_id(&entry.id) {
            record(tx, kind.store, id, None).await?;
        }
    }
    Ok(changed)
}

/// The schema v6 data step: every record there is gets its first revision.
pub(crate) async fn journal_all(db: &super::Db, data_step: Option<u32>) -> Result<()> {
    let mut stores = journaled_stores();
    stores.extend([DOCS, PHOTO_BLOBS]);
    let tx = db.tx(&stores, indexed_db_futures::transaction::TransactionMode::Readwrite)?;
    reconcile_in(&tx).await?;
    if let Some(step) = data_step {
        super::records::put_data_version(&tx, step)?;
    }
    super::records::commit(tx).await
}

impl super::Db {
    /// Gives every record written without the journal (the bulk writes of
    /// [`put_all`](super::Db::put_all) and [`save_customers`](super::Db::save_customers),
    /// as the benchmark seeds) its first revision, in one transaction, as the schema
    /// step that introduced the journal did.
    pub async fn journal_unjournaled(&self) -> Result<()> {
        journal_all(self, None).await
    }
}
