//! Two tablets and one CouchDB-protocol server (pouchdb-server, started by
//! `scripts/couch_test_server.py run -- …`): each tablet is its own IndexedDB database
//! set up for the same store, syncing through the real server with the app's own
//! replicator. What one tablet records reaches the other; conflicts are kept and
//! shown the same on both; an erasure stays erased; a sync cut short finishes later
//! with nothing lost or doubled; a 413 makes smaller requests; a wrong password is
//! said in words and loses nothing.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use follicle::domain::replication::doc::{doc_id, kind_of_store};
use follicle::domain::settings::SyncSettings;
use follicle::domain::*;
use follicle::storage::replica::Applied;
use follicle::storage::{schema, Db, OpenHooks};
use follicle::domain::replication::ErrorKind;
use follicle::sync::engine::{self, SyncFailure, SyncReport};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Headers, RequestInit, Response};

wasm_bindgen_test_configure!(run_in_browser);

const HOW: &str = "no test server: run through `python3 scripts/couch_test_server.py run -- cargo test …`";

fn server_url() -> &'static str {
    option_env!("FOLLICLE_COUCH_URL").expect(HOW)
}

fn pair(s: &'static str) -> (&'static str, &'static str) {
    s.split_once(':').expect("user:password")
}

fn admin() -> (&'static str, &'static str) {
    pair(option_env!("FOLLICLE_COUCH_ADMIN").expect(HOW))
}

fn tablet_user() -> (&'static str, &'static str) {
    pair(option_env!("FOLLICLE_COUCH_USER").expect(HOW))
}

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
    let response: Response = JsFuture::from(web_sys::window().unwrap().fetch_with_str_and_init(url, &init)).await.unwrap().unchecked_into();
    let text = JsFuture::from(response.text().unwrap()).await.unwrap().as_string().unwrap();
    (response.status(), serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// The store's database on the server, as the chain's admin makes it: the tablet
/// user its only member.
async fn store_db(test: &str) -> String {
    let name = format!("s_{}_{}", test, new_id().replace('-', "")[..10].to_string());
    let (status, body) = raw("PUT", &format!("{}/{name}", server_url()), Some(admin()), None).await;
    assert_eq!(status, 201, "create {name}: {body}");
    let security = json!({"admins": {"names": [], "roles": []}, "members": {"names": [tablet_user().0], "roles": []}});
    let (status, body) = raw("PUT", &format!("{}/{name}/_security", server_url()), Some(admin()), Some(security)).await;
    assert_eq!(status, 200, "_security: {body}");
    name
}

/// One tablet of the store: its own database, set up with its own name.
struct Tablet {
    db: Db,
    settings: AppSettings,
    config: SyncSettings,
}

impl Tablet {
    async fn new(test: &str, device: &str, database: &str) -> Tablet {
        let name = unique_db(&format!("{test}-{device}"));
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        let settings = AppSettings::from_setup("朝阳店", device, &new_id()[..8]).unwrap();
        db.save_settings(&settings).await.unwrap();
        let (user, password) = tablet_user();
        let config = SyncSettings { server: server_url().into(), database: database.into(), username: user.into(), password: password.into() };
        Tablet { db, settings, config }
    }

    fn stamp(&self, now: i64) -> Stamp {
        self.settings.stamp(now)
    }

    async fn sync(&self) -> Result<SyncReport, SyncFailure> {
        let peer = engine::peer_of(&self.config).unwrap();
        let stamp = || self.stamp(js_sys::Date::now() as i64);
        engine::sync_once(&self.db, &peer, &self.settings.device_id, &stamp, &|_: &Applied| {}, &|_| {}).await
    }

    async fn customer(&self, id: &str) -> Option<Customer> {
        self.db.get::<Customer>(id).await.unwrap()
    }
}

fn person(name: &str, phone: &str, t: &Tablet) -> Customer {
    let mut c = Customer::new(name, phone, &t.stamp(1_000));
    c.first_visit = chrono::NaiveDate::from_ymd_opt(2026, 11, 20);
    c.refresh_keys();
    c
}

fn consent(c: &Customer, kind: ConsentKind, t: &Tablet) -> ConsentRecord {
    ConsentRecord {
        id: new_id(),
        meta: Meta::new(&t.stamp(1_000)),
        customer_id: c.id.clone(),
        kind,
        notice_id: "v1".into(),
        notice_hash: "ab".into(),
        granted: true,
        at: 1_000,
        staff_present: None,
        guardian: None,
        withdrawn_at: None,
    }
}

async fn server_doc(database: &str, id: &str) -> (u16, Value) {
    raw("GET", &format!("{}/{database}/{}?conflicts=true", server_url(), id), Some(admin()), None).await
}

#[wasm_bindgen_test]
async fn a_registration_on_one_tablet_is_found_by_name_on_the_other() {
    let database = store_db("register").await;
    let a = Tablet::new("register", "前台", &database).await;
    let b = Tablet::new("register", "护理室", &database).await;
    let wang = person("王超", "13800138000", &a);
    a.db.save_registration(&wang, &[consent(&wang, ConsentKind::PersonalInfo, &a)]).await.unwrap();

    let pushed = a.sync().await.unwrap();
    assert!(pushed.pushed >= 3, "customer, consent and the store's settings: {pushed:?}");
    let (status, doc) = server_doc(&database, &format!("customer:{}", wang.id)).await;
    assert_eq!((status, doc["name"].as_str()), (200, Some("王超")), "{doc}");

    let pulled = b.sync().await.unwrap();
    assert!(pulled.pulled >= 2, "{pulled:?}");
    let there = b.customer(&wang.id).await.expect("the customer reached the other tablet");
    assert_eq!((there.name.as_str(), there.phone_digits.as_str()), ("王超", "13800138000"));
    // Found by name in the other tablet's staff search, as staff type it.
    let rows = b.db.search_entries().await.unwrap();
    let index = follicle::domain::search::SearchIndex::new(rows);
    let hits = index.search_top(&follicle::domain::search::Query::parse("wangc"), 10);
    assert_eq!(hits.iter().map(|h| index.entry(h).id.clone()).collect::<Vec<_>>(), [wang.id.clone()]);
    let consents: Vec<ConsentRecord> = b.db.all_by("by_customer", &wang.id).await.unwrap();
    assert_eq!(consents.len(), 1, "the consent came with the customer");

    // A second sync of either has nothing new.
    assert_eq!(a.sync().await.unwrap().pushed, 0);
    assert_eq!(b.sync().await.unwrap().pulled, 0);
}

#[wasm_bindgen_test]
async fn a_photo_added_on_one_tablet_reaches_the_other_byte_for_byte() {
    let database = store_db("photo").await;
    let a = Tablet::new("photo", "前台", &database).await;
    let b = Tablet::new("photo", "护理室", &database).await;
    let li = person("李兰", "13900139000", &a);
    a.db.save_registration(&li, &[consent(&li, ConsentKind::SensitiveInfo, &a)]).await.unwrap();
    a.sync().await.unwrap();
    b.sync().await.unwrap();

    let image_bytes: Vec<u8> = (0..250_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    let thumb_bytes: Vec<u8> = (0..9_000u32).map(|i| (i % 253) as u8).collect();
    let blob = |bytes: &[u8]| {
        let bag = web_sys::BlobPropertyBag::new();
        bag.set_type("image/webp");
        web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)), &bag).unwrap()
    };
    let photo = PhotoMeta {
        id: new_id(),
        meta: Meta::new(&b.stamp(2_000)),
        customer_id: li.id.clone(),
        kind: PhotoKind::Camera,
        site: ScalpSite::Crown,
        taken_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        note: None,
        width: 1600,
        height: 1200,
        bytes: (image_bytes.len() + thumb_bytes.len()) as u64,
        alignments: Vec::new(),
    };
    b.db.save_photo(&photo, &blob(&image_bytes), &blob(&thumb_bytes), &b.stamp(2_000)).await.unwrap();
    b.sync().await.unwrap();
    a.sync().await.unwrap();

    let there: Vec<PhotoMeta> = a.db.photos_of(&li.id).await.unwrap();
    assert_eq!(there, [photo.clone()]);
    let image = a.db.photo_blob(&photo.id, false).await.unwrap().expect("the picture came");
    let thumb = a.db.photo_blob(&photo.id, true).await.unwrap().expect("the thumbnail came");
    let bytes = |b: web_sys::Blob| async move { js_sys::Uint8Array::new(&JsFuture::from(b.array_buffer()).await.unwrap()).to_vec() };
    assert!(bytes(image).await == image_bytes, "image byte for byte");
    assert!(bytes(thumb).await == thumb_bytes, "thumbnail byte for byte");
}

#[wasm_bindgen_test]
async fn two_tablets_editing_one_customer_offline_agree_on_the_winner_and_keep_the_conflict() {
    let database = store_db("conflict").await;
    let a = Tablet::new("conflict", "前台", &database).await;
    let b = Tablet::new("conflict", "护理室", &database).await;
    let zhao = person("赵敏", "13700137000", &a);
    a.db.save_registration(&zhao, &[]).await.unwrap();
    a.sync().await.unwrap();
    b.sync().await.unwrap();

    // Offline, each changes a different field.
    a.db.edit_customer(&zhao.id, &a.stamp(5_000), |c| c.appearance_notes = Some("短发，戴眼镜".into())).await.unwrap();
    b.db.edit_customer(&zhao.id, &b.stamp(6_000), |c| c.life_notes = Some("刚退休".into())).await.unwrap();
    a.sync().await.unwrap();
    b.sync().await.unwrap();
    a.sync().await.unwrap();

    let (on_a, on_b) = (a.customer(&zhao.id).await.unwrap(), b.customer(&zhao.id).await.unwrap());
    assert_eq!(on_a, on_b, "both tablets show the same winner");
    let doc = doc_id(kind_of_store(schema::CUSTOMERS).unwrap(), &zhao.id);
    let (ea, eb) = (a.db.doc_entry(&doc).await.unwrap().unwrap(), b.db.doc_entry(&doc).await.unwrap().unwrap());
    assert_eq!(ea.winner(), eb.winner());
    assert_eq!(ea.tree.conflicts(), eb.tree.conflicts(), "the same conflict on both");
    assert_eq!(ea.tree.conflicts().len(), 1, "the other version is kept, not dropped");
    // The losing version's body is here to compare, on both tablets.
    for entry in [&ea, &eb] {
        let other = &entry.conflicts[0].body;
        let winner_has_appearance = on_a.appearance_notes.is_some();
        if winner_has_appearance {
            assert_eq!(other["life_notes"], "刚退休", "{other}");
        } else {
            assert_eq!(other["appearance_notes"], "短发，戴眼镜", "{other}");
        }
    }
    let (_, server) = server_doc(&database, &doc).await;
    assert_eq!(server["_conflicts"].as_array().map(|c| c.len()), Some(1), "the server has the same conflict: {server}");
}

#[wasm_bindgen_test]
async fn an_erasure_on_one_tablet_removes_the_customer_and_their_records_on_the_other() {
    let database = store_db("erase").await;
    let a = Tablet::new("erase", "前台", &database).await;
    let b = Tablet::new("erase", "护理室", &database).await;
    let xie = person("解晓东", "13544445555", &a);
    a.db.save_registration(&xie, &[consent(&xie, ConsentKind::PersonalInfo, &a)]).await.unwrap();
    let visit = FollowUpEntry { customer_id: xie.id.clone(), content: "电话回访".into(), at: 2_000, ..Default::default() }.made(&a.stamp(2_000));
    a.db.log_follow_up(&visit, &a.stamp(2_000)).await.unwrap();
    a.sync().await.unwrap();
    b.sync().await.unwrap();
    assert!(b.customer(&xie.id).await.is_some());

    // Meanwhile B logs another visit, not knowing of the erasure to come.
    let late = FollowUpEntry { customer_id: xie.id.clone(), content: "上门".into(), at: 3_000, ..Default::default() }.made(&b.stamp(3_000));
    b.db.log_follow_up(&late, &b.stamp(3_000)).await.unwrap();
    a.db.delete_customer(&xie.id, "李店长", &a.stamp(4_000)).await.unwrap();
    a.sync().await.unwrap();
    b.sync().await.unwrap();
    a.sync().await.unwrap();

    for (name, t) in [("A", &a), ("B", &b)] {
        assert!(t.customer(&xie.id).await.is_none(), "{name}: the customer is gone");
        let left: Vec<FollowUpEntry> = t.db.all_by("by_customer", &xie.id).await.unwrap();
        assert!(left.is_empty(), "{name}: no follow-up left, not even the one logged late: {left:?}");
        assert!(!t.db.search_entries().await.unwrap().iter().any(|e| e.id == xie.id), "{name}: not in the lists");
    }
    let (status, _) = server_doc(&database, &format!("customer:{}", xie.id)).await;
    assert_eq!(status, 404, "deleted on the server");
    let (status, _) = server_doc(&database, &format!("followup:{}", late.id)).await;
    assert_eq!(status, 404, "the late visit is deleted on the server too");
}

/// What a fresh load of a tablet's staff search finds (a new connection, as after a
/// sign-in), checked against its search rows entry by entry.
async fn fresh_search(t: &Tablet) -> follicle::domain::search::SearchIndex {
    let db = Db::open(&t.db.name(), OpenHooks::default()).await.unwrap();
    let (mut paged, mut rows) = (db.search_entries().await.unwrap(), db.search_entries_from_rows().await.unwrap());
    db.close();
    paged.sort_by(|a, b| a.id.cmp(&b.id));
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(paged, rows, "the search pages hold every search row as stored");
    follicle::domain::search::SearchIndex::new(paged)
}

fn found(index: &follicle::domain::search::SearchIndex, q: &str) -> Vec<String> {
    index.search(&follicle::domain::search::Query::parse(q)).iter().map(|h| index.entry(h).id.clone()).collect()
}

#[wasm_bindgen_test]
async fn a_customer_received_by_replication_is_found_after_a_fresh_load_and_not_once_erased() {
    let database = store_db("pages").await;
    let a = Tablet::new("pages", "前台", &database).await;
    let b = Tablet::new("pages", "护理室", &database).await;
    let wang = person("王超", "13800138000", &a);
    let li = person("李娜", "13900001111", &a);
    for c in [&wang, &li] {
        a.db.save_registration(c, &[]).await.unwrap();
    }
    a.sync().await.unwrap();
    b.sync().await.unwrap();
    assert_eq!(found(&fresh_search(&b).await, "wangc"), [wang.id.clone()]);
    b.db.fold_search_changes(0).await.unwrap();
    assert_eq!(found(&fresh_search(&b).await, "wangc"), [wang.id.clone()], "from its page");

    // An edit received over the line in the page.
    a.db.edit_customer(&wang.id, &a.stamp(5_000), |c| c.name = "赵敏".into()).await.unwrap();
    a.sync().await.unwrap();
    b.sync().await.unwrap();
    let index = fresh_search(&b).await;
    assert_eq!(found(&index, "zhaomin"), [wang.id.clone()]);
    assert!(found(&index, "wangchao").is_empty(), "not by the old name");

    // An erasure received: gone from the search and from its pages.
    b.db.fold_search_changes(0).await.unwrap();
    a.db.delete_customer(&wang.id, "李店长", &a.stamp(6_000)).await.unwrap();
    a.sync().await.unwrap();
    b.sync().await.unwrap();
    let index = fresh_search(&b).await;
    assert!(found(&index, "zhaomin").is_empty() && found(&index, "8000").is_empty());
    assert_eq!(found(&index, "lina"), [li.id.clone()]);
    let text = b.db.search_pages_text().await.unwrap();
    assert!(text.contains("李娜") && !text.contains("赵敏") && !text.contains(wang.id.as_str()), "{text}");
}

/// Makes every `_bulk_docs` request after the first `n` fail as a network failure
/// would (the server gone mid-push), until [`restore_fetch`].
fn cut_bulk_docs_after(n: u32) {
    js_sys::eval(&format!(
        "window.__fetch = window.__fetch || window.fetch; window.__bulk = 0; \
         window.fetch = (u, i) => (String(u).includes('_bulk_docs') && ++window.__bulk > {n}) \
           ? Promise.reject(new TypeError('connection cut')) : window.__fetch(u, i);"
    ))
    .unwrap();
}

fn restore_fetch() {
    js_sys::eval("if (window.__fetch) { window.fetch = window.__fetch; }").unwrap();
}

#[wasm_bindgen_test]
async fn a_sync_cut_short_finishes_later_with_nothing_lost_or_doubled() {
    let database = store_db("cut").await;
    let a = Tablet::new("cut", "前台", &database).await;
    let people: Vec<Customer> = (0..450).map(|i| person(&format!("顾客{i}"), &format!("1380000{i:04}"), &a)).collect();
    for c in &people {
        a.db.save_registration(c, &[]).await.unwrap();
    }
    // The server goes away after the first request of the push was accepted.
    cut_bulk_docs_after(1);
    let first = a.sync().await;
    restore_fetch();
    assert!(matches!(&first, Err(SyncFailure::Peer(e)) if e.kind == ErrorKind::Network), "{first:?}");
    let (_, info) = raw("GET", &format!("{}/{database}", server_url()), Some(admin()), None).await;
    let part = info["doc_count"].as_u64().unwrap();
    assert!(part > 0 && part < 451, "part of it arrived: {info}");
    assert!(a.db.changes_waiting(0).await.unwrap() >= 450, "nothing is lost here");

    // Back again: the sync finishes, each record once, no conflict made.
    let report = a.sync().await.unwrap();
    assert!(report.pushed > 0 && report.pushed <= 451, "{report:?}");
    assert_eq!(a.sync().await.unwrap().pushed, 0, "nothing sent twice");
    let (_, info) = raw("GET", &format!("{}/{database}", server_url()), Some(admin()), None).await;
    assert_eq!(info["doc_count"].as_u64(), Some(451), "450 customers and the store's settings, each once: {info}");
    for c in people.iter().step_by(50) {
        let (status, doc) = server_doc(&database, &format!("customer:{}", c.id)).await;
        assert_eq!(status, 200);
        assert!(doc.get("_conflicts").is_none(), "no second version made: {doc}");
    }
}

#[wasm_bindgen_test]
async fn a_too_large_request_is_sent_again_in_smaller_ones() {
    let database = store_db("large").await;
    let a = Tablet::new("large", "前台", &database).await;
    // 200 customers with long notes: one request of them all is over the server's limit.
    let max: usize = option_env!("FOLLICLE_COUCH_MAX_REQUEST").expect(HOW).parse().unwrap();
    let note = "长".repeat(max / 200);
    for i in 0..200 {
        let mut c = person(&format!("顾客{i}"), &format!("1390000{i:04}"), &a);
        c.notes = Some(note.clone());
        a.db.save_registration(&c, &[]).await.unwrap();
    }
    let report = a.sync().await.unwrap();
    assert_eq!(report.pushed, 201, "{report:?}");
    assert!(report.halvings >= 1, "the server said 413 and the request was halved: {report:?}");
    let (_, info) = raw("GET", &format!("{}/{database}", server_url()), Some(admin()), None).await;
    assert_eq!(info["doc_count"].as_u64(), Some(201), "every customer arrived once: {info}");
}

#[wasm_bindgen_test]
async fn a_wrong_password_is_said_in_words_and_loses_nothing() {
    let database = store_db("password").await;
    let mut a = Tablet::new("password", "前台", &database).await;
    let c = person("钱多多", "13500005555", &a);
    a.db.save_registration(&c, &[]).await.unwrap();
    a.config.password = "not-the-password".into();
    let failed = a.sync().await.unwrap_err();
    let failure = follicle::actions::sync::Failure::of(&failed);
    assert_eq!(failure, follicle::actions::sync::Failure::SignIn);
    let said = failure.message().get(follicle::i18n::Lang::Zh);
    assert!(said.contains("密码") && said.contains("店长"), "in words, with what to do: {said}");
    assert!(a.customer(&c.id).await.is_some(), "nothing lost");
    assert!(a.db.changes_waiting(0).await.unwrap() >= 1, "still waiting to go");
    let (status, _) = server_doc(&database, &format!("customer:{}", c.id)).await;
    assert_eq!(status, 404, "nothing reached the server");
    let _ = &mut a;
}

#[wasm_bindgen_test]
async fn an_appointment_booked_on_one_tablet_shows_on_the_other_and_its_check_in_comes_back() {
    use follicle::domain::appointment::{Appointment, Attendance, Change, ChangeKind};
    let database = store_db("appointment").await;
    let a = Tablet::new("appointment", "前台", &database).await;
    let b = Tablet::new("appointment", "护理室", &database).await;
    let wang = person("王超", "13800138000", &a);
    a.db.save_registration(&wang, &[consent(&wang, ConsentKind::PersonalInfo, &a)]).await.unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let s = a.stamp(2_000);
    let booked = Appointment {
        customer_id: wang.id.clone(),
        day,
        time: chrono::NaiveTime::from_hms_opt(10, 30, 0).unwrap(),
        purpose: "头皮护理".into(),
        staff: "小张".into(),
        changes: vec![Change { at: 2_000, by_staff: "李店长".into(), what: ChangeKind::Booked }],
        ..Default::default()
    }
    .made(&s);
    a.db.book_appointment(&booked, &s).await.unwrap();
    a.sync().await.unwrap();
    let (status, doc) = server_doc(&database, &format!("appointment:{}", booked.id)).await;
    assert_eq!((status, doc["purpose"].as_str()), (200, Some("头皮护理")), "{doc}");

    b.sync().await.unwrap();
    let there = b.db.appointments_between(day, day).await.unwrap();
    assert_eq!(there.len(), 1, "the other tablet's book for that day shows it");
    assert_eq!((there[0].id.as_str(), there[0].staff.as_str()), (booked.id.as_str(), "小张"));

    // Checked in on the other tablet: the visit and the arrival come back.
    let now = 3_000;
    let visit = FollowUpEntry { customer_id: wang.id.clone(), at: now, method: Some(ContactMethod::InStore), content: "预约到店".into(), ..Default::default() }.made(&b.stamp(now));
    b.db.change_appointment(&booked.id, &b.stamp(now), |x| x.check_in(now, day, "小张"), Some(visit)).await.unwrap();
    b.sync().await.unwrap();
    a.sync().await.unwrap();
    let back: Appointment = a.db.get(&booked.id).await.unwrap().unwrap();
    assert_eq!(back.attendance, Attendance::Arrived);
    assert_eq!(back.changes.len(), 2);
}
