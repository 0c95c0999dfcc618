//! Replication with a CouchDB 3 database (its "Replication Protocol"), the pure part:
//! no browser API, no clock, no randomness (callers pass session ids and jitter).
//!
//! The tablet is a replication peer, like PouchDB: its records are CouchDB documents
//! ([`doc`]) whose revisions ([`rev`]) form a tree per document ([`tree`]) with
//! CouchDB's winner and conflicts. Push sends the local changes since the push
//! checkpoint: `_revs_diff` says which revisions the server lacks, `_bulk_docs` with
//! `new_edits: false` stores them under our revision ids, in requests cut by bytes
//! ([`batch`]). Pull reads `_changes?style=all_docs` since the pull checkpoint, works
//! out locally which revisions are missing ([`wire::revs_diff`]), fetches them with
//! `_bulk_get` and merges them into the local trees. Checkpoints ([`checkpoint`]) are
//! written on both sides after each accepted batch. Failures map to what to do next
//! ([`retry`]); the server's address is checked before use ([`address`]).

pub mod address;
pub mod batch;
pub mod checkpoint;
pub mod doc;
pub mod retry;
pub mod rev;
pub mod tree;
pub mod wire;

pub use checkpoint::{Checkpoint, Direction, Seq};
pub use doc::{IncomingDoc, OutgoingDoc};
pub use retry::{Action, Backoff, ErrorKind};
pub use rev::Rev;
pub use tree::{RevTree, Revisions, RevsDiffEntry, REVS_LIMIT};
