//! The revision tree of one document, as CouchDB keeps it.
//!
//! Every revision a document had (as far as this tablet knows) with its parent. A
//! revision arrives with its ancestry — `_revisions {start, ids}`, newest first — and
//! is merged in: shared ancestors are one node, so two tablets that edited the same
//! revision make two branches. The leaves are the revisions nobody built upon; one of
//! them wins by CouchDB's rule (live before deleted, then the longest history, then the
//! greater revision hash as a string) and the other live leaves are the document's
//! conflicts. Merging is order-free: any order of inserting the same revisions gives
//! the same tree, winner and conflicts (property-tested below), so every tablet and
//! the server agree on what a document is without talking to each other.
//!
//! A tree keeps at most `revs_limit` revisions back from each leaf ([`RevTree::stem`],
//! 1000 as CouchDB); the part beyond is forgotten and its oldest kept revision becomes
//! a root.

use super::rev::Rev;
use super::sort_small;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// CouchDB's default `_revs_limit`.
pub const REVS_LIMIT: usize = 1000;

/// A revision's ancestry as CouchDB sends it: `ids[0]` is the revision at position
/// `start`, `ids[1]` its parent at `start - 1`, and so on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revisions {
    pub start: u64,
    pub ids: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeError {
    /// No ids, an empty id, or more ids than positions (`start` < number of ids).
    BadRevisions,
    /// `_revisions` does not start with the document's `_rev`.
    RevMismatch,
}

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TreeError::BadRevisions => "malformed _revisions",
            TreeError::RevMismatch => "_revisions does not start with _rev",
        })
    }
}

impl Revisions {
    /// A revision with no known ancestry.
    pub fn single(rev: &Rev) -> Self {
        Self { start: rev.pos, ids: vec![rev.hash.clone()] }
    }

    /// The newest revision of the path.
    pub fn head(&self) -> Option<Rev> {
        self.ids.first().map(|h| Rev::new(self.start, h.clone()))
    }

    /// The revisions, newest first.
    pub fn revs(&self) -> impl Iterator<Item = Rev> + '_ {
        self.ids.iter().enumerate().map(move |(i, h)| Rev::new(self.start - i as u64, h.clone()))
    }

    pub fn check(&self) -> Result<(), TreeError> {
        if self.ids.is_empty() || (self.ids.len() as u64) > self.start || self.ids.iter().any(|h| h.is_empty()) {
            return Err(TreeError::BadRevisions);
        }
        Ok(())
    }

    /// Checks the path and that it starts at `rev`.
    pub fn check_for(&self, rev: &Rev) -> Result<(), TreeError> {
        self.check()?;
        if self.head().as_ref() != Some(rev) {
            return Err(TreeError::RevMismatch);
        }
        Ok(())
    }

    /// `{"start": …, "ids": […]}`.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("start".into(), Value::from(self.start));
        m.insert("ids".into(), Value::from(self.ids.clone()));
        Value::Object(m)
    }

    /// Reads `{"start": …, "ids": […]}` (checked with [`Revisions::check`]).
    pub fn from_value(v: &Value) -> Result<Revisions, TreeError> {
        let start = v.get("start").and_then(Value::as_u64).ok_or(TreeError::BadRevisions)?;
        let list = v.get("ids").and_then(Value::as_array).ok_or(TreeError::BadRevisions)?;
        let mut ids = Vec::with_capacity(list.len());
        for i in list {
            ids.push(i.as_str().ok_or(TreeError::BadRevisions)?.to_string());
        }
        let r = Revisions { start, ids };
        r.check()?;
        Ok(r)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Node {
    /// `None` for a root: the document's first revision, or the oldest one kept.
    parent: Option<Rev>,
    /// Whether this revision is a deletion (meaningful for leaves).
    deleted: bool,
}

/// A leaf: a revision with no child, and whether it is a deletion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub rev: Rev,
    pub deleted: bool,
}

impl Leaf {
    /// CouchDB's winner order: the greatest wins.
    fn rank(&self) -> (bool, &Rev) {
        (!self.deleted, &self.rev)
    }
}

/// Which of a set of revisions a peer lacks, and the revisions it has that may be
/// their ancestors (so the sender can leave out attachments the peer holds). The
/// shape of one entry of CouchDB's `_revs_diff` response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RevsDiffEntry {
    pub missing: Vec<Rev>,
    pub possible_ancestors: Vec<Rev>,
}

/// One document's revision tree.
#[derive(Clone, Debug, Default)]
pub struct RevTree {
    /// Sorted by revision. A document has a handful of revisions (at most
    /// [`REVS_LIMIT`] per branch), so a sorted list beats a map in code size.
    nodes: Vec<(Rev, Node)>,
}

impl RevTree {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// How many revisions the tree holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    fn find(&self, rev: &Rev) -> Result<usize, usize> {
        self.nodes.binary_search_by(|(r, _)| r.cmp(rev))
    }

    pub fn contains(&self, rev: &Rev) -> bool {
        self.find(rev).is_ok()
    }

    /// Merges a revision (the head of `path`, a deletion or not) with its ancestry.
    /// Returns whether the head was new to the tree. Known revisions are merged too:
    /// a longer ancestry than the tree had joins a stemmed root to its parents.
    pub fn insert(&mut self, path: &Revisions, deleted: bool) -> Result<bool, TreeError> {
        path.check()?;
        let revs: Vec<Rev> = path.revs().collect();
        let new = !self.contains(&revs[0]);
        for (i, rev) in revs.iter().enumerate() {
            let parent = revs.get(i + 1).cloned();
            let at = match self.find(rev) {
                Ok(at) => at,
                Err(at) => {
                    self.nodes.insert(at, (rev.clone(), Node { parent: None, deleted: false }));
                    at
                }
            };
            let node = &mut self.nodes[at].1;
            // Keep the parent any path gave; two different ones cannot come from one
            // content-addressed history, but if they do the greater is kept, so the
            // result still does not depend on the order.
            node.parent = match (node.parent.take(), parent) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            if i == 0 {
                node.deleted |= deleted;
            }
        }
        Ok(new)
    }

    /// Which nodes some other node names as its parent.
    fn has_child(&self) -> Vec<bool> {
        let mut has = vec![false; self.nodes.len()];
        for (_, n) in &self.nodes {
            if let Some(Ok(i)) = n.parent.as_ref().map(|p| self.find(p)) {
                has[i] = true;
            }
        }
        has
    }

    /// The leaves, the winner first, then the losers in winner order.
    pub fn leaves(&self) -> Vec<Leaf> {
        let has_child = self.has_child();
        let mut leaves: Vec<Leaf> = self
            .nodes
            .iter()
            .zip(has_child)
            .filter(|(_, has)| !has)
            .map(|((rev, n), _)| Leaf { rev: rev.clone(), deleted: n.deleted })
            .collect();
        sort_small(&mut leaves, |a, b| a.rank() > b.rank());
        leaves
    }

    /// The winning revision: live before deleted, then the highest position, then the
    /// greatest hash. `None` for an empty tree.
    pub fn winner(&self) -> Option<Leaf> {
        self.leaves().into_iter().next()
    }

    /// Whether the document is deleted (its winner is a deletion).
    pub fn is_deleted(&self) -> bool {
        self.winner().is_some_and(|l| l.deleted)
    }

    /// The live leaves that lost: what CouchDB lists as `_conflicts`.
    pub fn conflicts(&self) -> Vec<Rev> {
        self.leaves().into_iter().skip(1).filter(|l| !l.deleted).map(|l| l.rev).collect()
    }

    /// The deleted leaves that lost (`_deleted_conflicts`).
    pub fn deleted_conflicts(&self) -> Vec<Rev> {
        self.leaves().into_iter().skip(1).filter(|l| l.deleted).map(|l| l.rev).collect()
    }

    /// `rev` and at most `limit - 1` of its ancestors, as `_revisions`.
    pub fn path(&self, rev: &Rev, limit: usize) -> Option<Revisions> {
        let mut node = &self.nodes[self.find(rev).ok()?].1;
        let mut ids = vec![rev.hash.clone()];
        while ids.len() < limit.max(1) {
            let Some(p) = &node.parent else { break };
            ids.push(p.hash.clone());
            node = &self.nodes[self.find(p).expect("a parent is in the tree")].1;
        }
        Some(Revisions { start: rev.pos, ids })
    }

    /// Forgets every revision more than `limit` steps back from every leaf (the leaf
    /// is step 1). Leaves, and so the winner and conflicts, never change.
    pub fn stem(&mut self, limit: usize) {
        let limit = limit.max(1);
        let mut keep = vec![false; self.nodes.len()];
        for (i, has) in self.has_child().into_iter().enumerate() {
            if has {
                continue;
            }
            let mut at = Some(i);
            for _ in 0..limit {
                let Some(a) = at else { break };
                keep[a] = true;
                at = self.nodes[a].1.parent.as_ref().map(|p| self.find(p).expect("a parent is in the tree"));
            }
        }
        let cut: Vec<bool> = self
            .nodes
            .iter()
            .map(|(_, n)| n.parent.as_ref().is_some_and(|p| !keep[self.find(p).expect("a parent is in the tree")]))
            .collect();
        let mut i = 0;
        self.nodes.retain_mut(|(_, n)| {
            if cut[i] {
                n.parent = None;
            }
            i += 1;
            keep[i - 1]
        });
    }

    /// `_revs_diff` for this document: which of `revs` the tree lacks, and which of its
    /// leaves sit at a lower position than some missing one (possible ancestors, as
    /// CouchDB reports them). `None` when nothing is missing.
    pub fn revs_diff(&self, revs: &[Rev]) -> Option<RevsDiffEntry> {
        let mut missing: Vec<Rev> = revs.iter().filter(|r| !self.contains(r)).cloned().collect();
        sort_small(&mut missing, |a, b| a < b);
        missing.dedup();
        let max_missing = missing.iter().map(|r| r.pos).max()?;
        let mut possible_ancestors: Vec<Rev> =
            self.leaves().into_iter().map(|l| l.rev).filter(|r| r.pos < max_missing).collect();
        sort_small(&mut possible_ancestors, |a, b| a < b);
        Some(RevsDiffEntry { missing, possible_ancestors })
    }

    /// The stored form: every leaf's full path (as far as kept),
    /// `[{"start", "ids", "deleted"?}, …]`, the winner's first.
    pub fn to_value(&self) -> Value {
        let paths = self.leaves().into_iter().map(|l| {
            let mut v = self.path(&l.rev, usize::MAX).expect("a leaf is in the tree").to_value();
            if l.deleted {
                v["deleted"] = Value::Bool(true);
            }
            v
        });
        Value::Array(paths.collect())
    }

    /// Rebuilds a tree from [`RevTree::to_value`].
    pub fn from_value(v: &Value) -> Result<RevTree, TreeError> {
        let mut tree = RevTree::new();
        for p in v.as_array().ok_or(TreeError::BadRevisions)? {
            let deleted = p.get("deleted").and_then(Value::as_bool).unwrap_or(false);
            tree.insert(&Revisions::from_value(p)?, deleted)?;
        }
        Ok(tree)
    }
}

/// Two trees are equal when they hold the same revisions with the same parents and
/// the same leaves are deletions (a flag on an inner revision means nothing).
impl PartialEq for RevTree {
    fn eq(&self, other: &Self) -> bool {
        self.nodes.len() == other.nodes.len()
            && self.nodes.iter().zip(&other.nodes).all(|((ra, a), (rb, b))| ra == rb && a.parent == b.parent)
            && self.leaves() == other.leaves()
    }
}

impl Eq for RevTree {}

/// The stored form ([`RevTree::to_value`]) through any serde format.
impl Serialize for RevTree {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for RevTree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        RevTree::from_value(&Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn r(s: &str) -> Rev {
        s.parse().unwrap()
    }

    fn path(start: u64, ids: &[&str]) -> Revisions {
        Revisions { start, ids: ids.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn a_linear_history_has_one_leaf_and_no_conflict() {
        let mut t = RevTree::new();
        assert!(t.insert(&path(1, &["a"]), false).unwrap());
        assert!(t.insert(&path(2, &["b", "a"]), false).unwrap());
        assert!(t.insert(&path(3, &["c", "b", "a"]), false).unwrap());
        assert_eq!(t.len(), 3);
        assert_eq!(t.leaves(), vec![Leaf { rev: r("3-c"), deleted: false }]);
        assert!(t.conflicts().is_empty());
        // Inserting a known revision again says so.
        assert!(!t.insert(&path(2, &["b", "a"]), false).unwrap());
        assert_eq!(t.path(&r("3-c"), 10), Some(path(3, &["c", "b", "a"])));
        assert_eq!(t.path(&r("3-c"), 2), Some(path(3, &["c", "b"])));
    }

    #[test]
    fn winner_prefers_live_then_longer_then_greater_hash() {
        let mut t = RevTree::new();
        t.insert(&path(3, &["c", "b", "a"]), false).unwrap();
        t.insert(&path(3, &["d", "b", "a"]), false).unwrap();
        assert_eq!(t.winner().unwrap().rev, r("3-d"));
        assert_eq!(t.conflicts(), vec![r("3-c")]);

        // A longer branch wins over a greater hash.
        t.insert(&path(4, &["a0", "c", "b", "a"]), false).unwrap();
        assert_eq!(t.winner().unwrap().rev, r("4-a0"));
        assert_eq!(t.conflicts(), vec![r("3-d")]);

        // A deletion loses to any live leaf, even a shorter one, and is no conflict.
        t.insert(&path(5, &["zz", "a0", "c", "b", "a"]), true).unwrap();
        assert_eq!(t.winner().unwrap().rev, r("3-d"));
        assert!(!t.is_deleted());
        assert!(t.conflicts().is_empty());
        assert_eq!(t.deleted_conflicts(), vec![r("5-zz")]);

        // With every leaf deleted the document is deleted; the longest deletion wins.
        t.insert(&path(4, &["x", "d", "b", "a"]), true).unwrap();
        assert!(t.is_deleted());
        assert_eq!(t.winner().unwrap().rev, r("5-zz"));
    }

    #[test]
    fn hashes_compare_as_strings_like_couchdb_and_pouchdb() {
        let mut t = RevTree::new();
        t.insert(&path(2, &["9f", "a"]), false).unwrap();
        t.insert(&path(2, &["a0", "a"]), false).unwrap();
        assert_eq!(t.winner().unwrap().rev, r("2-a0"));
    }

    #[test]
    fn a_longer_ancestry_joins_a_stemmed_root_to_its_parents() {
        let mut t = RevTree::new();
        t.insert(&path(3, &["c"]), false).unwrap();
        t.insert(&path(2, &["b2", "a"]), false).unwrap();
        assert_eq!(t.leaves().len(), 2);
        t.insert(&path(3, &["c", "b", "a"]), false).unwrap();
        assert_eq!(t.len(), 4);
        assert_eq!(t.path(&r("3-c"), 10), Some(path(3, &["c", "b", "a"])));
        assert_eq!(t.conflicts(), vec![r("2-b2")]);
    }

    #[test]
    fn malformed_ancestry_is_refused() {
        let mut t = RevTree::new();
        assert_eq!(t.insert(&path(1, &[]), false), Err(TreeError::BadRevisions));
        assert_eq!(t.insert(&path(1, &["a", "b"]), false), Err(TreeError::BadRevisions));
        assert_eq!(t.insert(&path(2, &["a", ""]), false), Err(TreeError::BadRevisions));
        assert!(t.is_empty());
        assert_eq!(path(2, &["b", "a"]).check_for(&r("2-c")), Err(TreeError::RevMismatch));
        assert_eq!(path(2, &["b", "a"]).check_for(&r("2-b")), Ok(()));
    }

    #[test]
    fn stemming_keeps_limit_revisions_back_from_each_leaf() {
        let mut t = RevTree::new();
        t.insert(&path(5, &["e", "d", "c", "b", "a"]), false).unwrap();
        t.insert(&path(3, &["x", "b", "a"]), false).unwrap();
        t.stem(3);
        // From 5-e: e d c. From 3-x: x b a. Union: everything but nothing beyond.
        assert_eq!(t.len(), 6);
        t.stem(2);
        // From 5-e: e d. From 3-x: x b. 4-d's parent 3-c is gone: 4-d is a root now.
        assert_eq!(t.len(), 4);
        assert_eq!(t.path(&r("5-e"), 10), Some(path(5, &["e", "d"])));
        assert_eq!(t.path(&r("3-x"), 10), Some(path(3, &["x", "b"])));
        assert_eq!(t.winner().unwrap().rev, r("5-e"));
        assert_eq!(t.conflicts(), vec![r("3-x")]);
    }

    #[test]
    fn revs_diff_lists_missing_revisions_and_lower_leaves_as_possible_ancestors() {
        let mut t = RevTree::new();
        t.insert(&path(3, &["c", "b", "a"]), false).unwrap();
        t.insert(&path(2, &["b2", "a"]), false).unwrap();
        assert_eq!(t.revs_diff(&[r("3-c"), r("1-a")]), None);
        let d = t.revs_diff(&[r("3-c"), r("4-d"), r("2-zz"), r("4-d")]).unwrap();
        assert_eq!(d.missing, vec![r("2-zz"), r("4-d")]);
        assert_eq!(d.possible_ancestors, vec![r("2-b2"), r("3-c")]);
        let d = t.revs_diff(&[r("2-zz")]).unwrap();
        assert!(d.possible_ancestors.is_empty());
        // And a whole unknown document: everything missing, no ancestors.
        assert_eq!(RevTree::new().revs_diff(&[r("1-a")]).unwrap().missing, vec![r("1-a")]);
    }

    #[test]
    fn stored_form_round_trips() {
        let mut t = RevTree::new();
        t.insert(&path(3, &["c", "b", "a"]), false).unwrap();
        t.insert(&path(3, &["d", "b", "a"]), true).unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"[{"start":3,"ids":["c","b","a"]},{"start":3,"ids":["d","b","a"],"deleted":true}]"#);
        let back: RevTree = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        assert!(serde_json::from_str::<RevTree>(r#"[{"start":1,"ids":[]}]"#).is_err());
        assert!(serde_json::from_str::<RevTree>(r#"[{"start":1,"ids":[3]}]"#).is_err());
        assert!(serde_json::from_str::<RevTree>(r#"{"start":1}"#).is_err());
        assert_eq!(Revisions::from_value(&json!({"start": 2, "ids": ["b", "a"]})), Ok(path(2, &["b", "a"])));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// A random history: node `i > 0` has parent `parents[i] % i`, so every node
    /// descends from node 0 (position 1). Each node also has a deletion flag.
    fn history() -> impl Strategy<Value = Vec<(usize, bool)>> {
        proptest::collection::vec((any::<usize>(), any::<bool>()), 1..24)
    }

    /// Revs of the history: positions from depth, hashes unique and random-ish.
    fn revs_of(h: &[(usize, bool)], salt: u64) -> Vec<(Rev, Option<usize>, bool)> {
        let mut out: Vec<(Rev, Option<usize>, bool)> = Vec::new();
        for (i, (p, deleted)) in h.iter().enumerate() {
            let parent = if i == 0 { None } else { Some(p % i) };
            let pos = parent.map_or(1, |p| out[p].0.pos + 1);
            let hash = format!("{:016x}", (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ salt);
            out.push((Rev::new(pos, hash), parent, *deleted));
        }
        out
    }

    /// The path from node `i` back `len` steps.
    fn path_of(revs: &[(Rev, Option<usize>, bool)], i: usize, len: usize) -> Revisions {
        let mut ids = vec![];
        let mut at = Some(i);
        while let Some(n) = at {
            if ids.len() == len.max(1) {
                break;
            }
            ids.push(revs[n].0.hash.clone());
            at = revs[n].1;
        }
        Revisions { start: revs[i].0.pos, ids }
    }

    /// A shuffle driven by proptest's random keys.
    fn shuffled<T: Clone>(items: &[T], keys: &[u64]) -> Vec<T> {
        let mut keyed: Vec<(u64, usize)> = (0..items.len()).map(|i| (keys[i % keys.len().max(1)] ^ i as u64, i)).collect();
        keyed.sort();
        keyed.into_iter().map(|(_, i)| items[i].clone()).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

        /// Tablets receive the same revisions in different orders, some with their whole
        /// ancestry, some with part of it, some twice: every order gives the same tree,
        /// winner and conflicts.
        #[test]
        fn any_order_of_the_same_revisions_gives_the_same_tree_and_winner(
            h in history(),
            salt in any::<u64>(),
            lens in proptest::collection::vec(1usize..6, 1..48),
            keys_a in proptest::collection::vec(any::<u64>(), 1..48),
            keys_b in proptest::collection::vec(any::<u64>(), 1..48),
        ) {
            let revs = revs_of(&h, salt);
            // Every node once with a partial ancestry, every leaf with its whole one.
            let mut inserts: Vec<(Revisions, bool)> = (0..revs.len())
                .map(|i| (path_of(&revs, i, lens[i % lens.len()]), revs[i].2))
                .collect();
            let has_child: BTreeSet<usize> = revs.iter().filter_map(|r| r.1).collect();
            for i in (0..revs.len()).filter(|i| !has_child.contains(i)) {
                inserts.push((path_of(&revs, i, usize::MAX), revs[i].2));
            }

            let build = |order: &[(Revisions, bool)]| {
                let mut t = RevTree::new();
                for (p, d) in order {
                    t.insert(p, *d).unwrap();
                }
                t
            };
            let a = build(&shuffled(&inserts, &keys_a));
            let b = build(&shuffled(&inserts, &keys_b));
            let mut reversed = inserts.clone();
            reversed.reverse();
            let c = build(&reversed);
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(&a, &c);
            prop_assert_eq!(a.winner(), b.winner());
            prop_assert_eq!(a.conflicts(), c.conflicts());

            // It is the generated history: every node, the generated leaves, and the
            // winner a plain sort of those leaves picks.
            prop_assert_eq!(a.len(), revs.len());
            let mut leaves: Vec<Leaf> = (0..revs.len())
                .filter(|i| !has_child.contains(i))
                .map(|i| Leaf { rev: revs[i].0.clone(), deleted: revs[i].2 })
                .collect();
            leaves.sort_by(|x, y| (!y.deleted, &y.rev).cmp(&(!x.deleted, &x.rev)));
            prop_assert_eq!(a.leaves(), leaves.clone());
            prop_assert_eq!(a.winner(), leaves.first().cloned());

            // The stored form rebuilds the same tree.
            let json = serde_json::to_string(&a).unwrap();
            prop_assert_eq!(&serde_json::from_str::<RevTree>(&json).unwrap(), &a);
        }

        /// Stemming never changes the leaves or the winner, keeps exactly the revisions
        /// within `limit` steps of some leaf, and is idempotent. (A leaf's path may stay
        /// longer than the limit where another leaf's steps keep its older part, as in
        /// CouchDB, which stems each path and merges them again.)
        #[test]
        fn stemming_keeps_leaves_and_winner(h in history(), salt in any::<u64>(), limit in 1usize..6) {
            let revs = revs_of(&h, salt);
            let mut t = RevTree::new();
            for i in 0..revs.len() {
                t.insert(&path_of(&revs, i, usize::MAX), revs[i].2).unwrap();
            }
            let before = t.leaves();
            let mut near: BTreeSet<Rev> = BTreeSet::new();
            for leaf in &before {
                near.extend(t.path(&leaf.rev, limit).unwrap().revs());
            }
            t.stem(limit);
            prop_assert_eq!(t.leaves(), before);
            prop_assert_eq!(t.nodes.iter().map(|(r, _)| r.clone()).collect::<BTreeSet<Rev>>(), near);
            let once = t.clone();
            t.stem(limit);
            prop_assert_eq!(t, once);
        }
    }
}
