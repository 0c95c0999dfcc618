//! The replication HTTP peer against a real CouchDB-protocol server (pouchdb-server,
//! started by `scripts/couch_test_server.py run -- …`, which passes its address and
//! accounts in the environment at compile time). Each test makes its own database as
//! the server admin, with the tablet user as its only member, as the chain's admin
//! would; the peer then works as the tablet user.
//!
//! Run alone:
//! `python3 scripts/couch_test_server.py run -- cargo test --target wasm32-unknown-unknown --test sync_peer`
#![cfg(target_arch = "wasm32")]

use follicle::domain::replication::batch::Limits;
use follicle::domain::replication::doc::{IncomingDoc, OutAttachment, OutgoingDoc};
use follicle::domain::replication::rev::hex;
use follicle::domain::replication::wire::{BulkGetRef, Fetched, RevsDiffRequest};
use follicle::domain::replication::{checkpoint, Checkpoint, Direction, ErrorKind, Rev, RevTree, Revisions, Seq, REVS_LIMIT};
use follicle::domain::new_id;
use follicle::sync::http::{CouchPeer, Credentials};
use follicle::sync::push::send_docs;
use js_sys::{Array, Uint8Array};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, Headers, RequestInit, Response};

wasm_bindgen_test_configure!(run_in_browser);

/// The test server, compiled in by `scripts/couch_test_server.py`.
struct Server {
    url: &'static str,
    admin: (&'static str, &'static str),
    user: (&'static str, &'static str),
    max_request: usize,
}

fn server() -> Server {
    const HOW: &str = "no test server: run through `python3 scripts/couch_test_server.py run -- cargo test …`";
    let pair = |s: &'static str| s.split_once(':').expect("user:password");
    Server {
        url: option_env!("FOLLICLE_COUCH_URL").expect(HOW),
        admin: pair(option_env!("FOLLICLE_COUCH_ADMIN").expect(HOW)),
        user: pair(option_env!("FOLLICLE_COUCH_USER").expect(HOW)),
        max_request: option_env!("FOLLICLE_COUCH_MAX_REQUEST").expect(HOW).parse().unwrap(),
    }
}

/// A plain request, for what the tablet never does itself (making databases) and for
/// looking at the server from outside the peer.
async fn raw(method: &str, url: &str, auth: Option<(&str, &str)>, body: Option<Value>) -> (u16, Value) {
    let headers = Headers::new().unwrap();
    headers.set("Accept", "application/json").unwrap();
    if let Some((u, p)) = auth {
        let token = follicle::domain::export::base64(format!("{u}:{p}").as_bytes());
        headers.set("Authorization", &format!("Basic {token}")).unwrap();
    }
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(b) = body {
        headers.set("Content-Type", "application/json").unwrap();
        init.set_body(&JsValue::from_str(&b.to_string()));
    }
    init.set_headers_headers(&headers);
    let response: Response =
        JsFuture::from(web_sys::window().unwrap().fetch_with_str_and_init(url, &init)).await.unwrap().unchecked_into();
    let text = JsFuture::from(response.text().unwrap()).await.unwrap().as_string().unwrap();
    (response.status(), serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// A fresh database only the tablet user (and admins) may use; the tablet's peer on it.
async fn fresh_db(test: &str) -> (String, CouchPeer) {
    let s = server();
    let name = format!("t_{}_{}", test, new_id().replace('-', "")[..12].to_string());
    let (status, body) = raw("PUT", &format!("{}/{name}", s.url), Some(s.admin), None).await;
    assert_eq!(status, 201, "create {name}: {body}");
    let security = json!({"admins": {"names": [], "roles": []}, "members": {"names": [s.user.0], "roles": []}});
    let (status, body) = raw("PUT", &format!("{}/{name}/_security", s.url), Some(s.admin), Some(security)).await;
    assert_eq!(status, 200, "_security: {body}");
    (name.clone(), peer_as(&name, s.user.0, s.user.1))
}

fn peer_as(db: &str, user: &str, password: &str) -> CouchPeer {
    let creds = Credentials { user: user.into(), password: password.into() };
    CouchPeer::new(server().url, db, Some(&creds)).expect("a valid address")
}

/// A record's first revision, then `edits` more.
fn history(kind: &str, id: &str, edits: usize) -> Vec<OutgoingDoc> {
    let doc_id = format!("{kind}:{id}");
    let mut revs: Vec<OutgoingDoc> = vec![];
    for n in 0..=edits {
        let body = json!({"id": id, "name": format!("顾客 {id}"), "visits": n, "meta": {"updated_at": 1_700_000_000_000i64 + n as i64}});
        let parent = revs.last().map(|d| &d.revisions);
        revs.push(OutgoingDoc::new_revision(doc_id.clone(), parent, false, body, vec![], REVS_LIMIT).unwrap());
    }
    revs
}

fn json_of(doc: &OutgoingDoc) -> String {
    doc.to_json().unwrap()
}

fn fetched_docs(items: Vec<Fetched>) -> Vec<IncomingDoc> {
    items
        .into_iter()
        .map(|f| match f {
            Fetched::Doc(d) => IncomingDoc::from_json(d).unwrap(),
            other => panic!("expected a document, got {other:?}"),
        })
        .collect()
}

async fn bytes_of(blob: &Blob) -> Vec<u8> {
    let buf = JsFuture::from(blob.array_buffer()).await.unwrap();
    Uint8Array::new(&buf).to_vec()
}

fn blob_of(bytes: &[u8]) -> Blob {
    let parts = Array::of1(&Uint8Array::from(bytes));
    Blob::new_with_u8_array_sequence(&parts).unwrap()
}

#[wasm_bindgen_test]
async fn pushes_revisions_with_their_history_and_reads_them_back() {
    let (_, peer) = fresh_db("push").await;
    assert_eq!(peer.db_info().await.unwrap().doc_count, Some(0));

    // Three customers edited twice each: only the latest revision goes, with its
    // whole history in `_revisions`.
    let histories: Vec<Vec<OutgoingDoc>> = (0..3).map(|i| history("customer", &format!("c{i}"), 2)).collect();
    let latest: Vec<&OutgoingDoc> = histories.iter().map(|h| h.last().unwrap()).collect();
    let ask: RevsDiffRequest = latest.iter().map(|d| (d.id.clone(), vec![d.rev.clone()])).collect();
    let missing = peer.revs_diff(&ask).await.unwrap();
    assert_eq!(missing.len(), 3, "an empty database lacks all: {missing:?}");

    let refused = peer.bulk_docs(&latest.iter().map(|d| json_of(d)).collect::<Vec<_>>()).await.unwrap();
    assert!(refused.is_empty(), "{refused:?}");

    // Now nothing is missing. The older revisions came as ids in `_revisions` only:
    // CouchDB 3 counts them as present, pouchdb-server as missing (it has no body for
    // them; tests/server/README.md). Either way the latest one is not missing, and a
    // pusher sends only revisions it holds a body for.
    assert!(peer.revs_diff(&ask).await.unwrap().is_empty());
    let older: RevsDiffRequest = vec![(latest[0].id.clone(), histories[0].iter().map(|d| d.rev.clone()).collect())];
    let diff = peer.revs_diff(&older).await.unwrap();
    let said_missing = diff.iter().find(|(id, _)| id == &latest[0].id).map(|(_, d)| d.missing.clone()).unwrap_or_default();
    assert!(!said_missing.contains(&latest[0].rev), "{said_missing:?}");
    assert!(said_missing.iter().all(|r| histories[0].iter().any(|d| &d.rev == r)), "{said_missing:?}");
    let unknown: Rev = "4-00000000000000000000000000000000".parse().unwrap();
    let unknown_ask: RevsDiffRequest = vec![(latest[0].id.clone(), vec![unknown.clone()])];
    let diff = peer.revs_diff(&unknown_ask).await.unwrap();
    assert_eq!(diff.len(), 1);
    assert_eq!((&diff[0].0, &diff[0].1.missing), (&latest[0].id, &vec![unknown]));

    // The changes feed lists each document with its revision, in pages.
    let page1 = peer.changes(&Seq::zero(), 2).await.unwrap();
    assert_eq!(page1.results.len(), 2);
    let page2 = peer.changes(&page1.last_seq, 2).await.unwrap();
    assert_eq!(page2.results.len(), 1);
    let all: Vec<_> = page1.results.iter().chain(&page2.results).collect();
    let mut seen: Vec<(String, Vec<Rev>)> = all.iter().map(|c| (c.id.clone(), c.revs.clone())).collect();
    seen.sort();
    let mut expected: Vec<(String, Vec<Rev>)> = latest.iter().map(|d| (d.id.clone(), vec![d.rev.clone()])).collect();
    expected.sort();
    assert_eq!(seen, expected);
    assert!(peer.changes(&page2.last_seq, 10).await.unwrap().results.is_empty(), "nothing after the last sequence");

    // _bulk_get gives each revision back with the history we sent.
    let wanted: Vec<BulkGetRef> = latest.iter().map(|d| BulkGetRef { id: d.id.clone(), rev: d.rev.clone() }).collect();
    let back = fetched_docs(peer.bulk_get(&wanted).await.unwrap());
    assert_eq!(back.len(), 3);
    for (sent, got) in latest.iter().zip(&back) {
        assert_eq!(got.id, sent.id);
        assert_eq!(got.rev, sent.rev);
        assert_eq!(got.revisions, sent.revisions);
        assert_eq!(got.body, sent.body);
        assert!(!got.deleted);
    }
    // open_revs (the fallback where _bulk_get is missing) reads the same.
    let one = fetched_docs(peer.open_revs(&latest[1].id, &[latest[1].rev.clone()]).await.unwrap());
    assert_eq!(one, vec![back[1].clone()]);

    // A deletion on top of the latest revision: the feed says deleted.
    let gone = OutgoingDoc::new_revision(latest[2].id.clone(), Some(&latest[2].revisions), true, json!({}), vec![], REVS_LIMIT).unwrap();
    assert!(peer.bulk_docs(&[json_of(&gone)]).await.unwrap().is_empty());
    let after = peer.changes(&page2.last_seq, 10).await.unwrap();
    assert_eq!(after.results.len(), 1);
    assert_eq!(after.results[0].id, gone.id);
    assert!(after.results[0].deleted);
    assert_eq!(after.results[0].revs.clone(), vec![gone.rev.clone()]);
    let got = fetched_docs(peer.bulk_get(&[BulkGetRef { id: gone.id.clone(), rev: gone.rev.clone() }]).await.unwrap());
    assert!(got[0].deleted);
    assert_eq!(got[0].revisions.ids.len(), 4);
}

#[wasm_bindgen_test]
async fn a_conflict_on_the_server_has_both_leaves_and_the_winner_our_tree_picks() {
    let (db, peer) = fresh_db("conflict").await;
    let s = server();
    for case in 0..6 {
        // The server makes the first two revisions itself (its own revision ids) …
        let doc_url = format!("{}/{db}/customer:k{case}", s.url);
        let (status, made) = raw("PUT", &doc_url, Some(s.user), Some(json!({"v": 0}))).await;
        assert_eq!(status, 201, "{made}");
        let first: Rev = made["rev"].as_str().unwrap().parse().unwrap();
        let (status, made) = raw("PUT", &doc_url, Some(s.user), Some(json!({"v": 1, "_rev": first.to_string()}))).await;
        assert_eq!(status, 201, "{made}");
        let server_rev: Rev = made["rev"].as_str().unwrap().parse().unwrap();

        // … and a tablet edited the first one too: a second branch, sometimes longer,
        // sometimes a deletion.
        let first_path = Revisions { start: 1, ids: vec![first.hash.clone()] };
        let mut ours = OutgoingDoc::new_revision(
            format!("customer:k{case}"),
            Some(&first_path),
            case == 3,
            if case == 3 { json!({}) } else { json!({"v": format!("tablet {case}")}) },
            vec![],
            REVS_LIMIT,
        )
        .unwrap();
        if case == 4 {
            ours = OutgoingDoc::new_revision(ours.id.clone(), Some(&ours.revisions), false, json!({"v": "longer"}), vec![], REVS_LIMIT).unwrap();
        }
        assert!(peer.bulk_docs(&[json_of(&ours)]).await.unwrap().is_empty());

        // The feed lists both leaves; fetching both gives their histories.
        let feed = peer.changes(&Seq::zero(), 100).await.unwrap();
        let change = feed.results.iter().find(|c| c.id == ours.id).expect("in the feed");
        let mut leaves = change.revs.clone();
        leaves.sort();
        let mut expected = vec![server_rev.clone(), ours.rev.clone()];
        expected.sort();
        assert_eq!(leaves, expected, "case {case}");
        let wanted: Vec<BulkGetRef> = leaves.iter().map(|r| BulkGetRef { id: ours.id.clone(), rev: r.clone() }).collect();
        let mut tree = RevTree::new();
        for d in fetched_docs(peer.bulk_get(&wanted).await.unwrap()) {
            tree.insert(&d.revisions, d.deleted).unwrap();
        }
        assert_eq!(tree.len(), 3 + usize::from(case == 4));

        // The server's own answer: its winner and conflicts.
        let (status, current) = raw("GET", &format!("{doc_url}?conflicts=true&deleted_conflicts=true"), Some(s.user), None).await;
        assert_eq!(status, 200);
        let winner = tree.winner().unwrap();
        assert_eq!(current["_rev"].as_str().unwrap(), winner.rev.to_string(), "case {case}: same winner");
        let theirs: Vec<String> = current["_conflicts"].as_array().map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect()).unwrap_or_default();
        let ours_list: Vec<String> = tree.conflicts().iter().map(|r| r.to_string()).collect();
        assert_eq!(theirs, ours_list, "case {case}: same conflicts");
        match case {
            // The deletion loses to the live leaf and is no conflict.
            3 => assert!(tree.conflicts().is_empty() && tree.deleted_conflicts() == vec![ours.rev.clone()]),
            // The longer branch wins.
            4 => assert_eq!(winner.rev, ours.rev),
            _ => assert_eq!(tree.conflicts().len(), 1),
        }
    }
}

#[wasm_bindgen_test]
async fn photo_attachments_round_trip_byte_for_byte() {
    let (_, peer) = fresh_db("photo").await;
    // Every byte value, in a pseudo-random order, 250 KB and a 20 KB thumbnail.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut bytes = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    };
    let image = bytes(250_000);
    let thumb = bytes(20_000);
    let att = |name: &str, b: &[u8]| OutAttachment {
        name: name.into(),
        content_type: "image/webp".into(),
        length: b.len() as u64,
        digest: format!("sha256-{}", hex(&Sha256::digest(b))),
    };
    let body = json!({"id": "p1", "customer_id": "c1", "site": "crown", "taken_on": "2025-03-01"});
    let photo = OutgoingDoc::new_revision("photo:p1".into(), None, false, body, vec![att("image", &image), att("thumb", &thumb)], REVS_LIMIT).unwrap();
    peer.put_with_attachments(&photo, &[blob_of(&image), blob_of(&thumb)]).await.unwrap();

    // Received as stubs: the document is small, the bytes come one attachment at a time.
    let got = fetched_docs(peer.bulk_get(&[BulkGetRef { id: photo.id.clone(), rev: photo.rev.clone() }]).await.unwrap());
    assert_eq!(got[0].rev, photo.rev);
    assert_eq!(got[0].body, photo.body);
    let mut stubs = got[0].attachments.clone();
    stubs.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(stubs.iter().map(|s| (s.name.as_str(), s.length)).collect::<Vec<_>>(), vec![("image", Some(250_000)), ("thumb", Some(20_000))]);
    assert!(stubs.iter().all(|s| s.content_type == "image/webp" && s.digest.as_deref().is_some_and(|d| d.starts_with("md5-"))));

    let image_back = peer.get_attachment(&photo.id, "image", &photo.rev).await.unwrap();
    let thumb_back = peer.get_attachment(&photo.id, "thumb", &photo.rev).await.unwrap();
    assert!(bytes_of(&image_back).await == image, "image bytes differ");
    assert!(bytes_of(&thumb_back).await == thumb, "thumbnail bytes differ");

    // A later revision (the note edited) goes the same way, its history intact.
    let edited = OutgoingDoc::new_revision(
        photo.id.clone(),
        Some(&photo.revisions),
        false,
        json!({"id": "p1", "customer_id": "c1", "site": "crown", "taken_on": "2025-03-01", "note": "复查"}),
        photo.attachments.clone(),
        REVS_LIMIT,
    )
    .unwrap();
    peer.put_with_attachments(&edited, &[blob_of(&image), blob_of(&thumb)]).await.unwrap();
    let got = fetched_docs(peer.bulk_get(&[BulkGetRef { id: edited.id.clone(), rev: edited.rev.clone() }]).await.unwrap());
    assert_eq!(got[0].revisions, edited.revisions);
    assert!(bytes_of(&peer.get_attachment(&edited.id, "image", &edited.rev).await.unwrap()).await == image);

    // A Blob that is not the length the document says is refused before sending.
    let err = peer.put_with_attachments(&edited, &[blob_of(&image[..10]), blob_of(&thumb)]).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Protocol);
}

#[wasm_bindgen_test]
async fn a_413_halves_the_batch_and_every_document_arrives_once() {
    let (_, peer) = fresh_db("toolarge").await;
    let limit = server().max_request;
    // Enough 4 KB documents for twice the server's limit, in one planned request.
    let n = 2 * limit / 4_000 + 1;
    let docs: Vec<OutgoingDoc> = (0..n)
        .map(|i| {
            let body = json!({"id": format!("{i}"), "note": "备注".repeat(650), "n": i});
            OutgoingDoc::new_revision(format!("followup:{i}"), None, false, body, vec![], REVS_LIMIT).unwrap()
        })
        .collect();
    let jsons: Vec<String> = docs.iter().map(json_of).collect();
    let total: usize = jsons.iter().map(String::len).sum();
    assert!(total > limit, "the test needs more than the server takes");

    // The server really refuses it whole.
    let err = peer.bulk_docs(&jsons).await.unwrap_err();
    assert_eq!((err.kind, err.status), (ErrorKind::TooLarge, Some(413)));

    let limits = Limits { max_docs: 10_000, max_bytes: 16 << 20 };
    let report = send_docs(&peer, &jsons, limits).await.unwrap();
    assert!(report.halvings >= 1, "{report:?}");
    assert!(report.requests >= report.halvings + 2, "{report:?}");
    assert!(report.refused.is_empty() && report.too_large.is_empty(), "{report:?}");
    assert!(report.limits.max_docs <= n.div_ceil(2), "{report:?}");

    // Every document is on the server, once, at the revision sent.
    let mut ids = vec![];
    let mut since = Seq::zero();
    loop {
        let page = peer.changes(&since, 1000).await.unwrap();
        if page.results.is_empty() {
            break;
        }
        ids.extend(page.results.iter().map(|c| (c.id.clone(), c.revs.clone())));
        since = page.last_seq;
    }
    ids.sort();
    let mut expected: Vec<(String, Vec<Rev>)> = docs.iter().map(|d| (d.id.clone(), vec![d.rev.clone()])).collect();
    expected.sort();
    assert_eq!(ids, expected);
}

#[wasm_bindgen_test]
async fn a_wrong_password_is_the_sign_in_error_and_no_server_a_network_error() {
    let (db, peer) = fresh_db("auth").await;
    assert_eq!(peer.session_user().await.unwrap().as_deref(), Some(server().user.0));
    assert!(peer.db_info().await.is_ok());

    let wrong = peer_as(&db, server().user.0, "not-the-password");
    for err in [wrong.db_info().await.unwrap_err(), wrong.session_user().await.unwrap_err(), wrong.changes(&Seq::zero(), 1).await.unwrap_err()] {
        assert_eq!((err.kind, err.status), (ErrorKind::Unauthorized, Some(401)), "{err}");
    }
    // Nobody signed in: the database has members, so it is refused too.
    let anonymous = CouchPeer::new(server().url, &db, None).unwrap();
    assert_eq!(anonymous.db_info().await.unwrap_err().kind, ErrorKind::Unauthorized);

    // A database nobody made: the tablet says so and makes none.
    let missing = peer_as("no_such_store", server().user.0, server().user.1);
    assert_eq!(missing.db_info().await.unwrap_err().kind, ErrorKind::NotFound);

    // Nothing listening: a network error, to retry later.
    let creds = Credentials { user: "tablet".into(), password: "x".into() };
    let nowhere = CouchPeer::new("http://127.0.0.1:9", &db, Some(&creds)).unwrap();
    let err = nowhere.db_info().await.unwrap_err();
    assert_eq!((err.kind, err.status), (ErrorKind::Network, None));

    // And plain http to another machine is refused before any request.
    assert!(CouchPeer::new("http://couch.example.com", &db, Some(&creds)).is_err());
}

#[wasm_bindgen_test]
async fn checkpoints_are_local_documents_and_a_recreated_database_starts_over() {
    let (db, peer) = fresh_db("checkpoint").await;
    let s = server();
    let rep = checkpoint::replication_id(Direction::Pull, "tab#0001", peer.server(), &db);
    assert_eq!(peer.get_checkpoint(&rep).await.unwrap(), (None, None));

    let first = Checkpoint::next(None, new_id(), Seq(json!(3)));
    let rev1 = peer.put_checkpoint(&rep, None, &first).await.unwrap();
    let (rev, read) = peer.get_checkpoint(&rep).await.unwrap();
    assert_eq!((rev.as_deref(), read.as_ref()), (Some(rev1.as_str()), Some(&first)));

    // Writing over a stale revision is a conflict; over the current one it passes.
    let second = Checkpoint::next(Some(&first), new_id(), Seq(json!(7)));
    let rev2 = peer.put_checkpoint(&rep, Some(&rev1), &second).await.unwrap();
    let third = Checkpoint::next(Some(&second), new_id(), Seq(json!(9)));
    let err = peer.put_checkpoint(&rep, Some(&rev1), &third).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert_ne!(rev1, rev2);
    // The tablet kept the same record: both sides agree, the pull resumes at 7.
    let (_, remote) = peer.get_checkpoint(&rep).await.unwrap();
    assert_eq!(checkpoint::start_seq(remote.as_ref(), Some(&second)), Seq(json!(7)));
    // Checkpoints are no documents: the changes feed does not show them.
    assert!(peer.changes(&Seq::zero(), 10).await.unwrap().results.is_empty());

    // The chain's admin deletes and recreates the database: its checkpoint is gone,
    // so the tablet starts over from the beginning.
    let (status, _) = raw("DELETE", &format!("{}/{db}", s.url), Some(s.admin), None).await;
    assert_eq!(status, 200);
    let (status, _) = raw("PUT", &format!("{}/{db}", s.url), Some(s.admin), None).await;
    assert_eq!(status, 201);
    let security = json!({"admins": {"names": [], "roles": []}, "members": {"names": [s.user.0], "roles": []}});
    let (status, _) = raw("PUT", &format!("{}/{db}/_security", s.url), Some(s.admin), Some(security)).await;
    assert_eq!(status, 200);
    let (_, remote) = peer.get_checkpoint(&rep).await.unwrap();
    assert_eq!(remote, None);
    assert_eq!(checkpoint::start_seq(remote.as_ref(), Some(&second)), Seq::zero());
}

/// The replicated kinds name the app's own stores (the domain cannot see storage, so
/// this is checked here): each exists, none is derived, and every store that holds
/// records of the store's life (not tombstones, Blobs or derived rows; the settings
/// row's store part) has a kind, so a new store is not silently left out of
/// replication.
#[wasm_bindgen_test]
fn replicated_kinds_are_the_apps_record_stores() {
    use follicle::domain::replication::doc::{kind_of_store, KINDS};
    use follicle::storage::schema::{DERIVED, PHOTO_BLOBS, SETTINGS, STORES, TOMBSTONES};
    for kind in KINDS {
        assert!(STORES.iter().any(|s| s.name == kind.store), "{} is no store", kind.store);
        assert!(!DERIVED.contains(&kind.store), "{} is derived", kind.store);
    }
    let mut checked = 0;
    for store in STORES {
        let not_records = [TOMBSTONES, PHOTO_BLOBS].contains(&store.name) || DERIVED.contains(&store.name);
        assert_eq!(kind_of_store(store.name).is_some(), !not_records, "store {}", store.name);
        checked += 1;
    }
    assert!(checked > 10, "every store was looked at");
    // The settings store's kind is the store's part of the settings row alone.
    assert_eq!(kind_of_store(SETTINGS).map(|k| k.prefix), Some("store-settings"));
}
