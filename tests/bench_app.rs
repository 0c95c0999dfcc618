//! Benchmark, not a test: `bash scripts/bench.sh` runs it (ignored by the test suite)
//! and asserts nothing about time. For each number of synthetic customers (1,000,
//! 10,000, 100,000 unless `FOLLICLE_BENCH_SIZES` said otherwise when it was built) it
//! seeds a fresh database through the storage layer, mounts the real app on it in
//! headless Chromium and prints one `BENCH <figure> <customers> <value>` line per
//! figure; `scripts/bench.py` makes the table. The figures:
//! - seeding: records written per second (generation not counted; pictures apart,
//!   as pictures per second), disk use
//!   (`navigator.storage.estimate`), JS heap and wasm memory with the search loaded;
//! - the staff search: from the search screen drawn until it is ready to type (rows
//!   read, index built, the index's memory), then each keystroke of 200 queries typed
//!   one key at a time, one backspace, the query pasted whole, until its results are
//!   drawn (`yew::scheduler::flush`) — narrowing keystrokes (searched within the
//!   previous hits) and fresh ones apart; and every keystroke's text searched afresh
//!   in memory for the best 50, without drawing;
//! - the naive baseline: the same keystrokes searched by a cursor over every customer
//!   record, deriving each name's pinyin as it goes (the first 20 keystrokes only: at
//!   100,000 customers each one takes seconds);
//! - a customer card: from the tap on a search result until the card's content is in
//!   the DOM; a comparison: from the tap on 头发变化 until both full-size pictures
//!   are decoded (`img.decode()`);
//! - saving a registration: the customer and three consents, until the transaction
//!   commits.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::images::{encode, photo_canvas, DENSE_HAIR};
use common::synthetic;
use common::*;
use follicle::domain::registration::Draft;
use follicle::domain::search::{Entry, Matcher, Query, SearchIndex};
use follicle::domain::{AppSettings, Gender, Stamp};
use follicle::storage::{device, Db, OpenHooks};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Keystrokes the naive baseline searches, from the start of the query list.
const NAIVE_KEYSTROKES: usize = 20;
/// Cards opened (median reported), and comparisons opened.
const CARDS: usize = 10;
const COMPARISONS: usize = 5;
const REGISTRATIONS: usize = 10;
/// Customers written per transaction while seeding.
const BATCH: usize = 2_000;

fn sizes() -> Vec<usize> {
    option_env!("FOLLICLE_BENCH_SIZES")
        .unwrap_or("1000,10000,100000")
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn report(figure: &str, n: usize, value: impl std::fmt::Display) {
    console_log!("BENCH\t{figure}\t{n}\t{value}");
}

/// Progress, for the person waiting (not part of the table).
fn progress(n: usize, what: &str) {
    console_log!("progress: {n} customers: {what}");
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The moment (performance.now) `check` first holds, watching `root` for changes:
/// a MutationObserver runs right after each change, so no polling interval blurs it.
async fn when(root: &Element, check: impl Fn() -> bool + 'static) -> f64 {
    if check() {
        return now();
    }
    let resolve: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let slot = resolve.clone();
    let promise = js_sys::Promise::new(&mut |ok, _| *slot.borrow_mut() = Some(ok));
    let on_change = Closure::<dyn FnMut(js_sys::Array, web_sys::MutationObserver)>::new(move |_, observer: web_sys::MutationObserver| {
        if check() {
            let at = now();
            observer.disconnect();
            if let Some(ok) = resolve.borrow_mut().take() {
                let _ = ok.call1(&JsValue::NULL, &at.into());
            }
        }
    });
    let observer = web_sys::MutationObserver::new(on_change.as_ref().unchecked_ref()).unwrap();
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_character_data(true);
    options.set_attributes(true);
    observer.observe_with_options(root, &options).unwrap();
    let at = JsFuture::from(promise).await.unwrap().as_f64().unwrap();
    drop(on_change);
    at
}

fn has(root: &Element, selector: &str) -> bool {
    root.query_selector(selector).ok().flatten().is_some()
}

fn text_has(root: &Element, text: &str) -> bool {
    root.text_content().is_some_and(|t| t.contains(text))
}

/// Chromium's `performance.memory.usedJSHeapSize` in MB, if it reports one (after a
/// garbage collection where the browser offers `gc()`).
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

/// Four different full-size pictures (1600×1200 WebP, as the app stores them) and
/// their thumbnails, shared by every customer with pictures.
async fn picture_pool() -> Vec<(Blob, Blob)> {
    let mut pool = Vec::new();
    for k in 0..4u64 {
        let hairs = DENSE_HAIR / 3 + k * 300;
        let image = encode(&photo_canvas(1600, 1200, hairs, 11 + k), "image/webp", 0.85).await;
        let thumb = encode(&photo_canvas(256, 192, hairs / 6, 11 + k), "image/webp", 0.85).await;
        pool.push((image, thumb));
    }
    pool
}

/// A tablet past first-run setup whose idle timer never interrupts the benchmark.
async fn set_up(name: &str) {
    let db = Db::open(name, OpenHooks::default()).await.unwrap();
    let mut settings = AppSettings::from_setup("北京朝阳店", "前台平板", "bench0001").unwrap();
    settings.idle_timeout_secs = u32::MAX;
    let manager = member(&settings, MANAGER, MANAGER_PIN, follicle::domain::staff::StaffRole::Manager).await;
    db.set_up(Some(&settings), &manager).await.unwrap().unwrap();
    db.close();
}

/// What seeding wrote and how long the writes took (generation not counted).
#[derive(Default)]
struct Seeded {
    records: usize,
    records_ms: f64,
    photos: usize,
    photos_ms: f64,
}

/// Writes `n` customers and everything that hangs off them, pictures apart.
async fn seed(db: &Db, n: usize, pool: &[(Blob, Blob)]) -> Seeded {
    let mut out = Seeded::default();
    for start in (0..n).step_by(BATCH) {
        let batch = synthetic::batch(start..(start + BATCH).min(n), n, today());
        out.records += batch.records() - batch.photos.len();
        let t0 = now();
        db.save_customers(&batch.customers).await.unwrap();
        db.put_all(&batch.consents).await.unwrap();
        db.put_all(&batch.follow_ups).await.unwrap();
        db.put_all(&batch.purchases).await.unwrap();
        db.put_all(&batch.measurements).await.unwrap();
        let t1 = now();
        for (k, photo) in batch.photos.iter().enumerate() {
            let (image, thumb) = &pool[k % pool.len()];
            let mut photo = photo.clone();
            photo.bytes = (image.size() + thumb.size()) as u64;
            db.save_photo(&photo, image, thumb, &Stamp { store_id: photo.meta.store_id.clone(), device_id: photo.meta.device_id.clone(), now: photo.meta.created_at }).await.unwrap();
        }
        out.photos += batch.photos.len();
        out.records_ms += t1 - t0;
        out.photos_ms += now() - t1;
        if start % 20_000 == 0 && start > 0 {
            progress(n, &format!("{start} seeded"));
        }
    }
    out
}

#[wasm_bindgen_test]
#[ignore]
async fn app_figures() {
    let pool = picture_pool().await;
    for n in sizes() {
        figures(n, &pool).await;
    }
}

/// One keystroke of the benchmark's typing: the search box's text after it, whether
/// it only added to the previous text (the screen then searches the previous hits
/// only), and whether the box is emptied first (unmeasured) — a paste.
struct Keystroke {
    text: String,
    narrows: bool,
    from_empty: bool,
}

/// Each query typed one key at a time (its first key, a phone digit, cannot narrow),
/// then one backspace (widens), then pasted whole into the emptied box.
fn keystroke_texts(queries: &[String]) -> Vec<Keystroke> {
    let mut out = Vec::new();
    for q in queries {
        let chars: Vec<char> = q.chars().collect();
        let mut previous = Query::Empty;
        for end in 1..=chars.len() {
            let text: String = chars[..end].iter().collect();
            let query = Query::parse(&text);
            out.push(Keystroke { narrows: query.narrows(&previous), text, from_empty: end == 1 });
            previous = query;
        }
        if chars.len() > 1 {
            out.push(Keystroke { text: chars[..chars.len() - 1].iter().collect(), narrows: false, from_empty: false });
        }
        out.push(Keystroke { text: q.clone(), narrows: false, from_empty: true });
    }
    out
}

/// The search rows read as before the pages (one record per customer), on a raw
/// connection, in parts: IndexedDB's getAll, the rows into Rust (joined into one
/// string in the browser), the lines parsed into entries.
async fn rows_read_phases(name: &str) -> [f64; 3] {
    async fn request(request: JsValue) -> JsValue {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            js_sys::Reflect::set(&request, &"onsuccess".into(), &resolve).unwrap();
        });
        JsFuture::from(promise).await.unwrap();
        js_sys::Reflect::get(&request, &"result".into()).unwrap()
    }
    let call = |target: &JsValue, method: &str, args: &[JsValue]| -> JsValue {
        let f: js_sys::Function = js_sys::Reflect::get(target, &method.into()).unwrap().unchecked_into();
        f.apply(target, &args.iter().collect::<js_sys::Array>()).unwrap()
    };
    let factory = js_sys::Reflect::get(&web_sys::window().unwrap(), &"indexedDB".into()).unwrap();
    let db = request(call(&factory, "open", &[name.into()])).await;
    let tx = call(&db, "transaction", &["search_rows".into(), "readonly".into()]);
    let store = call(&tx, "objectStore", &["search_rows".into()]);
    let t0 = now();
    let rows: js_sys::Array = request(call(&store, "getAll", &[])).await.unchecked_into();
    let t1 = now();
    let joined = String::from(rows.join("\n"));
    let t2 = now();
    let entries: Vec<Entry> = joined.split('\n').filter_map(Entry::from_row).collect();
    let t3 = now();
    std::hint::black_box(entries);
    call(&db, "close", &[]);
    [t1 - t0, t2 - t1, t3 - t2]
}

async fn figures(n: usize, pool: &[(Blob, Blob)]) {
    let name = unique_db(&format!("bench-{n}"));
    let used_before = device::estimate().await.map_or(0.0, |e| e.used_bytes);
    set_up(&name).await;

    // Seeding through the storage layer's bulk writes.
    progress(n, "seeding");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let seeded = seed(&db, n, pool).await;
    report("seed_records", n, seeded.records);
    report("seed_records_per_s", n, format!("{:.0}", seeded.records as f64 / (seeded.records_ms / 1000.0)));
    report("seed_s", n, format!("{:.1}", seeded.records_ms / 1000.0));
    report("seed_photos", n, seeded.photos);
    report("seed_photos_per_s", n, format!("{:.0}", seeded.photos as f64 / (seeded.photos_ms / 1000.0)));
    db.close();
    if let Some(e) = device::estimate().await {
        report("disk_mb", n, format!("{:.1}", (e.used_bytes - used_before) / 1e6));
    }

    // What opening the search waits for, without the screen: read the rows, build the
    // index (median of 3, each on a fresh connection). The rows as the search reads
    // them (packed in pages, schema v9), and as before, one record per customer — that
    // read in its parts: IndexedDB's getAll, the strings into Rust, the lines parsed.
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    report("search_changes_waiting", n, db.search_changes_waiting().await.unwrap());
    db.fold_search_changes(0).await.unwrap();
    db.close();
    let (mut reads, mut builds, mut old_reads) = (Vec::new(), Vec::new(), Vec::new());
    let mut phases = [Vec::new(), Vec::new(), Vec::new()];
    let mut index = SearchIndex::default();
    for _ in 0..3 {
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        let t0 = now();
        let entries = db.search_entries().await.unwrap();
        let t1 = now();
        index = SearchIndex::new(entries);
        reads.push(t1 - t0);
        builds.push(now() - t1);
        assert_eq!(index.len(), n);
        let t0 = now();
        assert_eq!(db.search_entries_from_rows().await.unwrap().len(), n);
        old_reads.push(now() - t0);
        db.close();
        for (k, ms) in rows_read_phases(&name).await.into_iter().enumerate() {
            phases[k].push(ms);
        }
    }
    report("pages_read_ms", n, format!("{:.0}", sorted(reads)[1]));
    report("rows_read_ms", n, format!("{:.0}", sorted(old_reads)[1]));
    for (k, what) in ["rows_getall_ms", "rows_to_rust_ms", "rows_parse_ms"].into_iter().enumerate() {
        report(what, n, format!("{:.0}", sorted(phases[k].clone())[1]));
    }
    report("index_build_ms", n, format!("{:.0}", sorted(builds)[1]));
    report("index_memory_mb", n, format!("{:.1}", index.memory_bytes() as f64 / 1e6));

    // Fresh queries in memory, no drawing: every keystroke's text (as typed below)
    // searched from scratch for the best 50 (the last queries' hits forgotten first), as if
    // nothing narrowed it and nothing was searched before.
    let queries = synthetic::queries(n, today());
    let mut fresh = Vec::new();
    for typed in keystroke_texts(&queries) {
        let query = Query::parse(&typed.text);
        index.forget_recent();
        let t0 = now();
        let hits = index.search_top(&query, 50);
        fresh.push(now() - t0);
        std::hint::black_box(hits);
    }
    let fresh = sorted(fresh);
    report("fresh_query_p50_ms", n, format!("{:.2}", percentile(&fresh, 0.5)));
    report("fresh_query_p95_ms", n, format!("{:.2}", percentile(&fresh, 0.95)));
    report("fresh_query_max_ms", n, format!("{:.2}", fresh.last().unwrap()));
    drop(index);

    // The real app on this database.
    progress(n, "staff search on screen");
    let root = mount_point();
    let props = follicle::app::AppProps { db_name: name.clone().into(), memory_history: true, clock: Default::default(), screens: follicle::screens::ALL };
    let app = yew::Renderer::<follicle::app::App>::with_root_and_props(root.clone(), props).render();
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    wait_for_text(&root, "员工登录").await;
    let (mut opens, mut sign_ins) = (Vec::new(), Vec::new());
    for attempt in 0..3 {
        if attempt > 0 {
            // Locking forgets the index; signing in again loads it afresh.
            click(&root, "button", "锁定");
            wait_for(5_000, || by_text(&root, "h1", "员工登录")).await;
        }
        type_into(&input_by_label(&root, "密码"), "2468");
        let signed_in = now();
        click(&root, "button", "确认");
        // From the search screen drawn (after the PIN check) until it can be typed in.
        let r = root.clone();
        let shown = when(&root, move || has(&r, "#customer-search")).await;
        let r = root.clone();
        let ready = when(&root, move || text_has(&r, "本机顾客总数")).await;
        opens.push(ready - shown);
        sign_ins.push(ready - signed_in);
    }
    report("search_ready_ms", n, format!("{:.0}", sorted(opens)[1]));
    // From the tap on 确认 (the PIN checked, PBKDF2 included) until the search can be
    // typed in: what a person waits after signing in.
    report("sign_in_to_ready_first_ms", n, format!("{:.0}", sign_ins[0]));
    report("sign_in_to_ready_max_ms", n, format!("{:.0}", sorted(sign_ins.clone())[2]));
    report("sign_in_to_ready_ms", n, format!("{:.0}", sorted(sign_ins)[1]));
    report("js_heap_mb", n, js_heap_mb().map_or("n/a".into(), |m| format!("{m:.0}")));
    report("wasm_memory_mb", n, format!("{:.0}", wasm_mb()));

    // Every keystroke of 200 queries, until its results are drawn: typed one key at a
    // time, then one backspace, then the whole query pasted at once.
    let input: HtmlElement = root.query_selector("#customer-search").unwrap().unwrap().unchecked_into();
    let mut keystrokes: Vec<(String, f64)> = Vec::new();
    let (mut narrowing, mut widening) = (Vec::new(), Vec::new());
    for typed in keystroke_texts(&queries) {
        if typed.from_empty {
            type_into(&input, "");
            yew::scheduler::flush().await;
        }
        let t0 = now();
        type_into(&input, &typed.text);
        yew::scheduler::flush().await;
        let t = now() - t0;
        keystrokes.push((typed.text.clone(), t));
        if typed.narrows { narrowing.push(t) } else { widening.push(t) }
        // The figure counts only if the keystroke's render is really done.
        assert!(text_has(&root, "找到的顾客数") || text_has(&root, "没有找到"), "results drawn after {:?}", typed.text);
    }
    type_into(&input, "");
    yew::scheduler::flush().await;
    let times = sorted(keystrokes.iter().map(|(_, t)| *t).collect());
    report("keystrokes", n, times.len());
    report("keystroke_p50_ms", n, format!("{:.2}", percentile(&times, 0.5)));
    report("keystroke_p95_ms", n, format!("{:.2}", percentile(&times, 0.95)));
    report("keystroke_max_ms", n, format!("{:.2}", times.last().unwrap()));
    for (kind, times) in [("narrowing", sorted(narrowing)), ("fresh", sorted(widening))] {
        report(&format!("keystroke_{kind}_count"), n, times.len());
        report(&format!("keystroke_{kind}_p95_ms"), n, format!("{:.2}", percentile(&times, 0.95)));
        report(&format!("keystroke_{kind}_max_ms"), n, format!("{:.2}", times.last().unwrap()));
    }
    let first = sorted(keystrokes.iter().take(NAIVE_KEYSTROKES).map(|(_, t)| *t).collect());

    // Cards and comparisons, opened from the search by a tap on the result (found by
    // the whole phone number: one result).
    progress(n, "cards and comparisons");
    let pictured: Vec<usize> = (0..n).filter(|i| synthetic::with_photos(*i, n)).collect();
    let (mut cards, mut comparisons) = (Vec::new(), Vec::new());
    for k in 0..CARDS {
        let c = synthetic::customer(pictured[k * pictured.len() / CARDS], today());
        let input: HtmlElement = wait_for(5_000, || root.query_selector("#customer-search").ok().flatten()).await.unchecked_into();
        type_into(&input, &c.phone_digits);
        let link = wait_for(5_000, || root.query_selector(&format!("a.result[href$=\"{}\"]", c.id)).ok().flatten()).await;
        let t0 = now();
        link.unchecked_into::<HtmlElement>().click();
        let r = root.clone();
        cards.push(when(&root, move || has(&r, ".card-grid")).await - t0);

        if k < COMPARISONS {
            let t0 = now();
            click(&root, ".card-actions a", "头发变化");
            let r = root.clone();
            when(&root, move || r.query_selector_all(".side-by-side img").map_or(0, |l| l.length()) == 2).await;
            let images = root.query_selector_all(".side-by-side img").unwrap();
            // Both decodes run at once; the comparison is open when the later is done.
            let decodes: Vec<js_sys::Promise> = (0..2)
                .map(|i| {
                    let img = images.item(i).unwrap();
                    let decode: js_sys::Function = js_sys::Reflect::get(&img, &"decode".into()).unwrap().unchecked_into();
                    decode.call0(&img).unwrap().unchecked_into()
                })
                .collect();
            for d in decodes {
                JsFuture::from(d).await.expect("a stored picture decodes");
            }
            comparisons.push(now() - t0);
            tap(&root, ".card-actions a", "←").await;
            wait_for(5_000, || root.query_selector(".card-grid").ok().flatten()).await;
        }
        tap(&root, "a", "返回查找").await;
    }
    report("card_ms", n, format!("{:.0}", sorted(cards.clone())[CARDS / 2]));
    report("card_max_ms", n, format!("{:.0}", sorted(cards).last().unwrap()));
    report("compare_ms", n, format!("{:.0}", sorted(comparisons.clone())[COMPARISONS / 2]));
    report("compare_max_ms", n, format!("{:.0}", sorted(comparisons).last().unwrap()));
    app.destroy();
    root.remove();

    // Registrations, as the wizard saves them: the customer and three consents.
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut saves = Vec::new();
    for k in 0..REGISTRATIONS {
        let draft = Draft {
            name: "欧阳晓东".into(),
            gender: Some(Gender::Male),
            birth_date: synthetic::birth_text(k),
            phone: format!("1990000{k:04}"),
            consent_personal: true,
            consent_sensitive: true,
            ..Default::default()
        };
        let stamp = Stamp { store_id: "store:北京朝阳店".into(), device_id: "前台平板#bench".into(), now: js_sys::Date::now() as i64 };
        let (customer, consents) = draft.build(&stamp, today()).expect("a valid registration");
        let t0 = now();
        db.save_registration(&customer, &consents).await.unwrap();
        saves.push(now() - t0);
    }
    report("registration_ms", n, format!("{:.1}", sorted(saves.clone())[REGISTRATIONS / 2]));
    report("registration_max_ms", n, format!("{:.1}", sorted(saves).last().unwrap()));

    // The naive way: each keystroke reads every customer through a cursor and ranks
    // it by the same rules, deriving the pinyin as it goes.
    progress(n, "naive cursor scans");
    let mut naive = Vec::new();
    let index = SearchIndex::new(db.search_entries().await.unwrap());
    for (typed, _) in keystrokes.iter().take(NAIVE_KEYSTROKES) {
        let query = Query::parse(typed);
        let t0 = now();
        let matcher = Matcher::new(&query);
        let mut hits = Vec::new();
        db.scan_customers(|c| {
            let entry = follicle::domain::search::entry_for(&c, 0, None);
            if let Some(rank) = matcher.rank(&entry) {
                hits.push((rank, entry));
            }
        })
        .await
        .unwrap();
        hits.sort_by(|(ra, a), (rb, b)| ra.cmp(rb).then(b.last_visit.cmp(&a.last_visit)).then_with(|| a.name.cmp(&b.name)));
        naive.push(now() - t0);
        // Same rules, same answers: the baseline is a fair one.
        assert_eq!(hits.len(), index.search(&query).len(), "naive and indexed agree on {typed:?}");
    }
    let naive = sorted(naive);
    report("naive_p50_ms", n, format!("{:.0}", percentile(&naive, 0.5)));
    report("naive_p95_ms", n, format!("{:.0}", percentile(&naive, 0.95)));
    report("naive_max_ms", n, format!("{:.0}", naive.last().unwrap()));
    report("naive_ratio", n, format!("{:.0}", percentile(&naive, 0.5) / percentile(&first, 0.5)));
    db.close();
    let _ = Db::delete_database(&name).await;
    progress(n, "done");
}
