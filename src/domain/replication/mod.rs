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

/// Sorts a short list in place (insertion sort). Revision lists and trees are a handful
/// of items; the standard library's sorts would add kilobytes of wasm per item type
/// (measured: 20 KB before wasm-opt for this module's few types).
pub(crate) fn sort_small<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_small_sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        super::sort_small(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, vec![(0, 'e'), (1, 'b'), (1, 'd'), (2, 'c'), (3, 'a')]);
        let mut empty: Vec<u8> = vec![];
        super::sort_small(&mut empty, |a, b| a < b);
        assert!(empty.is_empty());
    }
}
