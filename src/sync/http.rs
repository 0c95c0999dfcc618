//! The server side of a replication: the CouchDB endpoints the replicator needs, over
//! the browser's `fetch`. Nothing here decides anything: the JSON is read and written
//! by `domain::replication::wire`, what to do about an error by its `ErrorKind`.
//!
//! - **Auth**: HTTP basic on every request (`Authorization` header, `credentials:
//!   omit`). No `_session` cookie: a cookie needs CORS with credentials and an exact
//!   origin, and expires (CouchDB: 10 minutes) while the tablet must sync unattended
//!   with the password it keeps anyway. Only over https (the address check refuses
//!   plain http except to this device).
//! - **The database** is made by the chain's admin; nothing here creates one.
//! - **Photos**: a document with attachments goes alone as a `multipart/related` PUT
//!   (`?new_edits=false`), its body a Blob built from the JSON and the image Blobs, so
//!   the bytes go from IndexedDB to the network without entering wasm memory; received
//!   photo documents come as stubs (`_bulk_get` never inlines attachments by default)
//!   and each attachment is fetched as a Blob on its own.
//! - **Timeouts**: a request and the reading of its answer are aborted together after
//!   [`CouchPeer::timeout_ms`] (a network error: retried later).

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

use js_sys::{Array, Promise};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Headers, RequestCache, RequestCredentials, RequestInit, RequestMode, Response};

use crate::domain::export::base64;
use crate::domain::replication::address::{self, check_database, encode_component, parse_server, AddressError};
use crate::domain::replication::doc::OutgoingDoc;
use crate::domain::replication::wire::{
    self, BulkGetRef, ChangesResponse, DocRefused, Fetched, RevsDiffRequest, RevsDiffResponse, WireError,
};
use crate::domain::replication::{Checkpoint, ErrorKind, Rev, Seq};

/// The tablet's account on the server. `Debug` never shows the password.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials {{ user: {:?}, password: <hidden> }}", self.user)
    }
}

/// A failed request: its kind (what to do), the HTTP status if there was an answer,
/// and CouchDB's `error` and `reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerError {
    pub kind: ErrorKind,
    pub status: Option<u16>,
    pub error: String,
    pub reason: String,
}

impl PeerError {
    fn network(reason: impl Into<String>) -> Self {
        Self { kind: ErrorKind::Network, status: None, error: String::new(), reason: reason.into() }
    }

    fn protocol(reason: impl Into<String>) -> Self {
        Self { kind: ErrorKind::Protocol, status: None, error: String::new(), reason: reason.into() }
    }
}

impl std::fmt::Display for PeerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.status {
            Some(s) => write!(f, "{:?} (HTTP {s} {} {})", self.kind, self.error, self.reason),
            None => write!(f, "{:?} ({})", self.kind, self.reason),
        }
    }
}

/// What `GET /{db}` says about the database.
#[derive(Clone, Debug, PartialEq)]
pub struct DbInfo {
    pub db_name: String,
    pub update_seq: Seq,
    pub doc_count: Option<u64>,
}

/// One CouchDB database on one server, as one user.
pub struct CouchPeer {
    server: String,
    db_url: String,
    auth: Option<String>,
    /// Each request's limit; then it is aborted as a network error.
    pub timeout_ms: u32,
    /// Set when the server turned out not to have `_bulk_get` (CouchDB before 2.0):
    /// then revisions are fetched with `open_revs`, one document per request.
    no_bulk_get: Cell<bool>,
}

type Result<T> = std::result::Result<T, PeerError>;

/// What the answer's body is read as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Json,
    Blob,
}

enum Answer {
    Json(Value),
    Blob(Blob),
}
/// A boxed future: the request code is compiled once instead of into the state
/// machine of every endpoint that awaits it (measured: tens of KB of wasm).
type Boxed<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + 'a>>;

impl CouchPeer {
    /// Checks the address and database name (see `domain::replication::address`).
    pub fn new(server: &str, database: &str, credentials: Option<&Credentials>) -> std::result::Result<Self, AddressError> {
        let server = parse_server(server)?;
        check_database(database)?;
        let auth = credentials.map(|c| format!("Basic {}", base64(format!("{}:{}", c.user, c.password).as_bytes())));
        Ok(Self {
            db_url: address::database_url(&server, database),
            server,
            auth,
            timeout_ms: 60_000,
            no_bulk_get: Cell::new(false),
        })
    }

    /// The database's URL (no credentials in it).
    pub fn db_url(&self) -> &str {
        &self.db_url
    }

    /// The server's base URL, normalised: what a replication id is made from.
    pub fn server(&self) -> &str {
        &self.server
    }

    // -- requests -------------------------------------------------------------------

    /// One request and its answer's body, under one timeout (headers and body: a
    /// connection that stalls mid-body is aborted too). A status outside 2xx becomes a
    /// [`PeerError`] of its kind.
    fn exchange<'a>(&'a self, method: &'static str, url: String, body: Option<JsValue>, content_type: Option<String>, want: Want) -> Boxed<'a, Answer> {
        Box::pin(async move {
            let window = web_sys::window().ok_or_else(|| PeerError::network("no window"))?;
            let headers = Headers::new().map_err(js_network)?;
            headers.set("Accept", if want == Want::Blob { "*/*" } else { "application/json" }).map_err(js_network)?;
            if let Some(auth) = &self.auth {
                headers.set("Authorization", auth).map_err(js_network)?;
            }
            if let Some(ct) = &content_type {
                headers.set("Content-Type", ct).map_err(js_network)?;
            }
            let init = RequestInit::new();
            init.set_method(method);
            init.set_mode(RequestMode::Cors);
            init.set_credentials(RequestCredentials::Omit);
            init.set_cache(RequestCache::NoStore);
            if let Some(b) = &body {
                init.set_body(b);
            }
            init.set_headers_headers(&headers);
            let controller = web_sys::AbortController::new().map_err(js_network)?;
            init.set_signal(Some(&controller.signal()));
            let _timer = gloo::timers::callback::Timeout::new(self.timeout_ms, move || controller.abort());
            // fetch rejects only when there is no answer at all: offline, refused, CORS,
            // aborted by the timer.
            let answer = JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await;
            let response: Response = answer.map_err(js_network)?.unchecked_into();
            let status = response.status();
            if !(200..300).contains(&status) {
                let text = text_of(&response).await.unwrap_or_default();
                let (error, reason) = wire::error_reason(&text);
                return Err(PeerError { kind: ErrorKind::from_status(status), status: Some(status), error, reason });
            }
            Ok(match want {
                Want::Json => {
                    let text = text_of(&response).await?;
                    Answer::Json(serde_json::from_str(&text).map_err(|e| PeerError::protocol(format!("{method} {url}: {e}")))?)
                }
                Want::Blob => {
                    let promise: Promise = response.blob().map_err(js_network)?;
                    Answer::Blob(JsFuture::from(promise).await.map_err(js_network)?.unchecked_into())
                }
            })
        })
    }

    /// A request with an optional JSON body whose answer is JSON.
    async fn json(&self, method: &'static str, url: String, body: Option<String>) -> Result<Value> {
        let content_type = body.is_some().then(|| "application/json".to_string());
        match self.exchange(method, url, body.map(|b| JsValue::from_str(&b)), content_type, Want::Json).await? {
            Answer::Json(v) => Ok(v),
            Answer::Blob(_) => unreachable!("asked for JSON"),
        }
    }

    fn doc_url(&self, doc_id: &str) -> String {
        match doc_id.strip_prefix("_local/") {
            Some(rest) => format!("{}/_local/{}", self.db_url, encode_component(rest)),
            None => format!("{}/{}", self.db_url, encode_component(doc_id)),
        }
    }

    // -- endpoints ------------------------------------------------------------------

    /// `GET /_session`: the user the server sees (`None`: anonymous). A wrong
    /// password is [`ErrorKind::Unauthorized`].
    pub async fn session_user(&self) -> Result<Option<String>> {
        let v = self.json("GET", format!("{}/_session", self.server), None).await?;
        Ok(v.pointer("/userCtx/name").and_then(Value::as_str).map(str::to_string))
    }

    /// `GET /{db}`: the database exists and this user may read it.
    pub async fn db_info(&self) -> Result<DbInfo> {
        let v = self.json("GET", self.db_url.clone(), None).await?;
        Ok(DbInfo {
            db_name: v.get("db_name").and_then(Value::as_str).unwrap_or_default().to_string(),
            update_seq: Seq(v.get("update_seq").cloned().unwrap_or(Value::from(0))),
            doc_count: v.get("doc_count").and_then(Value::as_u64),
        })
    }

    /// `GET /{db}/_local/{id}`: its `_rev` and body, `None` when there is none.
    pub async fn get_local(&self, id: &str) -> Result<Option<(String, Value)>> {
        match self.json("GET", self.doc_url(&format!("_local/{id}")), None).await {
            Ok(v) => {
                let rev = v.get("_rev").and_then(Value::as_str).unwrap_or_default().to_string();
                Ok(Some((rev, v)))
            }
            Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `PUT /{db}/_local/{id}` over `rev` (`None` for a new one); the new `_rev`.
    pub async fn put_local(&self, id: &str, rev: Option<&str>, body: &Value) -> Result<String> {
        let Value::Object(fields) = body else { return Err(PeerError::protocol("a _local document must be an object")) };
        let mut doc: serde_json::Map<String, Value> =
            fields.iter().filter(|(k, _)| *k != "_id" && *k != "_rev").map(|(k, v)| (k.clone(), v.clone())).collect();
        if let Some(r) = rev {
            doc.insert("_rev".into(), Value::from(r));
        }
        let v = self.json("PUT", self.doc_url(&format!("_local/{id}")), Some(Value::Object(doc).to_string())).await?;
        Ok(v.get("rev").and_then(Value::as_str).unwrap_or_default().to_string())
    }

    /// The checkpoint of replication `replication_id` here and the `_rev` to write the
    /// next one over. A `_local` document of another shape is no checkpoint (start
    /// over) but its `_rev` is still given, so the next checkpoint replaces it.
    pub async fn get_checkpoint(&self, replication_id: &str) -> Result<(Option<String>, Option<Checkpoint>)> {
        Ok(match self.get_local(replication_id).await? {
            None => (None, None),
            Some((rev, v)) => (Some(rev), Checkpoint::from_value(&v)),
        })
    }

    /// Writes a checkpoint over `rev`; the new `_rev`.
    pub async fn put_checkpoint(&self, replication_id: &str, rev: Option<&str>, checkpoint: &Checkpoint) -> Result<String> {
        self.put_local(replication_id, rev, &checkpoint.to_value()).await
    }

    /// `GET /{db}/_changes?style=all_docs&since=…&limit=…` (a normal feed: what is there
    /// now, then it ends).
    pub async fn changes(&self, since: &Seq, limit: u32) -> Result<ChangesResponse> {
        let url = format!(
            "{}/_changes?style=all_docs&since={}&limit={limit}",
            self.db_url,
            encode_component(&since.to_param())
        );
        let v = self.json("GET", url, None).await?;
        ChangesResponse::from_value(&v).map_err(protocol)
    }

    /// `POST /{db}/_revs_diff`: which of these revisions the server lacks.
    pub async fn revs_diff(&self, request: &RevsDiffRequest) -> Result<RevsDiffResponse> {
        if request.is_empty() {
            return Ok(RevsDiffResponse::new());
        }
        let v = self.json("POST", format!("{}/_revs_diff", self.db_url), Some(wire::revs_diff_body(request))).await?;
        wire::parse_revs_diff(&v).map_err(protocol)
    }

    /// `POST /{db}/_bulk_docs` with `new_edits: false`: stores these serialised
    /// documents under their own revisions. The documents the server refused one by one
    /// (a validation function …); an error for the request as a whole (413 …) is `Err`.
    pub async fn bulk_docs<S: AsRef<str>>(&self, docs: &[S]) -> Result<Vec<DocRefused>> {
        let body = wire::bulk_docs_body(docs);
        let v = self.json("POST", format!("{}/_bulk_docs", self.db_url), Some(body)).await?;
        wire::parse_bulk_docs(v).map_err(protocol)
    }

    /// These revisions with their history (`revs=true`), attachments as stubs.
    /// `_bulk_get` (CouchDB 2+, pouchdb-server); where the server has none, one
    /// `open_revs` request per document.
    pub async fn bulk_get(&self, wanted: &[BulkGetRef]) -> Result<Vec<Fetched>> {
        if wanted.is_empty() {
            return Ok(vec![]);
        }
        if !self.no_bulk_get.get() {
            let url = format!("{}/_bulk_get?revs=true", self.db_url);
            match self.json("POST", url, Some(wire::bulk_get_body(wanted))).await {
                Ok(v) => return wire::parse_bulk_get(v).map_err(protocol),
                // CouchDB 1.x: 404 or 405 (the path is read as a document); others 400.
                Err(e) if matches!(e.status, Some(400 | 404 | 405)) && e.error != "unauthorized" => self.no_bulk_get.set(true),
                Err(e) => return Err(e),
            }
        }
        let mut out = vec![];
        let mut i = 0;
        while i < wanted.len() {
            let id = &wanted[i].id;
            let revs: Vec<Rev> = wanted[i..].iter().take_while(|w| &w.id == id).map(|w| w.rev.clone()).collect();
            i += revs.len();
            out.extend(self.open_revs(id, &revs).await?);
        }
        Ok(out)
    }

    /// `GET /{db}/{id}?open_revs=[…]&revs=true` as JSON.
    pub async fn open_revs(&self, doc_id: &str, revs: &[Rev]) -> Result<Vec<Fetched>> {
        let list = Value::Array(revs.iter().map(|r| Value::from(r.to_string())).collect()).to_string();
        let url = format!("{}?open_revs={}&revs=true", self.doc_url(doc_id), encode_component(&list));
        let v = self.json("GET", url, None).await?;
        wire::parse_open_revs(doc_id, v).map_err(protocol)
    }

    /// `GET /{db}/{id}/{name}?rev=…`: an attachment's bytes as a Blob (kept by the
    /// browser, not copied into wasm memory).
    pub async fn get_attachment(&self, doc_id: &str, name: &str, rev: &Rev) -> Result<Blob> {
        let url = format!("{}/{}?rev={}", self.doc_url(doc_id), encode_component(name), encode_component(&rev.to_string()));
        match self.exchange("GET", url, None, None, Want::Blob).await? {
            Answer::Blob(b) => Ok(b),
            Answer::Json(_) => unreachable!("asked for a Blob"),
        }
    }

    /// `PUT /{db}/{id}?new_edits=false` as `multipart/related`: the document's JSON,
    /// then each attachment's bytes (`blobs` in the order of `doc.attachments`). CouchDB
    /// matches parts to `"follows"` attachments in order, pouchdb-server by each part's
    /// file name: both are given.
    pub async fn put_with_attachments(&self, doc: &OutgoingDoc, blobs: &[Blob]) -> Result<()> {
        if blobs.len() != doc.attachments.len() {
            return Err(PeerError::protocol("one Blob per attachment"));
        }
        let json = doc.to_json().map_err(|e| PeerError::protocol(e.to_string()))?;
        let boundary: String = "follicle-".chars().chain(crate::domain::new_id().chars().filter(|c| *c != '-')).collect();
        let parts = Array::new();
        parts.push(&JsValue::from_str(&format!("--{boundary}\r\nContent-Type: application/json\r\n\r\n{json}")));
        for (a, blob) in doc.attachments.iter().zip(blobs) {
            if blob.size() as u64 != a.length {
                return Err(PeerError::protocol(format!("attachment {} is {} bytes, not {}", a.name, blob.size(), a.length)));
            }
            // Both go into part headers: nothing that could end or quote one.
            if a.name.contains(['"', '\r', '\n']) || a.content_type.contains(['\r', '\n']) {
                return Err(PeerError::protocol(format!("attachment name or type unfit for a header: {:?}", a.name)));
            }
            parts.push(&JsValue::from_str(&format!(
                "\r\n--{boundary}\r\nContent-Disposition: attachment; filename=\"{}\"\r\nContent-Type: {}\r\nContent-Length: {}\r\n\r\n",
                a.name, a.content_type, a.length
            )));
            parts.push(blob);
        }
        parts.push(&JsValue::from_str(&format!("\r\n--{boundary}--")));
        let bag = BlobPropertyBag::new();
        let body = Blob::new_with_blob_sequence_and_options(&parts, &bag).map_err(js_network)?;
        let url = format!("{}?new_edits=false", self.doc_url(&doc.id));
        let content_type = format!("multipart/related; boundary=\"{boundary}\"");
        self.exchange("PUT", url, Some(body.into()), Some(content_type), Want::Json).await?;
        Ok(())
    }
}

async fn text_of(response: &Response) -> Result<String> {
    let promise = response.text().map_err(js_network)?;
    let text = JsFuture::from(promise).await.map_err(js_network)?;
    text.as_string().ok_or_else(|| PeerError::protocol("a body that is not text"))
}

fn protocol(e: WireError) -> PeerError {
    PeerError::protocol(e.to_string())
}

fn js_network(e: JsValue) -> PeerError {
    let reason = js_sys::Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".into());
    PeerError::network(reason)
}
