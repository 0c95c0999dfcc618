//! Backups in and out of IndexedDB: the file's layout, checks and merge rules live in
//! [`crate::domain::backup`]; this module reads every store for an export, and writes
//! an import in one transaction. Photo bytes stay Blobs all the way: an export is a
//! Blob assembled from the stored Blobs, an import stores slices of the file. Bytes
//! made here (sealed or opened chunks) are folded into Blobs every few MB, and a file
//! is read chunk by chunk (`Blob.slice`), so memory does not grow with the number of
//! photos (`tests/bench_backup.rs` measures it).
//!
//! Both directions are generic over [`schema::STORES`]: a new store is backed up and
//! restored as records unless [`schema::DERIVED`] lists it (then it is rebuilt).

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use sha2::{Digest, Sha256};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use super::records::{self, err, Setting, APP_SETTINGS_KEY as LOCAL_APP_KEY, LAST_BACKUP_KEY};
use super::schema::{self, AUDIT_LOG, DOCS, SEARCH_CHANGES, SEARCH_PAGES, SETTINGS};
use super::{Db, StorageError};
use crate::crypto;
use crate::domain::backup::{self as format, Backup, BackupError, BackupInfo, BlobRef, BlobRow, Envelope, Local, Mode, Report, StoreKind};
use crate::domain::record::Millis;
use crate::domain::{AppSettings, AuditAction, AuditEntry, Stamp, Tombstone};
use crate::i18n::{Msg, T};

/// Why an export or import did not finish. Nothing was written in either case.
#[derive(Clone, Debug, PartialEq)]
pub enum BackupFailure {
    /// The file cannot be restored (damaged, wrong passphrase, newer version…).
    File(BackupError),
    Storage(StorageError),
    /// The browser refused a step (reading the file, WebCrypto).
    Browser(String),
}

impl BackupFailure {
    pub fn message(&self) -> Msg {
        match self {
            BackupFailure::File(e) => e.message(),
            BackupFailure::Storage(e) => e.message(),
            BackupFailure::Browser(_) => T::BackupBrowserFailed.into(),
        }
    }
}

impl From<StorageError> for BackupFailure {
    fn from(e: StorageError) -> Self {
        BackupFailure::Storage(e)
    }
}

impl From<BackupError> for BackupFailure {
    fn from(e: BackupError) -> Self {
        BackupFailure::File(e)
    }
}

type Outcome<T> = std::result::Result<T, BackupFailure>;

fn browser(e: impl std::fmt::Debug) -> BackupFailure {
    BackupFailure::Browser(format!("{e:?}"))
}

/// What an export or import is doing, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Reading every store.
    Reading,
    /// Reading each photo's bytes for its checksum.
    Photos,
    /// Encrypting chunk by chunk.
    Sealing,
    /// Decrypting chunk by chunk.
    Opening,
    /// Checking each photo's bytes against its checksum.
    Checking,
    /// The one transaction that writes the import.
    Writing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub step: Step,
    pub done: u64,
    pub total: u64,
}

fn tell(progress: &dyn Fn(Progress), step: Step, done: u64, total: u64) {
    progress(Progress { step, done, total });
}

/// A finished backup file, ready to download.
#[derive(Clone, Debug)]
pub struct Exported {
    pub file: Blob,
    pub made_at: Millis,
    pub customers: usize,
    pub photos: usize,
}

/// A file read, decrypted and checked completely: ready to restore.
#[derive(Clone, Debug)]
pub struct OpenedBackup {
    pub backup: Backup,
    /// The payload's body: the photo bytes the head points into.
    body: Blob,
}

impl OpenedBackup {
    /// One stored Blob of the file: a slice of the body, never a copy.
    fn part(&self, part: &BlobRef) -> Outcome<Blob> {
        let end = (part.offset + part.len) as f64;
        self.body.slice_with_f64_and_f64_and_content_type(part.offset as f64, end, &part.mime).map_err(browser)
    }
}

async fn array_buffer(blob: &Blob) -> Outcome<ArrayBuffer> {
    Ok(JsFuture::from(blob.array_buffer()).await.map_err(browser)?.unchecked_into())
}

async fn bytes(blob: &Blob, start: u64, end: u64) -> Outcome<Vec<u8>> {
    let part = blob.slice_with_f64_and_f64(start as f64, end as f64).map_err(browser)?;
    let buffer = array_buffer(&part).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn blob_of(parts: &Array, mime: &str) -> Outcome<Blob> {
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    Blob::new_with_blob_sequence_and_options(parts, &bag).map_err(browser)
}

/// Bytes made here (sealed or opened chunks) held at most this long before they are
/// folded into a Blob of their own.
const FOLD_AT: u64 = 8 << 20;

/// A file assembled part by part in bounded memory: the bytes made here are folded,
/// every [`FOLD_AT`] bytes, into a Blob of their own — which the browser keeps in its
/// blob storage (on disk when large), not in the page's heap or wasm memory — so at
/// most one group of chunks is held at once, whatever the number of photos.
struct Parts {
    done: Array,
    pending: Array,
    pending_bytes: u64,
}

impl Parts {
    fn new() -> Self {
        Parts { done: Array::new(), pending: Array::new(), pending_bytes: 0 }
    }

    fn push_bytes(&mut self, bytes: &JsValue, len: u64) -> Outcome<()> {
        self.pending.push(bytes);
        self.pending_bytes += len;
        if self.pending_bytes >= FOLD_AT {
            self.fold()?;
        }
        Ok(())
    }

    fn fold(&mut self) -> Outcome<()> {
        if self.pending.length() > 0 {
            let group = blob_of(&self.pending, "")?;
            self.done.push(&group);
            self.pending = Array::new();
            self.pending_bytes = 0;
        }
        Ok(())
    }

    fn finish(mut self, mime: &str) -> Outcome<Blob> {
        self.fold()?;
        blob_of(&self.done, mime)
    }
}

fn text_field(row: &JsValue, field: &str) -> Option<String> {
    Reflect::get(row, &field.into()).ok().and_then(|k| k.as_string())
}

fn size(blob: &Blob) -> u64 {
    blob.size() as u64
}

impl Db {
    /// When this tablet last made a backup.
    pub async fn last_backup(&self) -> super::Result<Option<Millis>> {
        self.get_setting(LAST_BACKUP_KEY).await
    }

    /// Makes a backup file of everything (but derived stores and this tablet's own
    /// counters), encrypted when a passphrase is given. Not yet recorded as made: that
    /// is [`Db::backup_made`], once the file has been handed to the download.
    pub async fn export_backup(&self, settings: &AppSettings, passphrase: Option<&str>, now: Millis, progress: &dyn Fn(Progress)) -> Outcome<Exported> {
        let layout = schema::backup_layout();
        tell(progress, Step::Reading, 0, 1);
        // One read-only transaction: the backup is one moment's state.
        let names: Vec<&str> = layout.stores.iter().map(|s| s.name).collect();
        let tx = self.tx(&names, TransactionMode::Readonly)?;
        let mut stores: Vec<(&str, String)> = Vec::new();
        let mut blob_rows: Vec<JsValue> = Vec::new();
        let mut blob_key = "";
        let (mut customers, mut photos) = (0, 0);
        for spec in &layout.stores {
            let store = tx.object_store(spec.name).map_err(err)?;
            let all = store.get_all::<JsValue>().primitive().map_err(err)?.await.map_err(err)?;
            let rows = Array::new();
            for row in all {
                let row = row.map_err(err)?;
                let key = Reflect::get(&row, &spec.key.into()).ok().and_then(|k| k.as_string()).unwrap_or_default();
                if spec.kind == StoreKind::Settings && layout.is_tablet_only(&key) {
                    continue;
                }
                rows.push(&row);
            }
            match spec.kind {
                StoreKind::Blobs { .. } => {
                    blob_key = spec.key;
                    blob_rows = rows.iter().collect();
                }
                _ => {
                    match spec.name {
                        schema::CUSTOMERS => customers = rows.length() as usize,
                        schema::PHOTOS => photos = rows.length() as usize,
                        _ => {}
                    }
                    let text = js_sys::JSON::stringify(&rows).map_err(browser)?;
                    stores.push((spec.name, String::from(text)));
                }
            }
        }
        drop(tx);

        // Each Blob's checksum, and its place in the body.
        let body = Array::new();
        let mut rows = Vec::with_capacity(blob_rows.len());
        let mut offset = 0u64;
        let total = blob_rows.len() as u64;
        for (i, row) in blob_rows.iter().enumerate() {
            tell(progress, Step::Photos, i as u64, total);
            let key = Reflect::get(row, &blob_key.into()).ok().and_then(|k| k.as_string()).unwrap_or_default();
            let mut parts = std::collections::BTreeMap::new();
            for name in Object::keys(row.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()) {
                let Ok(blob) = Reflect::get(row, &name.as_str().into()).map_err(browser)?.dyn_into::<Blob>() else { continue };
                let buffer = array_buffer(&blob).await?;
                let sha256 = crypto::sha256_hex(&buffer).await.map_err(BackupFailure::Browser)?;
                let len = size(&blob);
                parts.insert(name, BlobRef { offset, len, mime: blob.type_(), sha256 });
                body.push(&blob);
                offset += len;
            }
            rows.push(BlobRow { key, parts });
        }

        let info = BackupInfo {
            schema_version: layout.schema_version,
            made_at: now,
            store_id: settings.store.store_id.clone(),
            device_id: settings.device_id.clone(),
            app_version: env!("CARGO_PKG_VERSION").to_string(),
        };
        let head = format::encode_head(&info, &stores, &rows)?;
        drop(stores);
        let payload = Array::new();
        payload.push(&Uint8Array::from(format::payload_prefix(&head).as_slice()));
        for blob in body.iter() {
            payload.push(&blob);
        }
        const MIME: &str = "application/octet-stream";
        let file = match passphrase {
            None => {
                payload.unshift(&Uint8Array::from(format::plain_header().as_slice()));
                blob_of(&payload, MIME)?
            }
            Some(passphrase) => seal_payload(&blob_of(&payload, MIME)?, passphrase, progress).await?,
        };

        Ok(Exported { file, made_at: now, customers, photos })
    }

    /// Records a backup file as made — the "last backup" date and who made it — once
    /// it really exists and was handed to the download; a backup that failed at any
    /// step before leaves the date as it was. A full disk says so.
    pub async fn backup_made(&self, settings: &AppSettings, by_staff: &str, made_at: Millis) -> super::Result<()> {
        let tx = self.tx(&[SETTINGS, AUDIT_LOG], TransactionMode::Readwrite)?;
        tx.object_store(SETTINGS).map_err(err)?.put(Setting { key: LAST_BACKUP_KEY.into(), value: made_at }).serde().map_err(err)?;
        let entry = AuditEntry::new("", AuditAction::BackupMade, by_staff, &settings.stamp(made_at));
        tx.object_store(AUDIT_LOG).map_err(err)?.add(&entry).serde().map_err(err)?;
        records::commit(tx).await
    }

    /// Restores a checked backup in one transaction: merged by the rules of
    /// [`format::plan`], or replacing everything but this tablet's own settings rows
    /// and fields, what was erased here and consents withdrawn here since the backup.
    /// The derived stores are rebuilt and the replication journal brought in line in
    /// the same transaction; if anything fails, nothing changes (a full disk says so).
    pub async fn restore_backup(&self, opened: &OpenedBackup, mode: Mode, by_staff: &str, stamp: &Stamp) -> Outcome<Report> {
        let layout = schema::backup_layout();
        let mut names: Vec<&str> = layout.stores.iter().map(|s| s.name).collect();
        names.extend(schema::DERIVED);
        let tx = self.tx(&names, TransactionMode::Readwrite)?;

        // What is here now (read in both modes: a Replace keeps deletions, withdrawals
        // and this tablet's own settings fields).
        let mut local = Local::default();
        for spec in &layout.stores {
            if matches!(spec.kind, StoreKind::Blobs { .. }) {
                continue;
            }
            let store = tx.object_store(spec.name).map_err(err)?;
            let owned = layout.owned.contains(&spec.name);
            let versions = local.records.entry(spec.name.to_string()).or_default();
            for row in store.get_all::<JsValue>().primitive().map_err(err)?.await.map_err(err)? {
                let row = row.map_err(err)?;
                let Some(key) = text_field(&row, spec.key) else { continue };
                let number = |path: &[&str]| {
                    path.iter().try_fold(row.clone(), |v, p| Reflect::get(&v, &(*p).into()).ok()).and_then(|v| v.as_f64()).map(|n| n as Millis)
                };
                match spec.kind {
                    StoreKind::Tombstones => {
                        local.tombstones.insert(key.clone(), number(&["deleted_at"]).unwrap_or_default());
                    }
                    StoreKind::Settings if key == LOCAL_APP_KEY => {
                        let value = Reflect::get(&row, &"value".into()).map_err(browser)?;
                        local.app = js_sys::JSON::stringify(&value).ok().and_then(|t| t.as_string()).and_then(|t| serde_json::from_str(&t).ok());
                    }
                    _ => {}
                }
                if owned {
                    if let Some(customer) = text_field(&row, "customer_id") {
                        if spec.name == layout.consents && number(&["withdrawn_at"]).is_some() {
                            local.withdrawn.insert(key.clone(), (number(&["meta", "updated_at"]).unwrap_or_default(), customer.clone()));
                        }
                        local.owned_by.entry(customer).or_default().push((spec.name.to_string(), key.clone()));
                    }
                }
                versions.insert(key, number(&["meta", "updated_at"]));
            }
        }

        let plan = format::plan(&opened.backup, &local, &layout, mode);
        drop(local);
        if mode == Mode::Replace {
            // This tablet's records a Replace keeps, read before the stores are emptied.
            let mut kept = Vec::with_capacity(plan.keep.len());
            for (store, key) in &plan.keep {
                let row: Option<JsValue> = tx.object_store(store).map_err(err)?.get(key.as_str()).primitive().map_err(err)?.await.map_err(err)?;
                kept.extend(row.map(|r| (store.as_str(), r)));
            }
            for spec in &layout.stores {
                let store = tx.object_store(spec.name).map_err(err)?;
                match spec.kind {
                    StoreKind::Settings => {
                        let keys = store.get_all_keys::<String>().primitive().map_err(err)?.await.map_err(err)?;
                        for key in keys {
                            let key = key.map_err(err)?;
                            if !layout.is_tablet_only(&key) {
                                store.delete(key.as_str()).build().map_err(err)?;
                            }
                        }
                    }
                    // What was erased here stays erased.
                    StoreKind::Tombstones => {}
                    _ => {
                        store.clear().map_err(err)?;
                    }
                }
            }
            for (store, row) in kept {
                tx.object_store(store).map_err(err)?.put(row).primitive().map_err(err)?;
            }
        }

        let blob_spec = layout.stores.iter().find(|s| matches!(s.kind, StoreKind::Blobs { .. }));
        let blob_owner = blob_spec.and_then(|s| match s.kind {
            StoreKind::Blobs { owner } => Some(owner),
            _ => None,
        });
        let tombstones = layout.stores.iter().find(|s| s.kind == StoreKind::Tombstones).map(|s| s.name);
        for (store, key) in &plan.deletes {
            tx.object_store(store).map_err(err)?.delete(key.as_str()).build().map_err(err)?;
            // A deleted photo takes its pictures along.
            if let (Some(spec), true) = (blob_spec, blob_owner == Some(store.as_str())) {
                tx.object_store(spec.name).map_err(err)?.delete(key.as_str()).build().map_err(err)?;
            }
        }
        if let Some(tombstones) = tombstones {
            // An erased customer's records here, gone with them: each leaves its deletion.
            for (store, key) in &plan.tombstone {
                tx.object_store(tombstones).map_err(err)?.put(Tombstone::new(key, store, stamp)).serde().map_err(err)?;
            }
            for id in &plan.undelete {
                tx.object_store(tombstones).map_err(err)?.delete(id.as_str()).build().map_err(err)?;
            }
        }
        for (store, index) in &plan.puts {
            let record = &opened.backup.stores[store][*index];
            let record = match (&plan.app, store.as_str(), record.get("key").and_then(|k| k.as_str())) {
                // This tablet's own fields, with the store's part the plan chose.
                (Some(app), SETTINGS, Some(LOCAL_APP_KEY)) => serde_json::json!({ "key": LOCAL_APP_KEY, "value": app }),
                _ => record.clone(),
            };
            let value = js_sys::JSON::parse(&record.to_string()).map_err(browser)?;
            tx.object_store(store).map_err(err)?.put(value).primitive().map_err(err)?;
        }
        if let Some(spec) = blob_spec {
            let store = tx.object_store(spec.name).map_err(err)?;
            for index in &plan.blob_puts {
                let row = &opened.backup.blobs[*index];
                let object = Object::new();
                Reflect::set(&object, &spec.key.into(), &row.key.as_str().into()).map_err(browser)?;
                for (name, part) in &row.parts {
                    let blob = opened.part(part)?;
                    Reflect::set(&object, &name.as_str().into(), &blob).map_err(browser)?;
                }
                store.put(JsValue::from(object)).primitive().map_err(err)?;
            }
        }
        let mut entry = AuditEntry::new("", AuditAction::BackupRestored, by_staff, stamp);
        entry.detail = Some(match mode {
            Mode::Merge => "merge".into(),
            Mode::Replace => "replace".into(),
        });
        tx.object_store(AUDIT_LOG).map_err(err)?.add(&entry).serde().map_err(err)?;
        schema::rebuild_derived(&tx).await?;
        // Quota-aware: a full disk aborts the commit, and says so.
        records::commit(tx).await?;
        Ok(plan.report)
    }

    /// A SHA-256 over every store's keys and records and every stored Blob's bytes,
    /// leaving out the stores named in `except`. Two equal digests mean equal
    /// contents; tests use it to prove that a refused import changed nothing. The
    /// search pages are left out: they hold `search_rows`' lines again, in an order
    /// that depends on when each was folded in.
    pub async fn content_digest(&self, except: &[&str]) -> Outcome<String> {
        self.digest(except, false).await
    }

    /// [`content_digest`](Self::content_digest) of what a backup carries: without the
    /// replication journal (rebuilt against the records by a restore) and this
    /// tablet's own settings rows (never in a backup). Tests use it to prove that a
    /// restore brings every record back as it was.
    pub async fn backed_up_digest(&self, except: &[&str]) -> Outcome<String> {
        let mut except = except.to_vec();
        except.push(DOCS);
        self.digest(&except, true).await
    }

    async fn digest(&self, except: &[&str], backed_up_only: bool) -> Outcome<String> {
        let names: Vec<&str> =
            schema::STORES.iter().map(|s| s.name).filter(|n| !except.contains(n) && ![SEARCH_PAGES, SEARCH_CHANGES].contains(n)).collect();
        let layout = schema::backup_layout();
        let tx = self.tx(&names, TransactionMode::Readonly)?;
        let mut hasher = Sha256::new();
        let mut blobs = Vec::new();
        for name in &names {
            let store = tx.object_store(name).map_err(err)?;
            let keys: Array = store.get_all_keys::<JsValue>().primitive().map_err(err)?.await.map_err(err)?.map(|k| k.map_err(err)).collect::<super::Result<_>>()?;
            let values: Array = store.get_all::<JsValue>().primitive().map_err(err)?.await.map_err(err)?.map(|k| k.map_err(err)).collect::<super::Result<_>>()?;
            let (keys, values) = if backed_up_only && *name == SETTINGS {
                let (kept_keys, kept_values) = (Array::new(), Array::new());
                for (key, value) in keys.iter().zip(values.iter()) {
                    if !key.as_string().is_some_and(|k| layout.is_tablet_only(&k)) {
                        kept_keys.push(&key);
                        kept_values.push(&value);
                    }
                }
                (kept_keys, kept_values)
            } else {
                (keys, values)
            };
            for text in [js_sys::JSON::stringify(&keys), js_sys::JSON::stringify(&values)] {
                hasher.update(String::from(text.map_err(browser)?).as_bytes());
            }
            for value in values.iter().filter(|v| v.is_object()) {
                let object: &Object = value.unchecked_ref();
                let mut fields: Vec<String> = Object::keys(object).iter().filter_map(|k| k.as_string()).collect();
                fields.sort();
                for field in fields {
                    if let Ok(blob) = Reflect::get(object, &field.into()).map_err(browser)?.dyn_into::<Blob>() {
                        blobs.push(blob);
                    }
                }
            }
        }
        drop(tx);
        for blob in blobs {
            hasher.update(blob.type_().as_bytes());
            hasher.update(bytes(&blob, 0, size(&blob)).await?);
        }
        Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }
}

/// Encrypts a payload chunk by chunk into a sealed file (see the format's docs).
async fn seal_payload(payload: &Blob, passphrase: &str, progress: &dyn Fn(Progress)) -> Outcome<Blob> {
    let salt: [u8; format::SALT_LEN] = crypto::random_bytes(format::SALT_LEN).map_err(BackupFailure::Browser)?.try_into().expect("16 bytes");
    let prefix: [u8; format::NONCE_PREFIX_LEN] =
        crypto::random_bytes(format::NONCE_PREFIX_LEN).map_err(BackupFailure::Browser)?.try_into().expect("7 bytes");
    let chunk = format::CHUNK_SIZE;
    let header = format::sealed_header(&salt, crypto::BACKUP_ITERATIONS, &prefix, chunk);
    let key = crypto::backup_key(passphrase, &salt, crypto::BACKUP_ITERATIONS).await.map_err(BackupFailure::Browser)?;
    let mut parts = Parts::new();
    parts.push_bytes(&Uint8Array::from(header.as_slice()), header.len() as u64)?;
    let check = crypto::seal(&key, &format::key_check_nonce(&prefix), &header, &Uint8Array::new_with_length(0)).await.map_err(BackupFailure::Browser)?;
    parts.push_bytes(&check, format::TAG_LEN as u64)?;
    let len = size(payload);
    let count = format::chunk_count(len, chunk);
    for i in 0..count {
        tell(progress, Step::Sealing, i, count);
        let start = i * u64::from(chunk);
        let end = (start + u64::from(chunk)).min(len);
        let plain = array_buffer(&payload.slice_with_f64_and_f64(start as f64, end as f64).map_err(browser)?).await?;
        let nonce = format::chunk_nonce(&prefix, i as u32, i + 1 == count);
        let sealed = crypto::seal(&key, &nonce, &header, &plain).await.map_err(BackupFailure::Browser)?;
        parts.push_bytes(&sealed, u64::from(sealed.byte_length()))?;
    }
    parts.finish("application/octet-stream")
}

/// Reads a chosen file completely before anything is written: the envelope, the
/// decryption of every chunk, the head's checks, and every photo's checksum.
pub async fn open_backup(file: &Blob, passphrase: Option<&str>, progress: &dyn Fn(Progress)) -> Outcome<OpenedBackup> {
    let file_len = size(file);
    let head = bytes(file, 0, file_len.min(format::SEALED_HEADER_LEN as u64)).await?;
    let payload = match format::read_envelope(&head, file_len)? {
        Envelope::Plain { payload_at } => file.slice_with_f64(payload_at as f64).map_err(browser)?,
        Envelope::Sealed(sealed) => {
            let passphrase = passphrase.filter(|p| !p.is_empty()).ok_or(BackupError::NeedsPassphrase)?;
            let key = crypto::backup_key(passphrase, &sealed.salt, sealed.iterations).await.map_err(BackupFailure::Browser)?;
            let check = Uint8Array::from(sealed.key_check.as_slice());
            if crypto::open(&key, &sealed.key_check_nonce(), &sealed.aad, &check).await.map_err(BackupFailure::Browser)?.is_none() {
                return Err(BackupError::WrongPassphrase.into());
            }
            let mut plain = Parts::new();
            let count = sealed.chunks.len() as u64;
            for (i, chunk) in sealed.chunks.iter().enumerate() {
                tell(progress, Step::Opening, i as u64, count);
                let data = array_buffer(&file.slice_with_f64_and_f64(chunk.offset as f64, (chunk.offset + chunk.len) as f64).map_err(browser)?).await?;
                match crypto::open(&key, &chunk.nonce, &sealed.aad, &data).await.map_err(BackupFailure::Browser)? {
                    Some(opened) => plain.push_bytes(&opened, u64::from(opened.byte_length()))?,
                    None => return Err(BackupError::Corrupt(format!("chunk {i}")).into()),
                };
            }
            plain.finish("application/octet-stream")?
        }
    };
    let payload_len = size(&payload);
    let at = format::read_payload_prefix(&bytes(&payload, 0, payload_len.min(format::PREFIX_LEN as u64)).await?, payload_len)?;
    let head = bytes(&payload, format::PREFIX_LEN as u64, at.body_at).await?;
    format::check_head_digest(&head, &at)?;
    let backup = format::parse_head(&head, payload_len - at.body_at, &schema::backup_layout())?;
    drop(head);
    let body = payload.slice_with_f64(at.body_at as f64).map_err(browser)?;

    let total = backup.blobs.len() as u64;
    for (i, row) in backup.blobs.iter().enumerate() {
        tell(progress, Step::Checking, i as u64, total);
        for part in row.parts.values() {
            let slice = body.slice_with_f64_and_f64(part.offset as f64, (part.offset + part.len) as f64).map_err(browser)?;
            let buffer = array_buffer(&slice).await?;
            let digest = crypto::sha256_hex(&buffer).await.map_err(BackupFailure::Browser)?;
            if digest != part.sha256 {
                return Err(BackupError::Corrupt(format!("photo #{i}")).into());
            }
        }
    }
    Ok(OpenedBackup { backup, body })
}
