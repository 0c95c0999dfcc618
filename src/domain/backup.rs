//! The backup file: its layout, the complete check of a file before anything is
//! written, and the merge rules, as pure functions (natively tested and fuzzed; the
//! browser side, `storage::backup` and `crypto`, only moves bytes and Blobs).
//!
//! # Format (version 1)
//!
//! All integers little-endian. A file (`*.follicle`) is an **envelope** around a
//! **payload**:
//!
//! ```text
//! envelope  = "FOLLICLE" (8 bytes)  container version (1 byte, = 1)  mode (1 byte)
//!   mode 0 (plain):      payload
//!   mode 1 (AES-GCM):    salt (16)  PBKDF2-SHA-256 iterations (u32)  nonce prefix (7)
//!                        chunk size (u32)  key check (16)  chunk*
//! payload   = head length (u32)  SHA-256 of head (32)  head (UTF-8 JSON)
//!             body (photo bytes, back to back)
//! ```
//!
//! **Encryption** (mode 1): AES-256-GCM, the key from PBKDF2-SHA-256 of the passphrase
//! with the salt and iterations above. The payload is cut into chunks of `chunk size`
//! plaintext bytes (the last one shorter, possibly empty), each sealed on its own
//! (ciphertext + 16-byte tag), so neither side holds the whole file decrypted twice.
//! Chunk *i* has the nonce `prefix ‖ i (u32 big-endian) ‖ last (1 byte: 1 on the last
//! chunk, else 0)` — the STREAM construction: reordering, dropping or cutting chunks
//! fails a tag. Every chunk's additional data is the 41 header bytes before the key
//! check, so the header cannot be altered either. The key check is the tag of an empty
//! plaintext under nonce `prefix ‖ FFFFFFFF ‖ 02`: it tells a wrong passphrase
//! from a damaged file before any chunk is opened.
//!
//! **Head**: `{"format": "follicle-backup", "version": 1, "schema_version": 4,
//! "made_at": ms, "store_id", "device_id", "app_version", "stores": {name: [record,
//! …]}, "blobs": [{"key": photo id, "parts": {"image": {"offset", "len", "type",
//! "sha256"}, "thumb": {…}}}]}`. `stores` holds every object store that is not derived
//! (records exactly as IndexedDB holds them, as JSON), with the `settings` rows that
//! belong to the store's data (not this tablet's lockout counters or bookkeeping).
//! `blobs` are the rows of the Blob store (`photo_blobs`): each named part points into
//! the body by offset and length, with its MIME type and SHA-256.
//!
//! Why this shape: photos are most of a backup (≈250 KB each, thousands of them).
//! Raw bytes after one JSON head cost nothing to write (the download is a Blob built
//! from the stored Blobs, never copied into wasm memory), nothing to read (each photo
//! is a slice of the file), and base64 would add a third to the size. One JSON head
//! keeps the records readable by any tool once decrypted.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::record::Millis;
use crate::i18n::{Msg, T};

pub const MAGIC: &[u8; 8] = b"FOLLICLE";
/// The envelope's version (byte 8).
pub const CONTAINER_VERSION: u8 = 1;
/// The head's version (`"version"`).
pub const FORMAT_VERSION: u32 = 1;
pub const FORMAT_NAME: &str = "follicle-backup";
pub const MODE_PLAIN: u8 = 0;
pub const MODE_AES_GCM: u8 = 1;
pub const PLAIN_HEADER_LEN: usize = 10;
/// Header bytes that every chunk authenticates (everything before the key check).
pub const SEALED_AAD_LEN: usize = 41;
pub const SEALED_HEADER_LEN: usize = SEALED_AAD_LEN + TAG_LEN;
pub const TAG_LEN: usize = 16;
pub const SALT_LEN: usize = 16;
pub const NONCE_PREFIX_LEN: usize = 7;
/// Plaintext bytes per sealed chunk: big enough that the per-chunk WebCrypto call is
/// cheap, small enough that only a few MB are in flight at once.
pub const CHUNK_SIZE: u32 = 1 << 20;
/// Limits on what a file may ask for: a forged header must not make the tablet
/// derive a key for an hour or allocate gigabytes.
pub const MIN_ITERATIONS: u32 = 100_000;
pub const MAX_ITERATIONS: u32 = 10_000_000;
const MIN_CHUNK: u32 = 1 << 10;
const MAX_CHUNK: u32 = 1 << 26;
const MAX_KEY_LEN: usize = 200;

/// Why a file cannot be restored. Nothing has been written when one of these is
/// returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    /// Not a Follicle backup at all (another file chosen).
    NotABackup,
    /// Made by a newer Follicle: this one cannot read it safely.
    FutureVersion,
    /// Shorter than its own layout says.
    Truncated,
    /// Damaged: the detail names where (never a person's data).
    Corrupt(String),
    /// The passphrase does not open this file.
    WrongPassphrase,
    /// The file is encrypted and no passphrase was given.
    NeedsPassphrase,
}

impl BackupError {
    fn corrupt(detail: impl Into<String>) -> Self {
        BackupError::Corrupt(detail.into())
    }

    pub fn message(&self) -> Msg {
        match self {
            BackupError::NotABackup => Msg::new(T::BackupNotABackup),
            BackupError::FutureVersion => Msg::new(T::BackupFutureVersion),
            BackupError::Truncated => Msg::new(T::BackupTruncated),
            BackupError::Corrupt(_) => Msg::new(T::BackupCorrupt),
            BackupError::WrongPassphrase => Msg::new(T::BackupWrongPassphrase),
            BackupError::NeedsPassphrase => Msg::new(T::BackupNeedsPassphrase),
        }
    }
}

pub type Checked<T> = Result<T, BackupError>;

// ---------------------------------------------------------------------------------
// Envelope

/// What the first bytes of a file say about the rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Envelope {
    /// The payload starts at `payload_at` and runs to the end of the file.
    Plain { payload_at: u64 },
    Sealed(Sealed),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    pub salt: [u8; SALT_LEN],
    pub iterations: u32,
    pub nonce_prefix: [u8; NONCE_PREFIX_LEN],
    pub chunk_size: u32,
    pub key_check: [u8; TAG_LEN],
    /// The header bytes every chunk authenticates.
    pub aad: Vec<u8>,
    pub chunks: Vec<Chunk>,
}

/// One sealed chunk: where it lies in the file and its nonce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub offset: u64,
    pub len: u64,
    pub nonce: [u8; 12],
}

impl Sealed {
    /// The nonce that seals the key check.
    pub fn key_check_nonce(&self) -> [u8; 12] {
        key_check_nonce(&self.nonce_prefix)
    }
}

pub fn chunk_nonce(prefix: &[u8; NONCE_PREFIX_LEN], index: u32, last: bool) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[..7].copy_from_slice(prefix);
    n[7..11].copy_from_slice(&index.to_be_bytes());
    n[11] = u8::from(last);
    n
}

pub fn key_check_nonce(prefix: &[u8; NONCE_PREFIX_LEN]) -> [u8; 12] {
    let mut n = chunk_nonce(prefix, u32::MAX, false);
    n[11] = 2;
    n
}

/// The 10 bytes that start a plain file.
pub fn plain_header() -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.extend([CONTAINER_VERSION, MODE_PLAIN]);
    h
}

/// The 41 header bytes of a sealed file, before the key check (also every chunk's
/// additional data).
pub fn sealed_header(salt: &[u8; SALT_LEN], iterations: u32, nonce_prefix: &[u8; NONCE_PREFIX_LEN], chunk_size: u32) -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.extend([CONTAINER_VERSION, MODE_AES_GCM]);
    h.extend(salt);
    h.extend(iterations.to_le_bytes());
    h.extend(nonce_prefix);
    h.extend(chunk_size.to_le_bytes());
    debug_assert_eq!(h.len(), SEALED_AAD_LEN);
    h
}

/// How many chunks a payload of `len` bytes seals into (an empty payload is one
/// empty last chunk).
pub fn chunk_count(payload_len: u64, chunk_size: u32) -> u64 {
    payload_len.div_ceil(u64::from(chunk_size)).max(1)
}

/// Reads the envelope from the file's first bytes (`head`, up to
/// [`SEALED_HEADER_LEN`] of them) and its total length.
pub fn read_envelope(head: &[u8], file_len: u64) -> Checked<Envelope> {
    if head.len() < MAGIC.len() || &head[..8] != MAGIC {
        return Err(BackupError::NotABackup);
    }
    if head.len() < PLAIN_HEADER_LEN || file_len < PLAIN_HEADER_LEN as u64 {
        return Err(BackupError::Truncated);
    }
    match head[8] {
        0 => return Err(BackupError::corrupt("container version 0")),
        v if v > CONTAINER_VERSION => return Err(BackupError::FutureVersion),
        _ => {}
    }
    match head[9] {
        MODE_PLAIN => return Ok(Envelope::Plain { payload_at: PLAIN_HEADER_LEN as u64 }),
        MODE_AES_GCM => {}
        _ => return Err(BackupError::corrupt("unknown mode")),
    }
    if head.len() < SEALED_HEADER_LEN || file_len < SEALED_HEADER_LEN as u64 {
        return Err(BackupError::Truncated);
    }
    let le32 = |at: usize| u32::from_le_bytes(head[at..at + 4].try_into().expect("4 bytes"));
    let mut salt = [0u8; SALT_LEN];
    salt.copy_from_slice(&head[10..26]);
    let iterations = le32(26);
    let mut nonce_prefix = [0u8; NONCE_PREFIX_LEN];
    nonce_prefix.copy_from_slice(&head[30..37]);
    let chunk_size = le32(37);
    let mut key_check = [0u8; TAG_LEN];
    key_check.copy_from_slice(&head[41..57]);
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
        return Err(BackupError::corrupt("iterations out of range"));
    }
    if !(MIN_CHUNK..=MAX_CHUNK).contains(&chunk_size) {
        return Err(BackupError::corrupt("chunk size out of range"));
    }
    let rest = file_len - SEALED_HEADER_LEN as u64;
    let full = u64::from(chunk_size) + TAG_LEN as u64;
    if rest < TAG_LEN as u64 {
        return Err(BackupError::Truncated);
    }
    let n = rest.div_ceil(full);
    let last_len = rest - (n - 1) * full;
    if last_len < TAG_LEN as u64 {
        // A chunk too short to hold its tag: the file was cut.
        return Err(BackupError::Truncated);
    }
    let n = u32::try_from(n).map_err(|_| BackupError::corrupt("too many chunks"))?;
    let chunks = (0..n)
        .map(|i| Chunk {
            offset: SEALED_HEADER_LEN as u64 + u64::from(i) * full,
            len: if i + 1 == n { last_len } else { full },
            nonce: chunk_nonce(&nonce_prefix, i, i + 1 == n),
        })
        .collect();
    Ok(Envelope::Sealed(Sealed { salt, iterations, nonce_prefix, chunk_size, key_check, aad: head[..SEALED_AAD_LEN].to_vec(), chunks }))
}

// ---------------------------------------------------------------------------------
// Payload

/// Where a Blob's bytes lie in the body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobRef {
    pub offset: u64,
    pub len: u64,
    #[serde(rename = "type")]
    pub mime: String,
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
}

/// A row of the Blob store: its key and each named Blob in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobRow {
    pub key: String,
    pub parts: BTreeMap<String, BlobRef>,
}

/// Who made a backup, when, from which schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupInfo {
    pub schema_version: u32,
    pub made_at: Millis,
    pub store_id: String,
    pub device_id: String,
    pub app_version: String,
}

#[derive(Serialize)]
struct HeadOut<'a> {
    format: &'a str,
    version: u32,
    schema_version: u32,
    made_at: Millis,
    store_id: &'a str,
    device_id: &'a str,
    app_version: &'a str,
    stores: BTreeMap<&'a str, &'a RawValue>,
    blobs: &'a [BlobRow],
}

/// The head as read; `format` and `version` were checked on the raw JSON first (a
/// newer version may change the rest).
#[derive(Deserialize)]
struct HeadIn {
    schema_version: u32,
    made_at: Millis,
    store_id: String,
    device_id: String,
    app_version: String,
    stores: BTreeMap<String, Vec<Value>>,
    blobs: Vec<BlobRow>,
}

/// A backup read and checked completely; the photo bytes stay in the file (the body),
/// found by each [`BlobRef`].
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub info: BackupInfo,
    /// Records by store, as stored.
    pub stores: BTreeMap<String, Vec<Value>>,
    pub blobs: Vec<BlobRow>,
}

impl Backup {
    pub fn count(&self, store: &str) -> usize {
        self.stores.get(store).map_or(0, Vec::len)
    }
}

/// The head's bytes: `stores` gives each store's records as the JSON array text the
/// browser made of them (not parsed again here).
pub fn encode_head(info: &BackupInfo, stores: &[(&str, String)], blobs: &[BlobRow]) -> Checked<Vec<u8>> {
    let raw: Vec<(&str, Box<RawValue>)> = stores
        .iter()
        .map(|(name, text)| RawValue::from_string(text.clone()).map(|r| (*name, r)))
        .collect::<Result<_, _>>()
        .map_err(|_| BackupError::corrupt("a store did not turn into JSON"))?;
    let head = HeadOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        schema_version: info.schema_version,
        made_at: info.made_at,
        store_id: &info.store_id,
        device_id: &info.device_id,
        app_version: &info.app_version,
        stores: raw.iter().map(|(n, r)| (*n, r.as_ref())).collect(),
        blobs,
    };
    serde_json::to_vec(&head).map_err(|_| BackupError::corrupt("head"))
}

/// Bytes before the head: its length (u32) and its SHA-256.
pub const PREFIX_LEN: usize = 4 + 32;

/// The payload's start: the head's length, its SHA-256 (so a plain file's damaged
/// head is caught even where it still reads as JSON), and the head.
pub fn payload_prefix(head: &[u8]) -> Vec<u8> {
    let mut out = (head.len() as u32).to_le_bytes().to_vec();
    out.extend_from_slice(&Sha256::digest(head));
    out.extend_from_slice(head);
    out
}

/// Where the head ends and what its digest must be, read from the payload's first
/// [`PREFIX_LEN`] bytes and the payload's length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadAt {
    /// Where the body starts, from the payload's start (the head is
    /// `PREFIX_LEN..body_at`).
    pub body_at: u64,
    pub digest: [u8; 32],
}

pub fn read_payload_prefix(first: &[u8], payload_len: u64) -> Checked<HeadAt> {
    if first.len() < PREFIX_LEN || payload_len < PREFIX_LEN as u64 {
        return Err(BackupError::Truncated);
    }
    let len = u64::from(u32::from_le_bytes(first[..4].try_into().expect("4 bytes")));
    if len == 0 {
        return Err(BackupError::corrupt("empty head"));
    }
    let body_at = PREFIX_LEN as u64 + len;
    if body_at > payload_len {
        return Err(BackupError::Truncated);
    }
    Ok(HeadAt { body_at, digest: first[4..PREFIX_LEN].try_into().expect("32 bytes") })
}

/// Whether the head is the one the prefix describes.
pub fn check_head_digest(head: &[u8], at: &HeadAt) -> Checked<()> {
    if Sha256::digest(head).as_slice() == at.digest {
        Ok(())
    } else {
        Err(BackupError::corrupt("head checksum"))
    }
}

/// What a store holds, for the checks and the merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreKind {
    /// Records keyed by a string; with `meta.updated_at` they have versions, without
    /// (the audit log) they never change once written.
    Records,
    /// Deletions: keyed by the deleted record's id, naming its store in `kind`.
    Tombstones,
    /// `{key, value}` rows.
    Settings,
    /// Rows of Blobs, each belonging to the record of `owner` with the same key.
    Blobs { owner: &'static str },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreSpec {
    pub name: &'static str,
    /// The key path (a top-level field).
    pub key: &'static str,
    pub kind: StoreKind,
}

/// What this build stores: the stores a backup holds, and which settings rows are
/// this tablet's own (never in a backup, never overwritten by one).
#[derive(Clone, Debug)]
pub struct Layout {
    pub schema_version: u32,
    pub stores: Vec<StoreSpec>,
    pub tablet_only_settings: &'static [&'static str],
    /// The store of customers, and of their consents.
    pub customers: &'static str,
    pub consents: &'static str,
    /// The stores whose records belong to one customer (a `customer_id` field): an
    /// erased customer's records go with them.
    pub owned: &'static [&'static str],
}

impl Layout {
    /// Whether a settings row belongs to this tablet alone (a listed key, or under a
    /// listed prefix that ends in `:`).
    pub fn is_tablet_only(&self, key: &str) -> bool {
        self.tablet_only_settings.iter().any(|k| if k.ends_with(':') { key.starts_with(k) } else { key == *k })
    }

    pub fn spec(&self, name: &str) -> Option<&StoreSpec> {
        self.stores.iter().find(|s| s.name == name)
    }

    fn blob_spec(&self) -> Option<&StoreSpec> {
        self.stores.iter().find(|s| matches!(s.kind, StoreKind::Blobs { .. }))
    }
}

/// A record's version: `meta.updated_at`, if it has one.
pub fn version_of(record: &Value) -> Option<Millis> {
    record.get("meta")?.get("updated_at")?.as_i64()
}

fn key_of<'a>(record: &'a Value, key: &str) -> Option<&'a str> {
    record.get(key)?.as_str()
}

fn is<T: DeserializeOwned>(v: &Value) -> bool {
    T::deserialize(v).is_ok()
}

/// Whether a record of a store this module knows reads as its type. (A store added
/// later gets the generic checks only until it is named here.)
fn reads_as_its_type(store: &str, v: &Value) -> bool {
    use super::*;
    match store {
        "customers" => is::<Customer>(v),
        "photos" => is::<PhotoMeta>(v),
        "measurements" => is::<MeasurementSet>(v),
        "purchases" => is::<Purchase>(v),
        "followups" => is::<FollowUpEntry>(v),
        "complaints" => is::<Complaint>(v),
        "returns" => is::<ReturnRecord>(v),
        "incidents" => is::<Incident>(v),
        "consents" => is::<ConsentRecord>(v),
        "tombstones" => is::<Tombstone>(v),
        "audit_log" => is::<AuditEntry>(v),
        "staff" => is::<staff::StaffMember>(v),
        "appointments" => is::<appointment::Appointment>(v),
        "month_plans" => is::<month_plan::MonthPlan>(v),
        _ => true,
    }
}

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Reads and checks a head completely: format and versions, every store known,
/// every record with a usable key (unique in its store) and of its type, every
/// deletion about a known store (a record beside its own deletion is read: the
/// deletion wins at the restore), every Blob inside the body and owned by a record in the file. `body_len` is the number of
/// bytes after the head.
pub fn parse_head(bytes: &[u8], body_len: u64, layout: &Layout) -> Checked<Backup> {
    let value: Value = serde_json::from_slice(bytes).map_err(|_| BackupError::corrupt("head is not JSON"))?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(BackupError::NotABackup);
    }
    let number = |field: &str| value.get(field).and_then(Value::as_u64);
    match (number("version"), number("schema_version")) {
        (Some(v), _) if v > u64::from(FORMAT_VERSION) => return Err(BackupError::FutureVersion),
        (_, Some(s)) if s > u64::from(layout.schema_version) => return Err(BackupError::FutureVersion),
        (Some(v), Some(s)) if v >= 1 && s >= 1 => {}
        _ => return Err(BackupError::corrupt("versions")),
    }
    let head: HeadIn = serde_json::from_value(value).map_err(|_| BackupError::corrupt("head fields"))?;

    for (name, records) in &head.stores {
        let spec = layout.spec(name).ok_or_else(|| BackupError::corrupt(format!("unknown store {name}")))?;
        if matches!(spec.kind, StoreKind::Blobs { .. }) {
            return Err(BackupError::corrupt(format!("{name} belongs in blobs")));
        }
        let mut seen = HashSet::new();
        for (i, record) in records.iter().enumerate() {
            let at = || format!("{name} #{i}");
            let key = key_of(record, spec.key).ok_or_else(|| BackupError::corrupt(format!("{} has no key", at())))?;
            if key.is_empty() || key.len() > MAX_KEY_LEN {
                return Err(BackupError::corrupt(format!("{} has a bad key", at())));
            }
            if !seen.insert(key) {
                return Err(BackupError::corrupt(format!("{} repeats a key", at())));
            }
            if let Some(meta) = record.get("meta") {
                if meta.get("updated_at").and_then(Value::as_i64).is_none() {
                    return Err(BackupError::corrupt(format!("{} has no update time", at())));
                }
            }
            match spec.kind {
                StoreKind::Settings => {
                    if layout.is_tablet_only(key) {
                        return Err(BackupError::corrupt(format!("{} is this tablet's own", at())));
                    }
                    if key == "app" && !record.get("value").is_some_and(is::<super::AppSettings>) {
                        return Err(BackupError::corrupt(format!("{} does not read", at())));
                    }
                }
                StoreKind::Tombstones => {
                    let kind = record.get("kind").and_then(Value::as_str).unwrap_or_default();
                    if !layout.spec(kind).is_some_and(|s| s.kind == StoreKind::Records) {
                        return Err(BackupError::corrupt(format!("{} deletes from an unknown store", at())));
                    }
                }
                StoreKind::Records | StoreKind::Blobs { .. } => {}
            }
            if !reads_as_its_type(name, record) {
                return Err(BackupError::corrupt(format!("{} does not read", at())));
            }
        }
    }
    // A record beside its own deletion (written by a save that did not check for the
    // tombstone, before every write did) is not damage: the deletion wins at the
    // restore ([`SkipReason::DeletedInFile`]).

    if !head.blobs.is_empty() {
        let Some(StoreSpec { kind: StoreKind::Blobs { owner }, .. }) = layout.blob_spec() else {
            return Err(BackupError::corrupt("blobs in a layout without them"));
        };
        let owner_spec = layout.spec(owner).ok_or_else(|| BackupError::corrupt("blob owner"))?;
        let owners: HashSet<&str> = head.stores.get(*owner).into_iter().flatten().filter_map(|r| key_of(r, owner_spec.key)).collect();
        let mut seen = HashSet::new();
        for (i, row) in head.blobs.iter().enumerate() {
            if !owners.contains(row.key.as_str()) || !seen.insert(row.key.as_str()) {
                return Err(BackupError::corrupt(format!("blob #{i} has no record, or two rows")));
            }
            for part in row.parts.values() {
                let end = part.offset.checked_add(part.len);
                if end.is_none_or(|end| end > body_len) {
                    return Err(BackupError::Truncated);
                }
                if !is_sha256_hex(&part.sha256) || part.mime.len() > 100 {
                    return Err(BackupError::corrupt(format!("blob #{i} description")));
                }
            }
            if row.parts.is_empty() {
                return Err(BackupError::corrupt(format!("blob #{i} is empty")));
            }
        }
    }

    Ok(Backup {
        info: BackupInfo {
            schema_version: head.schema_version,
            made_at: head.made_at,
            store_id: head.store_id,
            device_id: head.device_id,
            app_version: head.app_version,
        },
        stores: head.stores,
        blobs: head.blobs,
    })
}

fn tombstone_store(layout: &Layout) -> Option<&'static str> {
    layout.stores.iter().find(|s| s.kind == StoreKind::Tombstones).map(|s| s.name)
}

// ---------------------------------------------------------------------------------
// Merge

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Add what is missing, keep the newer of two versions, deletions win over older
    /// records.
    Merge,
    /// Everything here (but this tablet's own settings) is replaced by the backup.
    Replace,
}

/// Why a record of the backup was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// The tablet has a newer version of the record.
    NewerHere,
    /// The record was deleted here after the backup's version was made.
    DeletedHere,
    /// A deletion in the backup, but the record here changed after it.
    ChangedAfterDeletion,
    /// A settings row this tablet already has (its own name, store, timeouts).
    TabletSettingKept,
    /// The file holds the record and its own deletion: the deletion wins.
    DeletedInFile,
    /// The record belongs to a customer erased here or in the file: it goes with them.
    CustomerErased,
    /// (Replace) a consent withdrawn on this tablet after the backup was made, or the
    /// record of its customer since: this tablet's stays.
    WithdrawnHere,
}

/// What happens to one record of the backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Add,
    /// Add, and drop this tablet's older deletion of it.
    Revive,
    Update,
    Unchanged,
    /// A deletion from the backup removes this tablet's older record.
    Remove,
    Skip(SkipReason),
}

/// What the tablet holds under one id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Here {
    /// `Some(version)` if a record with this id exists (version `None`: it has no
    /// `meta`, so it never changes).
    pub record: Option<Option<Millis>>,
    /// When this tablet deleted a record with this id.
    pub deleted_at: Option<Millis>,
}

/// The merge rule for a record of the backup with version `incoming`.
pub fn decide_record(here: Here, incoming: Option<Millis>) -> Decision {
    if let Some(deleted) = here.deleted_at {
        // A deletion wins over every version made before (or at) it.
        return match incoming {
            Some(v) if v > deleted && here.record.is_none() => Decision::Revive,
            Some(v) if v > deleted => decide_against(here.record, incoming),
            _ => Decision::Skip(SkipReason::DeletedHere),
        };
    }
    decide_against(here.record, incoming)
}

fn decide_against(record: Option<Option<Millis>>, incoming: Option<Millis>) -> Decision {
    match (record, incoming) {
        (None, _) => Decision::Add,
        (Some(Some(here)), Some(there)) if there > here => Decision::Update,
        (Some(Some(here)), Some(there)) if there < here => Decision::Skip(SkipReason::NewerHere),
        // Same version, or an entry that never changes (the audit log).
        _ => Decision::Unchanged,
    }
}

/// The merge rule for a deletion in the backup (of a record deleted at `deleted_at`).
pub fn decide_tombstone(here: Here, deleted_at: Millis) -> Decision {
    match (here.deleted_at, here.record) {
        (Some(_), _) => Decision::Unchanged,
        (None, None) => Decision::Add,
        (None, Some(Some(v))) if v > deleted_at => Decision::Skip(SkipReason::ChangedAfterDeletion),
        (None, Some(_)) => Decision::Remove,
    }
}

/// What the tablet holds now, as far as the merge needs to know.
#[derive(Clone, Debug, Default)]
pub struct Local {
    /// Store → key → version (`None`: a record without `meta`).
    pub records: HashMap<String, HashMap<String, Option<Millis>>>,
    /// Deleted record id → when.
    pub tombstones: HashMap<String, Millis>,
    /// Customer id → the records here of [`Layout::owned`] stores that belong to them
    /// (store, key): what a deletion of the customer in the file takes along.
    pub owned_by: HashMap<String, Vec<(String, String)>>,
    /// This tablet's settings row `app` (its `value`), when it has one.
    pub app: Option<Value>,
    /// Consents withdrawn on this tablet: id → (version, customer id). A Replace keeps
    /// those withdrawn after the backup was made.
    pub withdrawn: HashMap<String, (Millis, String)>,
}

impl Local {
    fn here(&self, store: &str, key: &str) -> Here {
        Here {
            record: self.records.get(store).and_then(|m| m.get(key)).copied(),
            deleted_at: self.tombstones.get(key).copied(),
        }
    }

    fn version(&self, store: &str, key: &str) -> Option<Millis> {
        self.records.get(store).and_then(|m| m.get(key)).copied().flatten()
    }
}

/// Counts per outcome, for the report after an import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Records here removed by a deletion in the backup.
    pub removed: u32,
    pub skipped: BTreeMap<SkipReason, u32>,
}

impl Counts {
    pub fn skipped_total(&self) -> u32 {
        self.skipped.values().sum()
    }

    fn add(&mut self, other: &Counts) {
        self.added += other.added;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.removed += other.removed;
        for (reason, n) in &other.skipped {
            *self.skipped.entry(*reason).or_default() += n;
        }
    }

    fn count(&mut self, decision: Decision) {
        match decision {
            Decision::Add | Decision::Revive => self.added += 1,
            Decision::Update => self.updated += 1,
            Decision::Unchanged => self.unchanged += 1,
            Decision::Remove => self.removed += 1,
            Decision::Skip(reason) => *self.skipped.entry(reason).or_default() += 1,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub by_store: BTreeMap<String, Counts>,
}

impl Report {
    pub fn total(&self) -> Counts {
        let mut all = Counts::default();
        for counts in self.by_store.values() {
            all.add(counts);
        }
        all
    }
}

/// The writes an import makes, all in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Records of the backup to put: store and index in `Backup::stores[store]`.
    pub puts: Vec<(String, usize)>,
    /// Records here to delete (store, key); a deleted photo takes its Blob row along.
    pub deletes: Vec<(String, String)>,
    /// Of `deletes`, those the file holds no deletion of (an erased customer's records
    /// here): each gets its tombstone.
    pub tombstone: Vec<(String, String)>,
    /// This tablet's deletions that a newer record of the backup undoes.
    pub undelete: Vec<String>,
    /// Blob rows of the backup to put (index in `Backup::blobs`).
    pub blob_puts: Vec<usize>,
    /// (Replace) records here written back as they are after the stores are emptied:
    /// consents withdrawn after the backup was made, and their customers.
    pub keep: Vec<(String, String)>,
    /// The settings row `app` to write instead of the file's: this tablet's own fields
    /// with the store's part (rules, products, thresholds, sites) of the newer side.
    pub app: Option<Value>,
    pub report: Report,
}

/// The settings row `app` after an import: this tablet's own fields (id, name,
/// timeouts) stay; the store's part comes from the file in a Replace, or when newer in
/// a merge. `None`: the row here stays as it is.
pub fn app_settings(here: &Value, incoming: &Value, mode: Mode) -> Option<Value> {
    let mut mine: super::AppSettings = serde_json::from_value(here.clone()).ok()?;
    let theirs: super::AppSettings = serde_json::from_value(incoming.clone()).ok()?;
    if !mine.is_set_up() {
        return Some(incoming.clone());
    }
    if mode == Mode::Merge && theirs.store.store_updated_at <= mine.store.store_updated_at {
        return None;
    }
    mine.store = theirs.store;
    serde_json::to_value(&mine).ok()
}

/// Decides, record by record, what an import writes.
///
/// In [`Mode::Replace`] the caller first empties every store of the layout but the
/// deletions (keeping the tablet-only settings, and reading what `local` says before):
/// what was deleted here stays deleted (the same rule as a merge: a deletion wins over
/// every version made before it), a consent withdrawn here after the backup stays
/// withdrawn ([`Plan::keep`]), and this tablet keeps its own settings fields.
///
/// In both modes a record beside its own deletion in the file is not taken (the
/// deletion wins), and no record of a customer erased here or in the file is; in a
/// merge, a customer's deletion in the file removes their records here too.
pub fn plan(backup: &Backup, local: &Local, layout: &Layout, mode: Mode) -> Plan {
    let replace = mode == Mode::Replace;
    let mut plan = Plan::default();
    let tombstones = tombstone_store(layout).unwrap_or_default();
    let file_tombstones: &[Value] = backup.stores.get(tombstones).map_or(&[], Vec::as_slice);
    let deleted_in_file: HashSet<&str> = file_tombstones.iter().filter_map(|t| key_of(t, "id")).collect();
    // What the tablet holds under a key; after a Replace's emptying, only deletions.
    let here = |store: &str, key: &str| {
        let h = local.here(store, key);
        if replace { Here { record: None, ..h } } else { h }
    };
    fn tombstone_decision<'v>(record: &'v Value, key: &str, here: &dyn Fn(&str, &str) -> Here, local: &Local) -> (&'v str, Decision) {
        let kind = record.get("kind").and_then(Value::as_str).unwrap_or_default();
        let deleted_at = record.get("deleted_at").and_then(Value::as_i64).unwrap_or_default();
        let target = Here { record: here(kind, key).record, deleted_at: local.tombstones.get(key).copied() };
        (kind, decide_tombstone(target, deleted_at))
    }

    // Customers erased: here (unless the file brings a newer record back), or by a
    // deletion in the file that is taken.
    let customer_spec = layout.spec(layout.customers);
    let mut erased: HashSet<&str> = local.tombstones.keys().map(String::as_str).collect();
    if let Some(spec) = customer_spec {
        for record in backup.stores.get(spec.name).into_iter().flatten() {
            if let Some(key) = key_of(record, spec.key) {
                if !deleted_in_file.contains(key) && decide_record(here(spec.name, key), version_of(record)) == Decision::Revive {
                    erased.remove(key);
                }
            }
        }
    }
    let mut erased_by_file: Vec<&str> = Vec::new();
    for record in file_tombstones {
        let Some(key) = key_of(record, "id") else { continue };
        let (kind, decision) = tombstone_decision(record, key, &here, local);
        if kind == layout.customers && !matches!(decision, Decision::Skip(_)) {
            erased.insert(key);
            erased_by_file.push(key);
        }
    }

    // (Replace) consents withdrawn here after the backup's version of them (or made and
    // withdrawn since), and their customers: this tablet's records stay.
    let mut kept_consents: HashSet<&str> = HashSet::new();
    let mut kept_customers: HashSet<&str> = HashSet::new();
    if replace {
        let in_file: HashMap<&str, Option<Millis>> = backup
            .stores
            .values()
            .flatten()
            .filter_map(|r| Some((key_of(r, "id")?, version_of(r))))
            .collect();
        for (id, (version, customer)) in &local.withdrawn {
            let newer = in_file.get(id.as_str()).is_none_or(|there| there.is_none_or(|t| *version > t));
            let customer_in_file = in_file.contains_key(customer.as_str());
            if newer && customer_in_file && !erased.contains(customer.as_str()) && local.version(layout.customers, customer).is_some() {
                kept_consents.insert(id);
                kept_customers.insert(customer);
            }
        }
    }

    // Which owner records (photos) the import writes, so their Blob rows follow.
    let mut written: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (name, records) in &backup.stores {
        let Some(spec) = layout.spec(name) else { continue };
        let owned = layout.owned.contains(&name.as_str());
        let counts = plan.report.by_store.entry(name.clone()).or_default();
        for (i, record) in records.iter().enumerate() {
            let Some(key) = key_of(record, spec.key) else { continue };
            let h = here(name, key);
            let decision = match spec.kind {
                StoreKind::Settings if key == "app" && local.app.is_some() => {
                    let incoming = record.get("value").cloned().unwrap_or(Value::Null);
                    match app_settings(local.app.as_ref().expect("checked"), &incoming, mode) {
                        Some(value) => {
                            plan.app = Some(value);
                            if replace { Decision::Add } else { Decision::Update }
                        }
                        None => Decision::Skip(SkipReason::TabletSettingKept),
                    }
                }
                StoreKind::Settings if !replace && local.records.get(name.as_str()).is_some_and(|m| m.contains_key(key)) => Decision::Skip(SkipReason::TabletSettingKept),
                StoreKind::Settings => Decision::Add,
                StoreKind::Tombstones => {
                    let (kind, d) = tombstone_decision(record, key, &here, local);
                    if d == Decision::Remove {
                        plan.deletes.push((kind.to_string(), key.to_string()));
                    }
                    d
                }
                StoreKind::Records if deleted_in_file.contains(key) => Decision::Skip(SkipReason::DeletedInFile),
                StoreKind::Records if owned && key_of(record, "customer_id").is_some_and(|c| erased.contains(c)) => Decision::Skip(SkipReason::CustomerErased),
                StoreKind::Records if kept_consents.contains(key) || kept_customers.contains(key) => Decision::Skip(SkipReason::WithdrawnHere),
                StoreKind::Records => decide_record(h, version_of(record)),
                StoreKind::Blobs { .. } => continue,
            };
            match decision {
                Decision::Add | Decision::Update | Decision::Remove => plan.puts.push((name.clone(), i)),
                Decision::Revive => {
                    plan.puts.push((name.clone(), i));
                    plan.undelete.push(key.to_string());
                }
                Decision::Unchanged | Decision::Skip(_) => {}
            }
            if matches!(decision, Decision::Add | Decision::Revive | Decision::Update) {
                written.entry(name.as_str()).or_default().insert(key);
            }
            // A tombstone that removes a record is itself added: count the removal.
            counts.count(decision);
        }
    }
    if replace {
        let mut keep: Vec<(String, String)> = kept_consents.iter().map(|k| (layout.consents.to_string(), k.to_string())).collect();
        keep.extend(kept_customers.iter().map(|k| (layout.customers.to_string(), k.to_string())));
        keep.sort();
        plan.keep = keep;
    } else {
        // A customer's deletion taken from the file takes their records here along.
        let already: HashSet<(String, String)> = plan.deletes.iter().cloned().collect();
        for customer in erased_by_file {
            for (store, key) in local.owned_by.get(customer).into_iter().flatten() {
                let pair = (store.clone(), key.clone());
                if local.tombstones.contains_key(key) || deleted_in_file.contains(key.as_str()) || already.contains(&pair) {
                    continue;
                }
                plan.report.by_store.entry(store.clone()).or_default().removed += 1;
                plan.deletes.push(pair.clone());
                plan.tombstone.push(pair);
            }
        }
    }
    if let Some(StoreSpec { kind: StoreKind::Blobs { owner }, .. }) = layout.blob_spec() {
        let owners = written.get(owner);
        for (i, row) in backup.blobs.iter().enumerate() {
            if owners.is_some_and(|o| o.contains(row.key.as_str())) {
                plan.blob_puts.push(i);
            }
        }
    }
    plan
}

// ---------------------------------------------------------------------------------
// Around the file: its name, the passphrase, the reminder

/// The download's name: the day only, nothing about anyone.
pub fn file_name(day: chrono::NaiveDate) -> String {
    format!("follicle-backup-{}.follicle", day.format("%Y-%m-%d"))
}

pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A new backup passphrase, typed twice: at least 8 characters. Kept as typed
/// (spaces count), since it must be typed the same way on another tablet.
pub fn check_new_passphrase(passphrase: &str, again: &str) -> Result<String, Msg> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Msg::new(T::PassphraseTooShort).arg(MIN_PASSPHRASE_CHARS));
    }
    if passphrase != again {
        return Err(Msg::new(T::PassphrasesDiffer));
    }
    Ok(passphrase.to_string())
}

const DAY_MS: Millis = 86_400_000;

/// How long ago the last backup was, and whether the staff should be reminded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupAge {
    Never,
    /// Whole days since the last backup; `overdue` past the reminder setting.
    Days { days: i64, overdue: bool },
}

pub fn backup_age(last: Option<Millis>, now: Millis, reminder_days: u32) -> BackupAge {
    match last {
        None => BackupAge::Never,
        Some(at) => {
            let elapsed = (now - at).max(0);
            BackupAge::Days { days: elapsed / DAY_MS, overdue: elapsed > i64::from(reminder_days.max(1)) * DAY_MS }
        }
    }
}

#[cfg(test)]
mod tests;
