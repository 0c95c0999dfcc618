//! Benchmark, not a test: `bash scripts/bench.sh` runs it through
//! `scripts/couch_test_server.py run` (ignored by the test suite), and asserts nothing
//! about time. One store's worth of records goes through the real replicator and a
//! real CouchDB-protocol server (pouchdb-server, in memory, on this machine):
//! - tablet A holds 10,000 synthetic customers with their consents, and 500 photos
//!   (1600×1200 WebP and a thumbnail each) of 250 of them; its first push is timed;
//! - a fresh tablet B's first pull of all of it: documents per second, total time,
//!   wasm memory and JS heap after it (wasm memory only grows: its size after is its
//!   peak), the photos fetched a few at a time;
//! - A's first pull after its push (its own documents come back: nothing to fetch);
//! - one change on A visible on B after both sync (A's sync, then B's), seconds, the
//!   two already in step.
//!
//! Prints `BENCH <figure> <customers> <value>` lines for `scripts/bench.py`'s table.
//! `FOLLICLE_BENCH_SYNC` = "customers,photos" at build time changes the numbers.
#![cfg(target_arch = "wasm32")]

mod common;

use common::images::{encode, photo_canvas, DENSE_HAIR};
use common::synthetic;
use common::*;
use follicle::domain::settings::SyncSettings;
use follicle::domain::*;
use follicle::storage::replica::Applied;
use follicle::storage::{Db, OpenHooks};
use follicle::sync::engine::{self, Progress, SyncReport};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, Headers, RequestInit, Response};

wasm_bindgen_test_configure!(run_in_browser);

const HOW: &str = "no test server: run through `python3 scripts/couch_test_server.py run -- cargo test …`";
/// Customers written per transaction while seeding A.
const BATCH: usize = 2_000;

fn numbers() -> (usize, usize) {
    let text = option_env!("FOLLICLE_BENCH_SYNC").unwrap_or("10000,500");
    let mut parts = text.split(',').map(|s| s.trim().parse::<usize>().expect("FOLLICLE_BENCH_SYNC=customers,photos"));
    (parts.next().unwrap(), parts.next().unwrap_or(0))
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn report(figure: &str, n: usize, value: impl std::fmt::Display) {
    console_log!("BENCH\t{figure}\t{n}\t{value}");
}

fn progress(what: &str) {
    console_log!("progress: sync: {what}");
}

fn js_heap_mb() -> Option<f64> {
    let window = web_sys::window()?;
    if let Ok(gc) = js_sys::Reflect::get(&window, &"gc".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = gc.call0(&JsValue::NULL);
    }
    let performance: JsValue = window.performance()?.into();
    let memory = js_sys::Reflect::get(&performance, &"memory".into()).ok()?;
    Some(js_sys::Reflect::get(&memory, &"usedJSHeapSize".into()).ok()?.as_f64()? / 1e6)
}

fn wasm_mb() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64 / 1e6
}

fn pair(s: &'static str) -> (&'static str, &'static str) {
    s.split_once(':').expect("user:password")
}

async fn raw(method: &str, url: &str, auth: (&str, &str), body: Option<Value>) -> (u16, Value) {
    let headers = Headers::new().unwrap();
    headers.set("Accept", "application/json").unwrap();
    let token = follicle::domain::export::base64(format!("{}:{}", auth.0, auth.1).as_bytes());
    headers.set("Authorization", &format!("Basic {token}")).unwrap();
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

struct Tablet {
    db: Db,
    settings: AppSettings,
    config: SyncSettings,
}

impl Tablet {
    async fn new(device: &str, database: &str) -> Tablet {
        let db = Db::open(&unique_db(&format!("bench-sync-{device}")), OpenHooks::default()).await.unwrap();
        let settings = AppSettings::from_setup("北京朝阳店", device, &new_id()[..8]).unwrap();
        db.save_settings(&settings).await.unwrap();
        let (username, password) = pair(option_env!("FOLLICLE_COUCH_USER").expect(HOW));
        let config = SyncSettings {
            server: option_env!("FOLLICLE_COUCH_URL").expect(HOW).into(),
            database: database.into(),
            username: username.into(),
            password: password.into(),
        };
        Tablet { db, settings, config }
    }

    async fn sync(&self, on_progress: &dyn Fn(Progress)) -> SyncReport {
        let peer = engine::peer_of(&self.config).unwrap();
        let stamp = || self.settings.stamp(js_sys::Date::now() as i64);
        engine::sync_once(&self.db, &peer, &self.settings.device_id, &stamp, &|_: &Applied| {}, on_progress).await.unwrap()
    }
}

#[wasm_bindgen_test]
#[ignore]
async fn first_pull_and_one_change() {
    let (n, photos) = numbers();
    let server = option_env!("FOLLICLE_COUCH_URL").expect(HOW);
    let admin = pair(option_env!("FOLLICLE_COUCH_ADMIN").expect(HOW));
    let database = format!("bench_sync_{}", &new_id().replace('-', "")[..10]);
    let (status, body) = raw("PUT", &format!("{server}/{database}"), admin, None).await;
    assert_eq!(status, 201, "{body}");
    let security = json!({"admins": {"names": [], "roles": []}, "members": {"names": [pair(option_env!("FOLLICLE_COUCH_USER").unwrap()).0], "roles": []}});
    raw("PUT", &format!("{server}/{database}/_security"), admin, Some(security)).await;

    // Tablet A: the store's records, each with its first revision.
    progress("seeding tablet A");
    let a = Tablet::new("前台", &database).await;
    let today = chrono::Local::now().date_naive();
    let mut sensitive = Vec::new();
    for start in (0..n).step_by(BATCH) {
        let batch = synthetic::batch(start..(start + BATCH).min(n), n, today);
        a.db.save_customers(&batch.customers).await.unwrap();
        a.db.put_all(&batch.consents).await.unwrap();
        sensitive.extend(batch.consents.iter().filter(|c| c.kind == ConsentKind::SensitiveInfo && c.granted).map(|c| c.customer_id.clone()));
    }
    a.db.journal_unjournaled().await.unwrap();
    let mut pool = Vec::new();
    for k in 0..4u64 {
        let hairs = DENSE_HAIR / 3 + k * 300;
        pool.push((
            encode(&photo_canvas(1600, 1200, hairs, 11 + k), "image/webp", 0.85).await,
            encode(&photo_canvas(256, 192, hairs / 6, 11 + k), "image/webp", 0.85).await,
        ));
    }
    let mut photo_bytes = 0u64;
    let step = (sensitive.len() / (photos / 2).max(1)).max(1);
    for k in 0..photos {
        let (image, thumb): &(Blob, Blob) = &pool[k % pool.len()];
        // Two photos each for customers spread over the store.
        let customer = &sensitive[((k / 2) * step) % sensitive.len()];
        let stamp = a.settings.stamp(1_700_000_000_000 + k as i64);
        let photo = PhotoMeta {
            id: format!("bench-photo-{k}"),
            meta: Meta::new(&stamp),
            customer_id: customer.clone(),
            kind: PhotoKind::Trichoscope,
            site: ScalpSite::Crown,
            taken_on: today,
            note: None,
            width: 1600,
            height: 1200,
            bytes: (image.size() + thumb.size()) as u64,
            alignments: Vec::new(),
        };
        photo_bytes += photo.bytes;
        a.db.save_photo(&photo, image, thumb, &stamp).await.unwrap();
    }
    let waiting = a.db.changes_waiting(0).await.unwrap();
    report("sync_docs", n, waiting);
    report("sync_photo_mb", n, format!("{:.0}", photo_bytes as f64 / 1e6));

    progress(&format!("tablet A's first push ({waiting} documents)"));
    let t0 = now();
    let pushed = a.sync(&|_| {}).await;
    let push_s = (now() - t0) / 1000.0;
    report("sync_push_s", n, format!("{push_s:.1}"));
    report("sync_push_docs_per_s", n, format!("{:.0}", pushed.pushed as f64 / push_s));

    // A fresh tablet B: the whole store's first pull.
    progress("tablet B's first pull");
    let b = Tablet::new("护理室", &database).await;
    let (wasm_before, heap_before) = (wasm_mb(), js_heap_mb());
    let t0 = now();
    let last = std::cell::Cell::new(0usize);
    let pulled = b
        .sync(&|p: Progress| {
            if p.pulled / 5_000 > last.get() / 5_000 {
                progress(&format!("pulled {} of {:?}", p.pulled, p.total));
            }
            last.set(p.pulled);
        })
        .await;
    let pull_s = (now() - t0) / 1000.0;
    assert!(pulled.pulled >= n, "every customer arrived: {pulled:?}");
    report("sync_pull_docs", n, pulled.pulled);
    report("sync_pull_s", n, format!("{pull_s:.1}"));
    report("sync_pull_docs_per_s", n, format!("{:.0}", pulled.pulled as f64 / pull_s));
    report("sync_pull_wasm_mb", n, format!("{:.0} (before {:.0})", wasm_mb(), wasm_before));
    report("sync_pull_js_heap_mb", n, js_heap_mb().map_or("n/a".into(), |m| format!("{m:.0} (before {:.0})", heap_before.unwrap_or(0.0))));
    assert_eq!(b.db.search_entries().await.unwrap().len(), n, "B finds every customer");

    // One change on A, seen on B after A's sync and then B's. First each syncs once
    // untimed: A has never pulled (its own documents come back as already here), and
    // the figure is the steady state of two tablets in step.
    progress("both tablets in step");
    let t0 = now();
    a.sync(&|_| {}).await;
    report("sync_catch_up_s", n, format!("{:.1}", (now() - t0) / 1000.0));
    b.sync(&|_| {}).await;
    let id = synthetic::customer(n / 2, today).id;
    let t0 = now();
    a.db.edit_customer(&id, &a.settings.stamp(js_sys::Date::now() as i64), |c| c.notes = Some("基准测试的改动".into())).await.unwrap();
    a.sync(&|_| {}).await;
    b.sync(&|_| {}).await;
    let seen = b.db.get::<Customer>(&id).await.unwrap().and_then(|c| c.notes);
    assert_eq!(seen.as_deref(), Some("基准测试的改动"));
    report("sync_one_change_s", n, format!("{:.2}", (now() - t0) / 1000.0));
}
