//! The JSON of the replication endpoints, read and written in pure Rust so the parsing
//! is tested natively; `sync::http` only moves it. Where pouchdb-server (the tests'
//! server) answers differently from CouchDB 3, both forms are read.

use super::checkpoint::Seq;
use super::rev::Rev;
use super::tree::{RevTree, RevsDiffEntry};
use serde_json::{Map, Value};

/// `GET /{db}/_changes?style=all_docs&since=…&limit=…`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesResponse {
    pub results: Vec<Change>,
    pub last_seq: Seq,
    /// How many changes remain after these (CouchDB 2+; absent in pouchdb-server).
    pub pending: Option<u64>,
}

/// One document's entry in the feed: its leaf revisions now.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub id: String,
    pub seq: Seq,
    pub revs: Vec<Rev>,
    pub deleted: bool,
}

impl ChangesResponse {
    pub fn from_value(v: &Value) -> Result<ChangesResponse, WireError> {
        let bad = |what: &str| WireError(format!("_changes: {what}"));
        let results = v.get("results").and_then(Value::as_array).ok_or_else(|| bad("no results"))?;
        let mut out = Vec::with_capacity(results.len());
        for r in results {
            let id = r.get("id").and_then(Value::as_str).ok_or_else(|| bad("a result without id"))?;
            let changes = r.get("changes").and_then(Value::as_array).ok_or_else(|| bad("a result without changes"))?;
            let mut revs = Vec::with_capacity(changes.len());
            for c in changes {
                revs.push(rev_of(c.get("rev")).ok_or_else(|| bad("a change without a valid rev"))?);
            }
            out.push(Change {
                id: id.to_string(),
                seq: Seq(r.get("seq").cloned().unwrap_or(Value::Null)),
                revs,
                deleted: r.get("deleted").and_then(Value::as_bool).unwrap_or(false),
            });
        }
        let last_seq = v.get("last_seq").filter(|s| !s.is_null()).ok_or_else(|| bad("no last_seq"))?;
        Ok(ChangesResponse { results: out, last_seq: Seq(last_seq.clone()), pending: v.get("pending").and_then(Value::as_u64) })
    }
}

fn rev_of(v: Option<&Value>) -> Option<Rev> {
    v?.as_str()?.parse().ok()
}

/// `POST /{db}/_revs_diff` body: document id → revisions.
pub type RevsDiffRequest = Vec<(String, Vec<Rev>)>;
/// Its answer: only the documents with something missing.
pub type RevsDiffResponse = Vec<(String, RevsDiffEntry)>;

fn rev_list(revs: &[Rev]) -> Value {
    Value::Array(revs.iter().map(|r| Value::from(r.to_string())).collect())
}

/// The `_revs_diff` request body.
pub fn revs_diff_body(request: &RevsDiffRequest) -> String {
    let map: Map<String, Value> = request.iter().map(|(id, revs)| (id.clone(), rev_list(revs))).collect();
    Value::Object(map).to_string()
}

/// A `_revs_diff` answer as JSON (what a server sends).
pub fn revs_diff_value(response: &RevsDiffResponse) -> Value {
    let entry = |e: &RevsDiffEntry| {
        let mut m = Map::new();
        m.insert("missing".into(), rev_list(&e.missing));
        if !e.possible_ancestors.is_empty() {
            m.insert("possible_ancestors".into(), rev_list(&e.possible_ancestors));
        }
        Value::Object(m)
    };
    Value::Object(response.iter().map(|(id, e)| (id.clone(), entry(e))).collect())
}

/// Reads a `_revs_diff` answer.
pub fn parse_revs_diff(v: &Value) -> Result<RevsDiffResponse, WireError> {
    let bad = || WireError("_revs_diff answer".into());
    let revs = |e: &Value, key: &str| -> Result<Vec<Rev>, WireError> {
        let mut out = vec![];
        if let Some(list) = e.get(key) {
            for r in list.as_array().ok_or_else(bad)? {
                out.push(rev_of(Some(r)).ok_or_else(bad)?);
            }
        }
        Ok(out)
    };
    let mut out = vec![];
    for (id, e) in v.as_object().ok_or_else(bad)? {
        out.push((id.clone(), RevsDiffEntry { missing: revs(e, "missing")?, possible_ancestors: revs(e, "possible_ancestors")? }));
    }
    Ok(out)
}

/// `_revs_diff` computed on this side: `tree_of` finds a document's tree.
pub fn revs_diff<'a>(request: &RevsDiffRequest, tree_of: impl Fn(&str) -> Option<&'a RevTree>) -> RevsDiffResponse {
    let empty = RevTree::new();
    request
        .iter()
        .filter_map(|(id, revs)| tree_of(id).unwrap_or(&empty).revs_diff(revs).map(|d| (id.clone(), d)))
        .collect()
}

/// One requested revision: `{"id": …, "rev": …}` in a `_bulk_get` body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkGetRef {
    pub id: String,
    pub rev: Rev,
}

/// The `_bulk_get` request body.
pub fn bulk_get_body(wanted: &[BulkGetRef]) -> String {
    let docs = wanted.iter().map(|w| {
        let mut m = Map::new();
        m.insert("id".into(), Value::from(w.id.clone()));
        m.insert("rev".into(), Value::from(w.rev.to_string()));
        Value::Object(m)
    });
    let mut body = Map::new();
    body.insert("docs".into(), Value::Array(docs.collect()));
    Value::Object(body).to_string()
}

/// One answer of `_bulk_get` or `GET /{db}/{id}?open_revs=[…]`.
#[derive(Clone, Debug, PartialEq)]
pub enum Fetched {
    /// The revision's document (with `_revisions` when asked for).
    Doc(Value),
    /// The server does not have that revision (any more).
    Missing { id: String, rev: Option<String> },
    /// Any other error the server gave for this one revision.
    Error { id: String, rev: Option<String>, error: String, reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError(pub String);

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unexpected answer: {}", self.0)
    }
}

/// One entry of a result list. CouchDB 3: `{"ok": doc}` or
/// `{"error": {"id", "rev", "error", "reason"}}` (with `"error": "not_found"` for a
/// missing revision). pouchdb-server 4.2: `{"ok": doc}`, `{"missing": "rev"}` or a flat
/// `{"error": name, "reason": message}`.
fn fetched(id: &str, item: Value) -> Result<Fetched, WireError> {
    let Value::Object(mut m) = item else { return Err(WireError("a result that is not an object".into())) };
    if let Some(doc) = m.remove("ok") {
        return Ok(Fetched::Doc(doc));
    }
    if let Some(rev) = m.remove("missing") {
        return Ok(Fetched::Missing { id: id.to_string(), rev: rev.as_str().map(str::to_string) });
    }
    match m.remove("error") {
        Some(Value::Object(e)) => {
            let s = |k: &str| e.get(k).and_then(Value::as_str).map(str::to_string);
            let error = s("error").unwrap_or_default();
            let id = s("id").unwrap_or_else(|| id.to_string());
            if error == "not_found" {
                Ok(Fetched::Missing { id, rev: s("rev") })
            } else {
                Ok(Fetched::Error { id, rev: s("rev"), error, reason: s("reason").unwrap_or_default() })
            }
        }
        Some(Value::String(error)) => {
            let reason = m.get("reason").and_then(Value::as_str).unwrap_or_default().to_string();
            if error == "not_found" {
                Ok(Fetched::Missing { id: id.to_string(), rev: None })
            } else {
                Ok(Fetched::Error { id: id.to_string(), rev: None, error, reason })
            }
        }
        _ => Err(WireError("a result with neither ok, missing nor error".into())),
    }
}

/// Reads a `_bulk_get` answer: `{"results": [{"id", "docs": [ … ]}]}`.
pub fn parse_bulk_get(body: Value) -> Result<Vec<Fetched>, WireError> {
    let results = match body {
        Value::Object(mut m) => m.remove("results"),
        _ => None,
    };
    let Some(Value::Array(results)) = results else { return Err(WireError("_bulk_get without results".into())) };
    let mut out = vec![];
    for r in results {
        let Value::Object(mut r) = r else { return Err(WireError("_bulk_get result not an object".into())) };
        let id = r.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
        let Some(Value::Array(docs)) = r.remove("docs") else { return Err(WireError("_bulk_get result without docs".into())) };
        for d in docs {
            out.push(fetched(&id, d)?);
        }
    }
    Ok(out)
}

/// Reads a `GET /{db}/{id}?open_revs=[…]` answer (asked as JSON): a list of entries.
pub fn parse_open_revs(id: &str, body: Value) -> Result<Vec<Fetched>, WireError> {
    let Value::Array(items) = body else { return Err(WireError("open_revs answer is not a list".into())) };
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        out.push(fetched(id, i)?);
    }
    Ok(out)
}

/// A document the server refused in a `_bulk_docs` request that it accepted as a whole
/// (`forbidden` by a validation function, `unauthorized`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocRefused {
    pub id: String,
    pub rev: Option<String>,
    pub error: String,
    pub reason: String,
}

/// Reads a `_bulk_docs` answer. With `new_edits: false` CouchDB lists only the
/// failures (an empty list when all were stored); entries with `ok` are skipped.
pub fn parse_bulk_docs(body: Value) -> Result<Vec<DocRefused>, WireError> {
    let Value::Array(items) = body else { return Err(WireError("_bulk_docs answer is not a list".into())) };
    let mut out = vec![];
    for item in items {
        let s = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_string);
        if let Some(error) = s("error") {
            out.push(DocRefused { id: s("id").unwrap_or_default(), rev: s("rev"), error, reason: s("reason").unwrap_or_default() });
        }
    }
    Ok(out)
}

/// The `_bulk_docs` body around documents already serialised (their sizes are what
/// the batch planner counted; see [`super::batch::body_bytes`]).
pub fn bulk_docs_body<S: AsRef<str>>(docs: &[S]) -> String {
    let mut body = String::with_capacity(super::batch::body_bytes(&docs.iter().map(|d| d.as_ref().len()).collect::<Vec<_>>()));
    body.push_str(r#"{"new_edits":false,"docs":["#);
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(d.as_ref());
    }
    body.push_str("]}");
    body
}

/// The error body CouchDB sends with a failed status: `{"error", "reason"}`.
pub fn error_reason(body: &str) -> (String, String) {
    match serde_json::from_str::<Value>(body) {
        Ok(v) => {
            let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            (s("error"), s("reason"))
        }
        Err(_) => (String::new(), body.chars().take(200).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::replication::tree::Revisions;
    use serde_json::json;

    #[test]
    fn reads_changes_from_both_servers() {
        // pouchdb-server 4.2.0, as it answered.
        let pouch = r#"{"results":[{"id":"customer:1","changes":[{"rev":"3-ccc"},{"rev":"3-ddd"}],"seq":2},
            {"id":"customer:2","changes":[{"rev":"1-abc"}],"deleted":true,"seq":3}],"last_seq":3}"#;
        let c = ChangesResponse::from_value(&serde_json::from_str(pouch).unwrap()).unwrap();
        assert_eq!(c.results.len(), 2);
        assert_eq!(c.results[0].revs, vec!["3-ccc".parse().unwrap(), "3-ddd".parse().unwrap()]);
        assert_eq!(c.results[1].seq, Seq(json!(3)));
        assert!(c.results[1].deleted);
        assert_eq!(c.last_seq, Seq(json!(3)));
        assert_eq!(c.pending, None);
        // CouchDB 3: opaque string sequences and pending.
        let couch = r#"{"results":[{"seq":"1-g1AAAA","id":"staff:9","changes":[{"rev":"1-967a00dff5e02add41819138abb3284d"}]}],
            "last_seq":"1-g1AAAA","pending":0}"#;
        let c = ChangesResponse::from_value(&serde_json::from_str(couch).unwrap()).unwrap();
        assert_eq!(c.last_seq.to_param(), "1-g1AAAA");
        assert_eq!(c.pending, Some(0));
        for bad in [json!({}), json!({"results": [], "last_seq": null}), json!({"results": [{"id": "a"}], "last_seq": 1}),
                    json!({"results": [{"id": "a", "changes": [{"rev": "x"}]}], "last_seq": 1})] {
            assert!(ChangesResponse::from_value(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn revs_diff_here_answers_like_the_server() {
        let mut t = RevTree::new();
        t.insert(&Revisions { start: 3, ids: vec!["ccc".into(), "bbb".into(), "aaa".into()] }, false).unwrap();
        let req: RevsDiffRequest = vec![
            ("customer:1".into(), vec!["3-ccc".parse().unwrap(), "4-eee".parse().unwrap()]),
            ("customer:9".into(), vec!["1-x".parse().unwrap()]),
            ("customer:1b".into(), vec![]),
        ];
        assert_eq!(
            serde_json::from_str::<Value>(&revs_diff_body(&req)).unwrap(),
            json!({"customer:1": ["3-ccc", "4-eee"], "customer:9": ["1-x"], "customer:1b": []})
        );
        let diff = revs_diff(&req, |id| (id == "customer:1").then_some(&t));
        let expected = json!({"customer:1": {"missing": ["4-eee"], "possible_ancestors": ["3-ccc"]}, "customer:9": {"missing": ["1-x"]}});
        assert_eq!(revs_diff_value(&diff), expected);
        assert_eq!(parse_revs_diff(&expected).unwrap(), diff);
        // And the server's answer reads back (pouchdb-server gives no possible_ancestors).
        let theirs = parse_revs_diff(&json!({"customer:1": {"missing": ["4-eee", "2-zzz"]}})).unwrap();
        assert_eq!(theirs[0].0, "customer:1");
        assert_eq!(theirs[0].1.missing.len(), 2);
        assert!(theirs[0].1.possible_ancestors.is_empty());
        for bad in [json!([]), json!({"a": {"missing": "1-a"}}), json!({"a": {"missing": ["x"]}})] {
            assert!(parse_revs_diff(&bad).is_err(), "{bad}");
        }
        let body = bulk_get_body(&[BulkGetRef { id: "a".into(), rev: "1-x".parse().unwrap() }]);
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), json!({"docs": [{"id": "a", "rev": "1-x"}]}));
    }

    #[test]
    fn reads_bulk_get_answers_of_couchdb_and_pouchdb_server() {
        let pouch = json!({"results": [
            {"id": "customer:1", "docs": [{"ok": {"_id": "customer:1", "_rev": "3-ccc", "name": "A"}}]},
            {"id": "nope", "docs": [{"missing": "1-a"}]},
            {"id": "x", "docs": [{"error": "forbidden", "reason": "no"}]}
        ]});
        let got = parse_bulk_get(pouch).unwrap();
        assert!(matches!(&got[0], Fetched::Doc(d) if d["name"] == "A"));
        assert_eq!(got[1], Fetched::Missing { id: "nope".into(), rev: Some("1-a".into()) });
        assert_eq!(got[2], Fetched::Error { id: "x".into(), rev: None, error: "forbidden".into(), reason: "no".into() });

        let couch = json!({"results": [
            {"id": "nope", "docs": [{"error": {"id": "nope", "rev": "1-a", "error": "not_found", "reason": "missing"}}]},
            {"id": "y", "docs": [{"error": {"id": "y", "rev": "2-b", "error": "bad_request", "reason": "r"}}]}
        ]});
        let got = parse_bulk_get(couch).unwrap();
        assert_eq!(got[0], Fetched::Missing { id: "nope".into(), rev: Some("1-a".into()) });
        assert_eq!(got[1], Fetched::Error { id: "y".into(), rev: Some("2-b".into()), error: "bad_request".into(), reason: "r".into() });

        for bad in [json!([]), json!({"results": [{"id": "a"}]}), json!({"results": [{"id": "a", "docs": [{"what": 1}]}]})] {
            assert!(parse_bulk_get(bad).is_err());
        }
        let open = parse_open_revs("d", json!([{"ok": {"_id": "d"}}, {"missing": "2-x"}])).unwrap();
        assert_eq!(open.len(), 2);
        assert_eq!(open[1], Fetched::Missing { id: "d".into(), rev: Some("2-x".into()) });
    }

    #[test]
    fn bulk_docs_bodies_and_answers() {
        let body = bulk_docs_body(&[r#"{"_id":"a"}"#, r#"{"_id":"b"}"#]);
        assert_eq!(body, r#"{"new_edits":false,"docs":[{"_id":"a"},{"_id":"b"}]}"#);
        assert_eq!(body.len(), super::super::batch::body_bytes(&[11, 11]));
        assert_eq!(bulk_docs_body::<&str>(&[]).len(), super::super::batch::body_bytes(&[]));
        assert!(parse_bulk_docs(json!([])).unwrap().is_empty());
        let refused = parse_bulk_docs(json!([
            {"ok": true, "id": "a", "rev": "1-a"},
            {"id": "b", "rev": "1-b", "error": "forbidden", "reason": "only managers"}
        ]))
        .unwrap();
        assert_eq!(refused, vec![DocRefused { id: "b".into(), rev: Some("1-b".into()), error: "forbidden".into(), reason: "only managers".into() }]);
        assert!(parse_bulk_docs(json!({"error": "x"})).is_err());
    }

    #[test]
    fn error_bodies() {
        assert_eq!(error_reason(r#"{"error":"too_large","reason":"the request entity is too large"}"#).0, "too_large");
        assert_eq!(error_reason("<html>Bad gateway</html>"), (String::new(), "<html>Bad gateway</html>".into()));
    }
}
