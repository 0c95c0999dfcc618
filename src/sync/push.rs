//! Sending documents to the server: small ones in `_bulk_docs` requests cut by bytes
//! (a 413 halves the request and sends the same documents again), those with
//! attachments one by one as multipart PUTs. A document counts as sent only when the
//! server accepted the request that carried it.

use crate::domain::replication::batch::{Batcher, Limits, Outcome};
use crate::domain::replication::wire::DocRefused;
use crate::domain::replication::ErrorKind;

use super::http::{CouchPeer, PeerError};

/// What one [`send_docs`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SendReport {
    /// `_bulk_docs` requests made (refused ones included).
    pub requests: u32,
    /// 413 answers met (each halved the next request).
    pub halvings: u32,
    /// Documents the server refused one by one (validation, permissions): they never
    /// will be stored as they are; the caller shows them.
    pub refused: Vec<DocRefused>,
    /// Indexes of documents refused as too large even alone.
    pub too_large: Vec<usize>,
    /// The limits in force at the end (lowered by 413s), for the next run.
    pub limits: Limits,
}

/// A failure that stopped the sending: the error, and how many documents (a prefix of
/// those given, in order) were accepted before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendError {
    pub error: PeerError,
    pub done: usize,
}

/// Sends serialised documents (`OutgoingDoc::to_json`, without attachments) in
/// order through `_bulk_docs` with `new_edits: false`.
pub async fn send_docs<S: AsRef<str>>(peer: &CouchPeer, docs: &[S], limits: Limits) -> Result<SendReport, SendError> {
    let mut batcher = Batcher::new(docs.iter().map(|d| d.as_ref().len()).collect(), limits);
    let mut report = SendReport::default();
    while let Some(range) = batcher.current() {
        report.requests += 1;
        match peer.bulk_docs(&docs[range]).await {
            Ok(refused) => {
                report.refused.extend(refused);
                batcher.record(Outcome::Accepted);
            }
            Err(e) if e.kind == ErrorKind::TooLarge => batcher.record(Outcome::TooLarge),
            Err(error) => return Err(SendError { error, done: batcher.done() }),
        }
    }
    report.halvings = batcher.halvings;
    report.too_large = batcher.too_large().to_vec();
    report.limits = batcher.limits();
    Ok(report)
}
