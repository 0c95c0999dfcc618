//! Benchmark, not a test: `bash scripts/bench.sh` runs it (ignored by the test suite)
//! and asserts nothing about time. A store's photos backed up and restored in
//! headless Chromium on real IndexedDB and WebCrypto: 2,000 customers (unless
//! `FOLLICLE_BENCH_PHOTOS` said otherwise when it was built), one photo each of
//! ~250 KB of incompressible bytes plus a thumbnail, as the app stores them. Prints
//! one `BENCH <figure> <photos> <value>` line per figure; `scripts/bench.py` makes
//! the table. The figures:
//! - an encrypted backup: time until the file exists, its size;
//! - its restore: reading, decrypting and checking the whole file, then the Replace
//!   into an empty database (one transaction);
//! - peak memory during each: Chromium's `performance.memory.usedJSHeapSize` (precise:
//!   webdriver.json) plus the wasm memory, sampled at every progress step and every
//!   50 ms, and the same at rest before (after a garbage collection). The aim is
//!   under 200 MB, and no growth with the number of photos.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::images::Rng;
use common::*;
use follicle::domain::backup::Mode;
use follicle::domain::*;
use follicle::storage::backup::open_backup;
use follicle::storage::{Db, OpenHooks};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Blob;

wasm_bindgen_test_configure!(run_in_browser);

const PHOTO_BYTES: usize = 250_000;
const THUMB_BYTES: usize = 20_000;
const PASS: &str = "门店备份 2026";

fn photos() -> usize {
    option_env!("FOLLICLE_BENCH_PHOTOS").and_then(|s| s.trim().parse().ok()).unwrap_or(2_000)
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn report(figure: &str, n: usize, value: impl std::fmt::Display) {
    console_log!("BENCH\t{figure}\t{n}\t{value}");
}

fn wasm_mb() -> f64 {
    let wasm: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    wasm.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64 / 1e6
}

/// JS heap used plus wasm memory, MB (`gc` first when asked and offered).
fn memory_mb(gc: bool) -> f64 {
    let window = web_sys::window().unwrap();
    if gc {
        if let Ok(gc) = js_sys::Reflect::get(&window, &"gc".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
            let _ = gc.call0(&JsValue::NULL);
        }
    }
    let performance: JsValue = window.performance().unwrap().into();
    let heap = js_sys::Reflect::get(&performance, &"memory".into())
        .and_then(|m| js_sys::Reflect::get(&m, &"usedJSHeapSize".into()))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    heap / 1e6 + wasm_mb()
}

/// The highest [`memory_mb`] seen while it lives: at each `sample()` and every 50 ms.
struct Peak {
    peak: Rc<Cell<f64>>,
    timer: i32,
    _tick: Closure<dyn FnMut()>,
}

impl Peak {
    fn start() -> Self {
        let peak = Rc::new(Cell::new(memory_mb(false)));
        let p = peak.clone();
        let tick = Closure::<dyn FnMut()>::new(move || p.set(p.get().max(memory_mb(false))));
        let timer = web_sys::window().unwrap().set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 50).unwrap();
        Peak { peak, timer, _tick: tick }
    }

    fn sampler(&self) -> impl Fn(follicle::storage::backup::Progress) {
        let p = self.peak.clone();
        move |_| p.set(p.get().max(memory_mb(false)))
    }

    fn stop(self) -> f64 {
        web_sys::window().unwrap().clear_interval_with_handle(self.timer);
        self.peak.get().max(memory_mb(false))
    }
}

fn bytes_blob(bytes: &[u8], mime: &str) -> Blob {
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&Array::of1(&Uint8Array::from(bytes)), &bag).unwrap()
}

fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed | 1);
    (0..len).map(|_| rng.next() as u8).collect()
}

/// `n` customers with the sensitive consent and one photo each; the pictures come
/// from a pool of eight, each stored as its own copy.
async fn seeded(name: &str, n: usize) -> Db {
    let db = Db::open(name, OpenHooks::default()).await.unwrap();
    db.save_settings(&AppSettings::from_setup("朝阳店", "前台", "abcd1234").unwrap()).await.unwrap();
    let pool: Vec<(Blob, Blob)> =
        (0..8u64).map(|k| (bytes_blob(&noise(PHOTO_BYTES, k), "image/webp"), bytes_blob(&noise(THUMB_BYTES, 100 + k), "image/webp"))).collect();
    for start in (0..n).step_by(500) {
        let customers: Vec<Customer> = (start..(start + 500).min(n)).map(|i| Customer::new(&format!("顾客{i}"), &format!("138{i:08}"), &stamp(1_000))).collect();
        db.save_customers(&customers).await.unwrap();
        let consents: Vec<ConsentRecord> = customers.iter().map(|c| given_consent(c, ConsentKind::SensitiveInfo)).collect();
        db.put_all(&consents).await.unwrap();
        for (i, c) in customers.iter().enumerate() {
            let photo = PhotoMeta {
                id: new_id(),
                meta: Meta::new(&stamp(2_000)),
                customer_id: c.id.clone(),
                kind: PhotoKind::Camera,
                site: ScalpSite::Crown,
                taken_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                note: None,
                width: 1600,
                height: 1200,
                bytes: PHOTO_BYTES as u64,
                alignments: Vec::new(),
            };
            let (image, thumb) = &pool[(start + i) % pool.len()];
            db.save_photo(&photo, image, thumb, &stamp(2_000)).await.unwrap();
        }
        console_log!("progress: {} photos seeded", (start + 500).min(n));
    }
    db
}

#[wasm_bindgen_test]
#[ignore]
async fn bench_backup_and_restore_of_a_stores_photos() {
    let n = photos();
    let t = now();
    let db = seeded(&unique_db("bench-backup"), n).await;
    console_log!("progress: seeded {n} photos in {:.0} s", (now() - t) / 1e3);
    let settings = AppSettings::from_setup("朝阳店", "前台", "abcd1234").unwrap();
    report("backup_rest_mb", n, format!("{:.0}", memory_mb(true)));

    let peak = Peak::start();
    let sample = peak.sampler();
    let t = now();
    let made = db.export_backup(&settings, Some(PASS), 9_000, &sample).await.unwrap();
    let backup_ms = now() - t;
    let backup_peak = peak.stop();
    report("backup_ms", n, format!("{backup_ms:.0}"));
    report("backup_file_mb", n, format!("{:.0}", made.file.size() / 1e6));
    report("backup_peak_mb", n, format!("{backup_peak:.0}"));
    // Wasm memory only grows: what it is now is its peak.
    report("backup_wasm_mb", n, format!("{:.0}", wasm_mb()));
    db.close();

    let dst = Db::open(&unique_db("bench-restore"), OpenHooks::default()).await.unwrap();
    memory_mb(true);
    let peak = Peak::start();
    let sample = peak.sampler();
    let t = now();
    let opened = open_backup(&made.file, Some(PASS), &sample).await.unwrap();
    let open_ms = now() - t;
    let t = now();
    let restored = dst.restore_backup(&opened, Mode::Replace, "李店长", &stamp(10_000)).await.unwrap();
    let write_ms = now() - t;
    let restore_peak = peak.stop();
    assert_eq!(restored.by_store[follicle::storage::schema::PHOTOS].added as usize, n);
    report("restore_open_ms", n, format!("{open_ms:.0}"));
    report("restore_write_ms", n, format!("{write_ms:.0}"));
    report("restore_ms", n, format!("{:.0}", open_ms + write_ms));
    report("restore_peak_mb", n, format!("{restore_peak:.0}"));
    report("restore_wasm_mb", n, format!("{:.0}", wasm_mb()));
}
