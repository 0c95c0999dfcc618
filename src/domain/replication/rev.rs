//! Revision ids (`N-hex`) and how this app makes them.
//!
//! A revision id is `pos-hash`: `pos` counts the edits since the document was made
//! (1 for the first), `hash` names the content. CouchDB makes the hash from an MD5 of
//! its internal term encoding; PouchDB draws a random one. Ours is deterministic, so two
//! tablets that write the same content on the same parent make the *same* revision
//! (no false conflict), e.g. the same record restored from a backup on two tablets:
//!
//! ```text
//! hash = hex(SHA-256(
//!     "follicle-rev-1" LF
//!     parent revision id ("" for a first revision) LF
//!     "deleted" | "live" LF
//!     canonical JSON of the body without its top-level "_" fields LF
//!     for each attachment, by name: name LF content type LF digest LF
//! ))[..32]
//! ```
//!
//! 128 bits (32 lowercase hex digits, the length of CouchDB's own). The canonical JSON
//! sorts object keys (by their UTF-8 bytes) at every depth, writes no whitespace,
//! escapes strings as `serde_json` does, and writes a number with an integral value of
//! magnitude below 2^53 as an integer (`2.0` → `2`), so a body that went through
//! JavaScript (which has no `2.0`) hashes the same. Records carry `meta.updated_at` and
//! `meta.device_id`, so two tablets editing the same field at different moments still
//! make different revisions: they agree only on identical content.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

/// One revision id: `pos-hash`. Ordered by `pos`, then by `hash` as a string — the
/// order CouchDB's winner rule uses after "live before deleted".
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rev {
    pub pos: u64,
    pub hash: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRev(pub String);

impl fmt::Display for BadRev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a revision id: {:?}", self.0)
    }
}

impl Rev {
    pub fn new(pos: u64, hash: impl Into<String>) -> Self {
        Self { pos, hash: hash.into() }
    }
}

impl FromStr for Rev {
    type Err = BadRev;
    /// `N-hash`: N ≥ 1 in decimal digits, then a non-empty hash. Ours are 32 hex
    /// digits; other peers' may be anything, so only that shape is required.
    fn from_str(s: &str) -> Result<Self, BadRev> {
        let bad = || BadRev(s.to_string());
        let (pos, hash) = s.split_once('-').ok_or_else(bad)?;
        if pos.is_empty() || !pos.bytes().all(|b| b.is_ascii_digit()) || hash.is_empty() {
            return Err(bad());
        }
        let pos: u64 = pos.parse().map_err(|_| bad())?;
        if pos == 0 {
            return Err(bad());
        }
        Ok(Rev { pos, hash: hash.to_string() })
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

impl Serialize for Rev {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What an attachment contributes to its document's revision: its name, content type
/// and a digest of its bytes (any stable digest the caller computes, e.g.
/// `sha256-<hex>`; the server's own `md5-…` digest is not needed for this).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentDigest<'a> {
    pub name: &'a str,
    pub content_type: &'a str,
    pub digest: &'a str,
}

/// The next revision of a document: `parent.pos + 1` (1 without a parent) and the hash
/// described in the module comment. `body` is the document's JSON; its top-level
/// fields starting with `_` (`_id`, `_rev`, `_revisions`, `_attachments` …) are left
/// out, the attachments come in through `attachments` (any order).
pub fn next_rev(parent: Option<&Rev>, deleted: bool, body: &Value, attachments: &[AttachmentDigest<'_>]) -> Rev {
    let mut text = String::with_capacity(256);
    text.push_str("follicle-rev-1\n");
    if let Some(p) = parent {
        text.push_str(&p.to_string());
    }
    text.push('\n');
    text.push_str(if deleted { "deleted\n" } else { "live\n" });
    match body {
        Value::Object(map) => {
            let kept: serde_json::Map<String, Value> =
                map.iter().filter(|(k, _)| !k.starts_with('_')).map(|(k, v)| (k.clone(), v.clone())).collect();
            canonical_json(&Value::Object(kept), &mut text);
        }
        other => canonical_json(other, &mut text),
    }
    text.push('\n');
    let mut atts: Vec<&AttachmentDigest<'_>> = attachments.iter().collect();
    super::sort_small(&mut atts, |a, b| a.name < b.name);
    for a in atts {
        for part in [a.name, a.content_type, a.digest] {
            text.push_str(part);
            text.push('\n');
        }
    }
    let digest = Sha256::digest(text.as_bytes());
    Rev { pos: parent.map_or(1, |p| p.pos + 1), hash: hex(&digest[..16]) }
}

/// A digest of a document's content alone (no parent, no deletion flag): equal for
/// equal content, so a save that changes nothing can be told apart and skipped.
pub fn content_digest(body: &Value, attachments: &[AttachmentDigest<'_>]) -> String {
    next_rev(None, false, body, attachments).hash
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Appends the canonical JSON of `value` (see the module comment) to `out`.
pub fn canonical_json(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() {
                out.push_str(&n.to_string());
            } else {
                let f = n.as_f64().unwrap_or(0.0);
                const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
                if f.fract() == 0.0 && f.abs() < LIMIT {
                    out.push_str(&(f as i64).to_string());
                } else {
                    out.push_str(&n.to_string());
                }
            }
        }
        Value::String(s) => out.push_str(&serde_json::to_string(s).expect("a string always serialises")),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            super::sort_small(&mut keys, |a, b| a < b);
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).expect("a string always serialises"));
                out.push(':');
                canonical_json(&map[k], out);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_and_prints_revision_ids() {
        let r: Rev = "12-abc0".parse().unwrap();
        assert_eq!(r, Rev::new(12, "abc0"));
        assert_eq!(r.to_string(), "12-abc0");
        for bad in ["", "-a", "1-", "0-abc", "x-abc", "abc", "1a-b", "+1-b"] {
            assert!(bad.parse::<Rev>().is_err(), "{bad:?} accepted");
        }
        // Hashes from other peers keep whatever they hold, dashes included.
        assert_eq!("3-a-b".parse::<Rev>().unwrap().hash, "a-b");
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"12-abc0\"");
        assert_eq!(serde_json::from_str::<Rev>("\"2-ff\"").unwrap(), Rev::new(2, "ff"));
        assert!(serde_json::from_str::<Rev>("\"2\"").is_err());
    }

    #[test]
    fn orders_by_position_then_hash() {
        let a = Rev::new(2, "ff");
        let b = Rev::new(3, "00");
        let c = Rev::new(3, "01");
        assert!(a < b && b < c);
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_depth_and_writes_integral_floats_as_integers() {
        let v = json!({"b": 1, "a": {"d": [2.0, 1.5, "x\"y"], "c": null}, "é": true});
        let mut s = String::new();
        canonical_json(&v, &mut s);
        assert_eq!(s, r#"{"a":{"c":null,"d":[2,1.5,"x\"y"]},"b":1,"é":true}"#);
    }

    #[test]
    fn revision_is_the_documented_sha256_prefix() {
        let body = json!({"name": "王芳", "_id": "customer:1", "_rev": "1-x", "n": 2});
        let rev = next_rev(None, false, &body, &[]);
        let expected = Sha256::digest("follicle-rev-1\n\nlive\n{\"n\":2,\"name\":\"王芳\"}\n".as_bytes());
        assert_eq!(rev, Rev::new(1, hex(&expected[..16])));
        assert_eq!(rev.hash.len(), 32);

        let parent = Rev::new(4, "abc");
        let att = AttachmentDigest { name: "image", content_type: "image/webp", digest: "sha256-00" };
        let child = next_rev(Some(&parent), true, &json!({}), &[att]);
        let expected = Sha256::digest("follicle-rev-1\n4-abc\ndeleted\n{}\nimage\nimage/webp\nsha256-00\n".as_bytes());
        assert_eq!(child, Rev::new(5, hex(&expected[..16])));
    }

    #[test]
    fn same_edit_on_two_tablets_gives_the_same_revision_and_any_difference_another() {
        let parent = Rev::new(1, "aaaa");
        // The same content with keys in another order and a float that went through JS.
        let a = json!({"name": "Li", "visits": 3.0, "meta": {"updated_at": 5, "device_id": "t1"}});
        let b = json!({"meta": {"device_id": "t1", "updated_at": 5}, "visits": 3, "name": "Li"});
        assert_eq!(next_rev(Some(&parent), false, &a, &[]), next_rev(Some(&parent), false, &b, &[]));

        let base = next_rev(Some(&parent), false, &a, &[]);
        let other_parent = next_rev(Some(&Rev::new(1, "bbbb")), false, &a, &[]);
        let deleted = next_rev(Some(&parent), true, &a, &[]);
        let changed = next_rev(Some(&parent), false, &json!({"name": "Li", "visits": 4}), &[]);
        let att = [AttachmentDigest { name: "image", content_type: "image/webp", digest: "sha256-1" }];
        let with_att = next_rev(Some(&parent), false, &a, &att);
        let att2 = [AttachmentDigest { name: "image", content_type: "image/webp", digest: "sha256-2" }];
        let other_att = next_rev(Some(&parent), false, &a, &att2);
        let all = [&base, &other_parent, &deleted, &changed, &with_att, &other_att];
        for (i, x) in all.iter().enumerate() {
            assert_eq!(x.pos, 2);
            for y in &all[i + 1..] {
                assert_ne!(x.hash, y.hash);
            }
        }
        // Attachment order does not matter.
        let two = [att[0].clone(), AttachmentDigest { name: "thumb", content_type: "image/webp", digest: "t" }];
        let rev_two: Vec<_> = two.iter().rev().cloned().collect();
        assert_eq!(next_rev(None, false, &a, &two), next_rev(None, false, &a, &rev_two));
    }

    #[test]
    fn content_digest_ignores_parent_and_underscore_fields() {
        let a = json!({"x": 1, "_rev": "3-a"});
        let b = json!({"x": 1, "_rev": "4-b", "_id": "k:1"});
        assert_eq!(content_digest(&a, &[]), content_digest(&b, &[]));
        assert_ne!(content_digest(&a, &[]), content_digest(&json!({"x": 2}), &[]));
    }
}
