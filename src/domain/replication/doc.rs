//! What a replicated record looks like as a CouchDB document, both ways.
//!
//! `_id` is `<kind>:<record id>` (`customer:7c1e…`), so one server database holds all
//! kinds and a record's id is never confused across them; the body is the record's own
//! JSON as the app stores it; `_deleted: true` with nothing else is a deletion (the
//! app's tombstone). A photo's image and thumbnail are its attachments `image` and
//! `thumb`, sent and fetched apart from the small documents (their bytes never sit in a
//! batch). Derived stores (search rows, plans), this tablet's own settings, lockout
//! counters and the sync credentials have no kind here: they never replicate.

use super::rev::{AttachmentDigest, Rev};
use super::tree::{Revisions, TreeError};
use serde_json::{Map, Value};

/// A kind of replicated record: the app's object store and the `_id` prefix.
#[derive(Debug, PartialEq, Eq)]
pub struct Kind {
    pub store: &'static str,
    pub prefix: &'static str,
    /// Attachment names its documents carry (sent as separate parts).
    pub attachments: &'static [&'static str],
}

/// Every replicated kind. Store names are `storage::schema`'s (the domain does not
/// see storage; `tests/sync_peer.rs` checks they match).
pub const KINDS: &[Kind] = &[
    Kind { store: "customers", prefix: "customer", attachments: &[] },
    Kind { store: "photos", prefix: "photo", attachments: &["image", "thumb"] },
    Kind { store: "measurements", prefix: "measurement", attachments: &[] },
    Kind { store: "purchases", prefix: "purchase", attachments: &[] },
    Kind { store: "followups", prefix: "followup", attachments: &[] },
    Kind { store: "complaints", prefix: "complaint", attachments: &[] },
    Kind { store: "returns", prefix: "return", attachments: &[] },
    Kind { store: "consents", prefix: "consent", attachments: &[] },
    Kind { store: "incidents", prefix: "incident", attachments: &[] },
    Kind { store: "audit_log", prefix: "audit", attachments: &[] },
    Kind { store: "staff", prefix: "staff", attachments: &[] },
    Kind { store: "appointments", prefix: "appointment", attachments: &[] },
    Kind { store: "month_plans", prefix: "month-plan", attachments: &[] },
    // The store's part of the settings row (rules, products, thresholds, sites): one
    // document, `store-settings:store`; the tablet's own part never leaves it.
    Kind { store: "settings", prefix: "store-settings", attachments: &[] },
];

/// The record id of the store settings' document (`store-settings:store`).
pub const STORE_SETTINGS_ID: &str = "store";

pub fn kind_of_store(store: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.store == store)
}

/// `<prefix>:<id>`.
pub fn doc_id(kind: &Kind, id: &str) -> String {
    format!("{}:{id}", kind.prefix)
}

/// The kind and record id of a document id; `None` for ids this app does not
/// replicate (`_design/…`, other applications' documents), which a pull skips.
pub fn parse_doc_id(doc_id: &str) -> Option<(&'static Kind, &str)> {
    let (prefix, id) = doc_id.split_once(':')?;
    let kind = KINDS.iter().find(|k| k.prefix == prefix)?;
    (!id.is_empty()).then_some((kind, id))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocError {
    /// The body is not a JSON object.
    NotAnObject,
    /// The body has a top-level field starting with `_` (CouchDB reserves them).
    ReservedField(String),
    /// `_id` or `_rev` missing or malformed.
    BadIdOrRev,
    Tree(TreeError),
    /// An `_attachments` entry without a content type or length.
    BadAttachment(String),
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocError::NotAnObject => f.write_str("document body is not an object"),
            DocError::ReservedField(k) => write!(f, "reserved field {k:?} in a body"),
            DocError::BadIdOrRev => f.write_str("document without a valid _id or _rev"),
            DocError::Tree(e) => write!(f, "{e}"),
            DocError::BadAttachment(name) => write!(f, "bad attachment {name:?}"),
        }
    }
}

/// One attachment of a document this tablet sends: described in the JSON with
/// `"follows": true`, its bytes in a part of their own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutAttachment {
    pub name: String,
    pub content_type: String,
    pub length: u64,
    /// This app's digest of the bytes (e.g. `sha256-<hex>`): it goes into the
    /// revision id, not to the server (CouchDB checks a `digest` it is sent against
    /// its own MD5).
    pub digest: String,
}

/// A revision of a document as this tablet sends it (`new_edits: false`: the server
/// stores it under our revision id and history).
#[derive(Clone, Debug, PartialEq)]
pub struct OutgoingDoc {
    pub id: String,
    pub rev: Rev,
    pub revisions: Revisions,
    pub deleted: bool,
    /// The record's JSON (empty object for a deletion).
    pub body: Value,
    pub attachments: Vec<OutAttachment>,
}

impl OutgoingDoc {
    /// A record's new revision after `parent` (None for its first), with the revision
    /// made from its content ([`super::rev::next_rev`]) and the ancestry `parent_path`
    /// (the parent's `_revisions`, from the tree) extended by it, cut to `revs_limit`.
    pub fn new_revision(
        id: String,
        parent_path: Option<&Revisions>,
        deleted: bool,
        body: Value,
        attachments: Vec<OutAttachment>,
        revs_limit: usize,
    ) -> Result<OutgoingDoc, DocError> {
        check_body(&body)?;
        let parent = parent_path.and_then(|p| p.head());
        let digests: Vec<AttachmentDigest<'_>> = attachments
            .iter()
            .map(|a| AttachmentDigest { name: &a.name, content_type: &a.content_type, digest: &a.digest })
            .collect();
        let rev = super::rev::next_rev(parent.as_ref(), deleted, &body, &digests);
        let mut ids = vec![rev.hash.clone()];
        if let Some(p) = parent_path {
            ids.extend(p.ids.iter().cloned());
        }
        ids.truncate(revs_limit.max(1));
        let revisions = Revisions { start: rev.pos, ids };
        Ok(OutgoingDoc { id, rev, revisions, deleted, body, attachments })
    }

    /// The document's JSON for `_bulk_docs` or the first part of a multipart PUT.
    /// A deletion is `{_id, _rev, _revisions, _deleted: true}` with no body.
    pub fn to_json(&self) -> Result<String, DocError> {
        check_body(&self.body)?;
        let mut doc = Map::new();
        doc.insert("_id".into(), Value::from(self.id.clone()));
        doc.insert("_rev".into(), Value::from(self.rev.to_string()));
        doc.insert("_revisions".into(), self.revisions.to_value());
        if self.deleted {
            doc.insert("_deleted".into(), Value::Bool(true));
        } else {
            if let Value::Object(body) = &self.body {
                for (k, v) in body {
                    doc.insert(k.clone(), v.clone());
                }
            }
            if !self.attachments.is_empty() {
                let mut atts = Map::new();
                for a in &self.attachments {
                    let mut m = Map::new();
                    m.insert("content_type".into(), Value::from(a.content_type.clone()));
                    m.insert("length".into(), Value::from(a.length));
                    m.insert("follows".into(), Value::Bool(true));
                    atts.insert(a.name.clone(), Value::Object(m));
                }
                doc.insert("_attachments".into(), Value::Object(atts));
            }
        }
        Ok(Value::Object(doc).to_string())
    }
}

fn check_body(body: &Value) -> Result<(), DocError> {
    let Value::Object(map) = body else { return Err(DocError::NotAnObject) };
    match map.keys().find(|k| k.starts_with('_')) {
        Some(k) => Err(DocError::ReservedField(k.clone())),
        None => Ok(()),
    }
}

/// An attachment of a received document, as a stub: its bytes are fetched apart
/// (`GET /db/doc/name?rev=…`), or not at all when a blob with the same digest is here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentStub {
    pub name: String,
    pub content_type: String,
    /// The server's digest (`md5-<base64>` in CouchDB and PouchDB).
    pub digest: Option<String>,
    pub length: Option<u64>,
    pub revpos: Option<u64>,
}

/// A revision received from the server.
#[derive(Clone, Debug, PartialEq)]
pub struct IncomingDoc {
    pub id: String,
    pub rev: Rev,
    /// Its ancestry (just itself when the server sent none).
    pub revisions: Revisions,
    pub deleted: bool,
    /// The body without any `_` field.
    pub body: Value,
    pub attachments: Vec<AttachmentStub>,
}

impl IncomingDoc {
    pub fn from_json(doc: Value) -> Result<IncomingDoc, DocError> {
        let Value::Object(map) = doc else { return Err(DocError::NotAnObject) };
        // One pass: the `_` fields picked out, everything else is the body, in order.
        let (mut id, mut rev, mut revisions, mut deleted, mut atts) = (None, None, None, false, None);
        let mut body = Map::new();
        for (k, v) in map {
            match k.as_str() {
                "_id" => id = v.as_str().filter(|s| !s.is_empty()).map(str::to_string),
                "_rev" => rev = v.as_str().and_then(|s| s.parse::<Rev>().ok()),
                "_revisions" => revisions = Some(v),
                "_deleted" => deleted = v.as_bool() == Some(true),
                "_attachments" => atts = Some(v),
                _ if k.starts_with('_') => {}
                _ => {
                    body.insert(k, v);
                }
            }
        }
        let (Some(id), Some(rev)) = (id, rev) else { return Err(DocError::BadIdOrRev) };
        let revisions = match revisions {
            Some(v) => Revisions::from_value(&v).map_err(DocError::Tree)?,
            None => Revisions::single(&rev),
        };
        revisions.check_for(&rev).map_err(DocError::Tree)?;
        let mut attachments = vec![];
        if let Some(Value::Object(atts)) = atts {
            for (name, a) in atts {
                let Some(content_type) = a.get("content_type").and_then(Value::as_str) else {
                    return Err(DocError::BadAttachment(name));
                };
                attachments.push(AttachmentStub {
                    content_type: content_type.to_string(),
                    digest: a.get("digest").and_then(Value::as_str).map(str::to_string),
                    length: a.get("length").and_then(Value::as_u64),
                    revpos: a.get("revpos").and_then(Value::as_u64),
                    name,
                });
            }
        }
        Ok(IncomingDoc { id, rev, revisions, deleted, body: Value::Object(body), attachments })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::replication::tree::RevTree;
    use serde_json::json;

    #[test]
    fn ids_carry_the_kind() {
        let customer = kind_of_store("customers").unwrap();
        let id = doc_id(customer, "7c1e-uuid");
        assert_eq!(id, "customer:7c1e-uuid");
        let (kind, record) = parse_doc_id(&id).unwrap();
        assert_eq!((kind.store, record), ("customers", "7c1e-uuid"));
        assert_eq!(parse_doc_id("audit:a:b").map(|(k, r)| (k.store, r)), Some(("audit_log", "a:b")));
        for foreign in ["_design/x", "_local/x", "settings:app", "customer:", "nocolon", "search_rows:x"] {
            assert!(parse_doc_id(foreign).is_none(), "{foreign}");
        }
        // Never replicated: derived and tablet-only stores.
        for store in ["search_rows", "plans", "tombstones", "photo_blobs"] {
            assert!(kind_of_store(store).is_none(), "{store}");
        }
        // Prefixes are unique.
        let mut prefixes: Vec<_> = KINDS.iter().map(|k| k.prefix).collect();
        prefixes.sort();
        prefixes.dedup();
        assert_eq!(prefixes.len(), KINDS.len());
    }

    #[test]
    fn a_record_becomes_a_document_with_its_history() {
        let body = json!({"id": "u1", "name": "王芳", "meta": {"updated_at": 5}});
        let first = OutgoingDoc::new_revision("customer:u1".into(), None, false, body.clone(), vec![], 1000).unwrap();
        assert_eq!(first.rev.pos, 1);
        assert_eq!(first.revisions, Revisions::single(&first.rev));
        let edited = json!({"id": "u1", "name": "王芳芳", "meta": {"updated_at": 6}});
        let second = OutgoingDoc::new_revision("customer:u1".into(), Some(&first.revisions), false, edited, vec![], 1000).unwrap();
        assert_eq!(second.rev.pos, 2);
        assert_eq!(second.revisions.ids, vec![second.rev.hash.clone(), first.rev.hash.clone()]);

        let json: Value = serde_json::from_str(&second.to_json().unwrap()).unwrap();
        assert_eq!(json["_id"], "customer:u1");
        assert_eq!(json["_rev"], second.rev.to_string());
        assert_eq!(json["_revisions"]["start"], 2);
        assert_eq!(json["name"], "王芳芳");
        assert!(json.get("_deleted").is_none() && json.get("_attachments").is_none());

        // Its ancestry fits a tree.
        let mut tree = RevTree::new();
        tree.insert(&second.revisions, false).unwrap();
        assert_eq!(tree.winner().unwrap().rev, second.rev);

        // The history is cut to the limit.
        let third = OutgoingDoc::new_revision("customer:u1".into(), Some(&second.revisions), false, body, vec![], 2).unwrap();
        assert_eq!(third.revisions.ids.len(), 2);
    }

    #[test]
    fn a_deletion_is_only_id_rev_and_deleted() {
        let first = OutgoingDoc::new_revision("purchase:p".into(), None, false, json!({"amount": 3}), vec![], 1000).unwrap();
        let gone = OutgoingDoc::new_revision("purchase:p".into(), Some(&first.revisions), true, json!({}), vec![], 1000).unwrap();
        let json: Value = serde_json::from_str(&gone.to_json().unwrap()).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys, vec!["_id", "_rev", "_revisions", "_deleted"]);
        assert_eq!(json["_deleted"], true);
        assert_eq!(gone.rev.pos, 2);
    }

    #[test]
    fn photo_attachments_follow_the_json_and_count_in_the_revision() {
        let att = |digest: &str| OutAttachment {
            name: "image".into(),
            content_type: "image/webp".into(),
            length: 250_000,
            digest: digest.into(),
        };
        let body = json!({"id": "p1", "site": "crown"});
        let a = OutgoingDoc::new_revision("photo:p1".into(), None, false, body.clone(), vec![att("sha256-1")], 1000).unwrap();
        let b = OutgoingDoc::new_revision("photo:p1".into(), None, false, body, vec![att("sha256-2")], 1000).unwrap();
        assert_ne!(a.rev, b.rev);
        let json: Value = serde_json::from_str(&a.to_json().unwrap()).unwrap();
        assert_eq!(json["_attachments"], json!({"image": {"content_type": "image/webp", "length": 250000, "follows": true}}));
    }

    #[test]
    fn bodies_with_reserved_fields_or_not_objects_are_refused() {
        let err = OutgoingDoc::new_revision("customer:x".into(), None, false, json!({"_secret": 1}), vec![], 10);
        assert_eq!(err.unwrap_err(), DocError::ReservedField("_secret".into()));
        let err = OutgoingDoc::new_revision("customer:x".into(), None, false, json!([1]), vec![], 10);
        assert_eq!(err.unwrap_err(), DocError::NotAnObject);
    }

    #[test]
    fn reads_a_received_revision() {
        let doc = json!({
            "_id": "photo:p1", "_rev": "3-c", "_revisions": {"start": 3, "ids": ["c", "b", "a"]},
            "_conflicts": ["3-b"], "site": "crown",
            "_attachments": {"image": {"content_type": "image/webp", "digest": "md5-x", "length": 7, "revpos": 2, "stub": true}}
        });
        let d = IncomingDoc::from_json(doc).unwrap();
        assert_eq!(d.id, "photo:p1");
        assert_eq!(d.rev, "3-c".parse().unwrap());
        assert_eq!(d.revisions.ids, vec!["c", "b", "a"]);
        assert!(!d.deleted);
        assert_eq!(d.body, json!({"site": "crown"}));
        assert_eq!(
            d.attachments,
            vec![AttachmentStub {
                name: "image".into(),
                content_type: "image/webp".into(),
                digest: Some("md5-x".into()),
                length: Some(7),
                revpos: Some(2)
            }]
        );

        let gone = IncomingDoc::from_json(json!({"_id": "customer:1", "_rev": "2-x", "_deleted": true})).unwrap();
        assert!(gone.deleted);
        assert_eq!(gone.revisions, Revisions::single(&gone.rev));

        for bad in [
            json!({"_rev": "1-a"}),
            json!({"_id": "x", "_rev": "a"}),
            json!({"_id": "x", "_rev": "2-a", "_revisions": {"start": 2, "ids": ["b", "a"]}}),
            json!({"_id": "x", "_rev": "1-a", "_attachments": {"i": {"length": 1}}}),
            json!([]),
        ] {
            assert!(IncomingDoc::from_json(bad.clone()).is_err(), "{bad}");
        }
    }
}
