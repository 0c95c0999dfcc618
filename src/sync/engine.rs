//! One sync with the store's CouchDB: pull what the server has that this tablet lacks,
//! then push what this tablet has that the server lacks (CouchDB's replication
//! protocol both ways), each direction resuming from its checkpoint. Every batch that
//! arrives is written in one transaction with the derived rows; a batch counts as sent
//! only when the server accepted it, and only then does the checkpoint move.

use std::collections::HashMap;

use super::http::{CouchPeer, Credentials, PeerError};
use super::push::{send_docs, SendError};
use crate::domain::replication::batch::Limits;
use crate::domain::replication::checkpoint::{replication_id, start_seq, Direction};
use crate::domain::replication::doc::{self, IncomingDoc};
use crate::domain::replication::wire::{self, BulkGetRef, Fetched, RevsDiffRequest};
use crate::domain::replication::{Checkpoint, ErrorKind, Rev, Seq};
use crate::domain::settings::SyncSettings;
use crate::domain::{new_id, Stamp};
use crate::storage::journal::DocEntry;
use crate::storage::replica::{Applied, Received};
use crate::storage::{Db, StorageError};

/// Changes read from the server per request, and revisions fetched per `_bulk_get`.
const PULL_PAGE: u32 = 200;
const FETCH_PAGE: usize = 100;
/// Received revisions written per transaction (photos: pictures held meanwhile).
const APPLY_DOCS: usize = 100;
const APPLY_PHOTOS: usize = 8;
/// Local changes sent per round.
const PUSH_PAGE: u32 = 200;

/// Why a sync stopped. Nothing received was half-written and nothing counts as sent
/// that the server did not accept: the next sync resumes from the checkpoints.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncFailure {
    /// The address or database name is not usable.
    Address(crate::domain::replication::address::AddressError),
    Peer(PeerError),
    Storage(StorageError),
}

impl From<PeerError> for SyncFailure {
    fn from(e: PeerError) -> Self {
        SyncFailure::Peer(e)
    }
}

impl From<StorageError> for SyncFailure {
    fn from(e: StorageError) -> Self {
        SyncFailure::Storage(e)
    }
}

impl From<SendError> for SyncFailure {
    fn from(e: SendError) -> Self {
        SyncFailure::Peer(e.error)
    }
}

/// What one sync did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncReport {
    /// Revisions received and new here.
    pub pulled: usize,
    /// Revisions the server took from this tablet.
    pub pushed: usize,
    /// Documents the server refused one by one (with CouchDB's reason).
    pub refused: Vec<String>,
    /// Requests the server refused as too large (413), each sent again in halves.
    pub halvings: u32,
}

/// How far the sync is, for a progress bar (the first pull of a store is long).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub pulled: usize,
    /// Documents in the server's database (CouchDB's `doc_count`), if it says.
    pub total: Option<u64>,
    pub pushed: usize,
}

/// The peer for this tablet's sync settings.
pub fn peer_of(config: &SyncSettings) -> Result<CouchPeer, SyncFailure> {
    let credentials = (!config.username.is_empty()).then(|| Credentials { user: config.username.clone(), password: config.password.clone() });
    CouchPeer::new(&config.server, &config.database, credentials.as_ref()).map_err(SyncFailure::Address)
}

/// Pulls then pushes. `on_applied` hears about each batch written here (for what the
/// app keeps in memory), `on_progress` about how far it is.
pub async fn sync_once(
    db: &Db,
    peer: &CouchPeer,
    device_id: &str,
    stamp: &dyn Fn() -> Stamp,
    on_applied: &dyn Fn(&Applied),
    on_progress: &dyn Fn(Progress),
) -> Result<SyncReport, SyncFailure> {
    let info = peer.db_info().await?;
    let mut report = SyncReport::default();
    let mut progress = Progress { total: info.doc_count, ..Progress::default() };
    pull(db, peer, device_id, stamp, on_applied, &mut |n| {
        progress.pulled += n;
        report.pulled += n;
        on_progress(progress);
    })
    .await?;
    push(db, peer, device_id, &mut report, &mut |n| {
        progress.pushed += n;
        on_progress(progress);
    })
    .await?;
    Ok(report)
}

/// Reads a checkpoint pair and where to start.
async fn start(db: &Db, peer: &CouchPeer, id: &str) -> Result<(Seq, Option<Checkpoint>, Option<String>), SyncFailure> {
    let local = db.local_checkpoint(id).await?;
    let (remote_rev, remote) = peer.get_checkpoint(id).await?;
    Ok((start_seq(remote.as_ref(), local.as_ref()), local, remote_rev))
}

/// Writes the checkpoint on the server, then here.
async fn checkpoint(db: &Db, peer: &CouchPeer, id: &str, prev: &mut Option<Checkpoint>, remote_rev: &mut Option<String>, session: &str, seq: Seq) -> Result<(), SyncFailure> {
    let next = Checkpoint::next(prev.as_ref(), session.to_string(), seq);
    let rev = match peer.put_checkpoint(id, remote_rev.as_deref(), &next).await {
        Ok(rev) => rev,
        // Written meanwhile (another run): read its revision and write again.
        Err(e) if e.kind == ErrorKind::Conflict => {
            let (rev, _) = peer.get_checkpoint(id).await?;
            peer.put_checkpoint(id, rev.as_deref(), &next).await?
        }
        Err(e) => return Err(e.into()),
    };
    db.save_local_checkpoint(id, &next).await?;
    *remote_rev = Some(rev);
    *prev = Some(next);
    Ok(())
}

async fn pull(
    db: &Db,
    peer: &CouchPeer,
    device_id: &str,
    stamp: &dyn Fn() -> Stamp,
    on_applied: &dyn Fn(&Applied),
    pulled: &mut dyn FnMut(usize),
) -> Result<(), SyncFailure> {
    let id = replication_id(Direction::Pull, device_id, peer.server(), peer.db_url());
    let (mut since, mut prev, mut remote_rev) = start(db, peer, &id).await?;
    let session = new_id();
    loop {
        let changes = peer.changes(&since, PULL_PAGE).await?;
        if changes.results.is_empty() {
            break;
        }
        let request: RevsDiffRequest =
            changes.results.iter().filter(|c| doc::parse_doc_id(&c.id).is_some()).map(|c| (c.id.clone(), c.revs.clone())).collect();
        let ids: Vec<String> = request.iter().map(|(id, _)| id.clone()).collect();
        let trees = db.trees_of(&ids).await?;
        let missing = wire::revs_diff(&request, |id| trees.get(id));
        let wanted: Vec<BulkGetRef> =
            missing.iter().flat_map(|(id, entry)| entry.missing.iter().map(move |rev| BulkGetRef { id: id.clone(), rev: rev.clone() })).collect();
        for page in wanted.chunks(FETCH_PAGE) {
            let fetched = peer.bulk_get(page).await?;
            let docs: Vec<IncomingDoc> = fetched
                .into_iter()
                .filter_map(|f| match f {
                    Fetched::Doc(v) => IncomingDoc::from_json(v).ok(),
                    _ => None,
                })
                .collect();
            apply(db, peer, docs, stamp, on_applied, pulled).await?;
        }
        since = changes.last_seq.clone();
        checkpoint(db, peer, &id, &mut prev, &mut remote_rev, &session, since.clone()).await?;
        if changes.results.len() < PULL_PAGE as usize && changes.pending.unwrap_or(0) == 0 {
            break;
        }
    }
    Ok(())
}

/// Fetches the pictures of live photos and writes the revisions, a few at a time.
async fn apply(
    db: &Db,
    peer: &CouchPeer,
    docs: Vec<IncomingDoc>,
    stamp: &dyn Fn() -> Stamp,
    on_applied: &dyn Fn(&Applied),
    pulled: &mut dyn FnMut(usize),
) -> Result<(), SyncFailure> {
    let mut batch: Vec<Received> = vec![];
    let mut photos = 0;
    for doc in docs {
        let is_photo = doc::parse_doc_id(&doc.id).is_some_and(|(k, _)| !k.attachments.is_empty());
        let mut blobs = vec![];
        if is_photo && !doc.deleted {
            for stub in &doc.attachments {
                blobs.push((stub.name.clone(), peer.get_attachment(&doc.id, &stub.name, &doc.rev).await?));
            }
            photos += 1;
        }
        batch.push(Received { doc, blobs });
        if batch.len() >= APPLY_DOCS || photos >= APPLY_PHOTOS {
            let n = batch.len();
            on_applied(&db.apply_received(std::mem::take(&mut batch), &stamp()).await?);
            pulled(n);
            photos = 0;
        }
    }
    if !batch.is_empty() {
        let n = batch.len();
        on_applied(&db.apply_received(batch, &stamp()).await?);
        pulled(n);
    }
    Ok(())
}

async fn push(db: &Db, peer: &CouchPeer, device_id: &str, report: &mut SyncReport, pushed: &mut dyn FnMut(usize)) -> Result<(), SyncFailure> {
    let id = replication_id(Direction::Push, device_id, peer.server(), peer.db_url());
    let (since, mut prev, mut remote_rev) = start(db, peer, &id).await?;
    let mut since = since.as_local().unwrap_or(0) as i64;
    let session = new_id();
    let mut limits = Limits::default();
    loop {
        let entries: Vec<DocEntry> = db.changes_since(since, PUSH_PAGE).await?;
        let Some(last) = entries.last().map(|e| e.seq) else { break };
        let request: RevsDiffRequest = entries.iter().map(|e| (e.id.clone(), e.tree.leaves().into_iter().map(|l| l.rev).collect())).collect();
        let missing: HashMap<String, Vec<Rev>> = peer.revs_diff(&request).await?.into_iter().map(|(id, e)| (id, e.missing)).collect();
        let needed: Vec<DocEntry> = entries.into_iter().filter(|e| missing.contains_key(&e.id)).collect();
        let outgoing = db.outgoing(&needed).await?;
        let mut small: Vec<String> = vec![];
        for (doc, blobs) in &outgoing {
            if !missing.get(&doc.id).is_some_and(|revs| revs.contains(&doc.rev)) {
                continue;
            }
            if doc.attachments.is_empty() {
                small.push(doc.to_json().map_err(|e| SyncFailure::Peer(protocol(e.to_string())))?);
            } else {
                peer.put_with_attachments(doc, blobs).await?;
                pushed(1);
                report.pushed += 1;
            }
        }
        if !small.is_empty() {
            let sent = send_docs(peer, &small, limits).await?;
            limits = sent.limits;
            report.halvings += sent.halvings;
            report.refused.extend(sent.refused.iter().map(|r| format!("{} {}: {}", r.id, r.error, r.reason)));
            pushed(small.len());
            report.pushed += small.len();
        }
        since = last;
        checkpoint(db, peer, &id, &mut prev, &mut remote_rev, &session, Seq::local(last as u64)).await?;
    }
    Ok(())
}

fn protocol(reason: String) -> PeerError {
    PeerError { kind: ErrorKind::Protocol, status: None, error: String::new(), reason }
}
