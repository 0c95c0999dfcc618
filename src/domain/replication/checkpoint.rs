//! Where a replication stopped, kept on both sides so that the next one resumes there.
//!
//! One replication is one direction between this tablet and one server database
//! (push: tablet → server, pull: server → tablet), named by a [`replication_id`]. Its
//! checkpoint is a `_local/<id>` document written to the server and the same record
//! written on the tablet, after every batch the target accepted. Each write has a new
//! session id. On start both are read and compared ([`start_seq`], CouchDB's "compare
//! replication logs"): the same session id on both sides means both writes of the last
//! checkpoint landed, so its sequence is safe; otherwise the newest session both
//! histories know gives a sequence that both sides reached; with none in common (a
//! server database recreated, a tablet reset, a first sync) the replication starts over
//! from the beginning, which is always safe: what the target already has is skipped by
//! `_revs_diff`.
//!
//! Sequences are the source's: a number for the tablet's own changes feed, an opaque
//! JSON value (a string in CouchDB 2+, a number in pouchdb-server) for the server's.
//! [`Seq`] keeps them as they came and only ever sends them back.

use super::rev::hex;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// A position in a changes feed, opaque: compared for equality only, sent back as is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seq(pub Value);

impl Default for Seq {
    fn default() -> Self {
        Self::zero()
    }
}

impl Seq {
    /// The beginning of every feed.
    pub fn zero() -> Self {
        Seq(Value::from(0))
    }

    /// A position in this tablet's own changes feed.
    pub fn local(n: u64) -> Self {
        Seq(Value::from(n))
    }

    /// This tablet's own position back, if it is one.
    pub fn as_local(&self) -> Option<u64> {
        self.0.as_u64()
    }

    pub fn is_zero(&self) -> bool {
        self.0.as_u64() == Some(0) || self.0.as_str() == Some("0") || self.0.is_null()
    }

    /// The value of a `since=` parameter (not yet percent-encoded): a number's digits,
    /// a string as it is, anything else as its JSON.
    pub fn to_param(&self) -> String {
        match &self.0 {
            Value::String(s) => s.clone(),
            Value::Null => "0".into(),
            other => other.to_string(),
        }
    }
}

/// Which way a replication goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// This tablet's changes to the server.
    Push,
    /// The server's changes to this tablet.
    Pull,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Push => "push",
            Direction::Pull => "pull",
        }
    }
}

/// The id of one replication (its checkpoint is `_local/<id>` on the server):
/// hex of the first 16 bytes of
/// `SHA-256("follicle-replication-1" LF direction LF device id LF server base URL LF database)`.
/// The device id keeps each tablet's checkpoints apart; credentials are not in it, so a
/// new password keeps the checkpoint; another server or database starts over.
pub fn replication_id(direction: Direction, device_id: &str, server: &str, database: &str) -> String {
    let text = format!("follicle-replication-1\n{}\n{device_id}\n{server}\n{database}", direction.as_str());
    hex(&Sha256::digest(text.as_bytes())[..16])
}

/// The checkpoint document's id on the server.
pub fn checkpoint_doc_id(replication_id: &str) -> String {
    format!("_local/{replication_id}")
}

/// How many past sessions a checkpoint remembers (CouchDB keeps 50, PouchDB 5).
pub const HISTORY_LEN: usize = 20;

/// One past checkpoint write.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub session_id: String,
    pub recorded_seq: Seq,
}

/// The checkpoint record, the same on both sides: the body of the `_local` document,
/// in CouchDB's field names ([`Checkpoint::to_value`]; other fields a server adds are
/// ignored when read).
#[derive(Clone, Debug, PartialEq)]
pub struct Checkpoint {
    pub session_id: String,
    pub source_last_seq: Seq,
    pub history: Vec<HistoryEntry>,
    pub replication_id_version: u32,
}

const VERSION: u32 = 1;

impl Checkpoint {
    /// The checkpoint after `prev` that records `seq`, written under a new `session_id`
    /// (the caller's fresh random id) on both sides.
    pub fn next(prev: Option<&Checkpoint>, session_id: String, seq: Seq) -> Checkpoint {
        let mut history = vec![HistoryEntry { session_id: session_id.clone(), recorded_seq: seq.clone() }];
        if let Some(p) = prev {
            history.extend(p.history.iter().cloned());
        }
        history.truncate(HISTORY_LEN);
        Checkpoint { session_id, source_last_seq: seq, history, replication_id_version: VERSION }
    }
}

impl Checkpoint {
    /// `{"session_id", "source_last_seq", "history": [{"session_id", "recorded_seq"}],
    /// "replication_id_version"}`.
    pub fn to_value(&self) -> Value {
        let entry = |session_id: &str, key: &str, seq: &Seq| {
            let mut m = Map::new();
            m.insert("session_id".into(), Value::from(session_id));
            m.insert(key.into(), seq.0.clone());
            m
        };
        let mut m = entry(&self.session_id, "source_last_seq", &self.source_last_seq);
        let history = self.history.iter().map(|h| Value::Object(entry(&h.session_id, "recorded_seq", &h.recorded_seq)));
        m.insert("history".into(), Value::Array(history.collect()));
        m.insert("replication_id_version".into(), Value::from(self.replication_id_version));
        Value::Object(m)
    }

    /// Reads a checkpoint document (ours or CouchDB's); `None` for anything else.
    pub fn from_value(v: &Value) -> Option<Checkpoint> {
        let seq = |v: &Value, key: &str| v.get(key).filter(|s| !s.is_null()).cloned().map(Seq);
        let session = |v: &Value| v.get("session_id").and_then(Value::as_str).map(str::to_string);
        let mut history = vec![];
        if let Some(h) = v.get("history") {
            for e in h.as_array()? {
                history.push(HistoryEntry { session_id: session(e)?, recorded_seq: seq(e, "recorded_seq")? });
            }
        }
        Some(Checkpoint {
            session_id: session(v)?,
            source_last_seq: seq(v, "source_last_seq")?,
            history,
            replication_id_version: v.get("replication_id_version").and_then(Value::as_u64).map_or(VERSION, |n| n as u32),
        })
    }
}

/// Where a replication starts, from the checkpoint found on the source and on the
/// target (either may be missing). See the module comment.
pub fn start_seq(source: Option<&Checkpoint>, target: Option<&Checkpoint>) -> Seq {
    let (Some(s), Some(t)) = (source, target) else {
        return Seq::zero();
    };
    if s.session_id == t.session_id {
        return s.source_last_seq.clone();
    }
    // Walk both histories newest first, as CouchDB does: the first session of either
    // that the other also recorded.
    let knows = |h: &[HistoryEntry], id: &str| h.iter().any(|e| e.session_id == id);
    let (mut sh, mut th) = (&s.history[..], &t.history[..]);
    while let (Some(se), Some(te)) = (sh.first(), th.first()) {
        if knows(th, &se.session_id) {
            return se.recorded_seq.clone();
        }
        if knows(&sh[1..], &te.session_id) {
            return te.recorded_seq.clone();
        }
        sh = &sh[1..];
        th = &th[1..];
    }
    Seq::zero()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cp(session: &str, seq: Value, history: &[(&str, Value)]) -> Checkpoint {
        Checkpoint {
            session_id: session.into(),
            source_last_seq: Seq(seq),
            history: history.iter().map(|(s, q)| HistoryEntry { session_id: s.to_string(), recorded_seq: Seq(q.clone()) }).collect(),
            replication_id_version: 1,
        }
    }

    #[test]
    fn sequences_stay_opaque() {
        let couch: Seq = serde_json::from_str(r#""12-g1AAAABXeJzLYWBgYMpgTmHgz8tPSTV0MDQy""#).unwrap();
        assert_eq!(couch.to_param(), "12-g1AAAABXeJzLYWBgYMpgTmHgz8tPSTV0MDQy");
        assert_eq!(serde_json::to_string(&couch).unwrap(), r#""12-g1AAAABXeJzLYWBgYMpgTmHgz8tPSTV0MDQy""#);
        let pouch: Seq = serde_json::from_str("42").unwrap();
        assert_eq!(pouch.to_param(), "42");
        assert_eq!(Seq::local(7).as_local(), Some(7));
        assert_eq!(couch.as_local(), None);
        assert!(Seq::zero().is_zero() && Seq(json!("0")).is_zero() && !pouch.is_zero());
        // CouchDB 1.x-style array sequences pass through as JSON.
        assert_eq!(Seq(json!([3, "x"])).to_param(), r#"[3,"x"]"#);
    }

    #[test]
    fn replication_ids_separate_direction_tablet_server_and_database() {
        let base = replication_id(Direction::Pull, "tab#1", "https://couch.example", "store_a");
        assert_eq!(base.len(), 32);
        assert_eq!(base, replication_id(Direction::Pull, "tab#1", "https://couch.example", "store_a"));
        for other in [
            replication_id(Direction::Push, "tab#1", "https://couch.example", "store_a"),
            replication_id(Direction::Pull, "tab#2", "https://couch.example", "store_a"),
            replication_id(Direction::Pull, "tab#1", "https://couch2.example", "store_a"),
            replication_id(Direction::Pull, "tab#1", "https://couch.example", "store_b"),
        ] {
            assert_ne!(base, other);
        }
        assert_eq!(checkpoint_doc_id("ab"), "_local/ab");
    }

    #[test]
    fn next_checkpoint_records_the_session_first_and_caps_history() {
        let mut c = Checkpoint::next(None, "s0".into(), Seq::local(1));
        assert_eq!(c.history, vec![HistoryEntry { session_id: "s0".into(), recorded_seq: Seq::local(1) }]);
        for i in 1..30 {
            c = Checkpoint::next(Some(&c), format!("s{i}"), Seq::local(i + 1));
        }
        assert_eq!(c.session_id, "s29");
        assert_eq!(c.source_last_seq, Seq::local(30));
        assert_eq!(c.history.len(), HISTORY_LEN);
        assert_eq!(c.history[0].session_id, "s29");
        assert_eq!(c.history[HISTORY_LEN - 1].session_id, "s10");
    }

    #[test]
    fn both_sides_agreeing_resume_from_the_last_sequence() {
        let s = cp("b", json!("9-x"), &[("b", json!("9-x")), ("a", json!("4-x"))]);
        let t = s.clone();
        assert_eq!(start_seq(Some(&s), Some(&t)), Seq(json!("9-x")));
    }

    #[test]
    fn a_checkpoint_written_on_one_side_only_falls_back_to_the_last_shared_one() {
        // The target took session c, the source did not (the tab closed in between).
        let s = cp("b", json!(9), &[("b", json!(9)), ("a", json!(4))]);
        let t = cp("c", json!(12), &[("c", json!(12)), ("b", json!(9)), ("a", json!(4))]);
        assert_eq!(start_seq(Some(&s), Some(&t)), Seq(json!(9)));
        // And the other way round.
        assert_eq!(start_seq(Some(&t), Some(&s)), Seq(json!(9)));
    }

    #[test]
    fn nothing_in_common_or_a_missing_side_starts_over() {
        let s = cp("b", json!(9), &[("b", json!(9))]);
        // The server database was deleted and made again: its checkpoint is gone.
        assert_eq!(start_seq(Some(&s), None), Seq::zero());
        assert_eq!(start_seq(None, Some(&s)), Seq::zero());
        assert_eq!(start_seq(None, None), Seq::zero());
        // A checkpoint of some other history (a restored server backup).
        let t = cp("z", json!(40), &[("z", json!(40)), ("y", json!(20))]);
        assert_eq!(start_seq(Some(&s), Some(&t)), Seq::zero());
    }

    #[test]
    fn reads_a_couchdb_checkpoint_document() {
        let doc = json!({
            "_id": "_local/abc", "_rev": "0-3", "session_id": "s2", "source_last_seq": "7-g1",
            "replication_id_version": 3,
            "history": [{"session_id": "s2", "recorded_seq": "7-g1", "start_time": "x", "docs_written": 4}]
        });
        let c = Checkpoint::from_value(&doc).unwrap();
        assert_eq!(c.source_last_seq, Seq(json!("7-g1")));
        assert_eq!(c.history.len(), 1);
        assert_eq!(c.replication_id_version, 3);
        // Ours round-trips; anything else is no checkpoint.
        let mine = Checkpoint::next(Some(&c), "s3".into(), Seq::local(9));
        assert_eq!(Checkpoint::from_value(&mine.to_value()), Some(mine));
        for other in [json!({}), json!({"session_id": "s"}), json!({"session_id": 1, "source_last_seq": 2}),
                      json!({"session_id": "s", "source_last_seq": 2, "history": [{"session_id": "x"}]}), json!([])] {
            assert_eq!(Checkpoint::from_value(&other), None, "{other}");
        }
    }
}
