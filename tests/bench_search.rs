//! Benchmark, not a test: `bash scripts/bench.sh` runs it (ignored by the test suite).
//! Prints, in headless Chromium, for 1,000, 10,000 and 100,000 synthetic customers:
//! - `search_figures`: the in-memory search alone — index build time, per-keystroke
//!   latency p50/p95/max over 200 queries typed one key at a time (汉字, pinyin,
//!   initials, phone tails), wasm memory;
//! - `search_on_screen`: the real thing — customers stored in IndexedDB, the time to
//!   read the search rows and build the index (what opening the staff screen waits
//!   for), and each keystroke in the real search box until the results are drawn.
#![cfg(target_arch = "wasm32")]

mod common;

use follicle::domain::search::{Entry, Hit, Query, SearchIndex};
use follicle::domain::{Customer, Gender};
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A quarter of people are 王, 李, 张, 刘 or 陈 (as in the census): they repeat.
const SURNAMES: &str = "王王王王王王王李李李李李李李张张张张张张张刘刘刘刘刘陈陈陈陈陈王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉晓东海燕小志文斌春燕雪琴云飞鹏辉丹萍宇浩然欣怡子涵梓轩博文佳琪";

/// A small deterministic generator (xorshift), so every run has the same customers.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick(&mut self, from: &[char]) -> char {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// (id, name, phone, last visit) of `n` customers.
fn customers(n: usize) -> Vec<(String, String, String, chrono::NaiveDate)> {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|i| {
            let mut name = String::new();
            name.push(rng.pick(&surnames));
            for _ in 0..(1 + rng.next() % 2) {
                name.push(rng.pick(&given));
            }
            let phone = format!("1{}{:09}", 3 + rng.next() % 7, rng.next() % 1_000_000_000);
            let visit = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(rng.next() % 1000);
            (format!("c{i}"), name, phone, visit)
        })
        .collect()
}

/// 200 queries as staff type them: whole 汉字 names, full pinyin, initials, phone tails.
fn queries(entries: &[Entry]) -> Vec<String> {
    let mut rng = Rng(42);
    (0..200)
        .map(|i| {
            let e = &entries[(rng.next() % entries.len() as u64) as usize];
            let readings = follicle::domain::search::readings(&e.name);
            match i % 4 {
                0 => e.name.clone(),
                1 => readings.iter().map(|r| r[0].clone()).collect(),
                2 => readings.iter().map(|r| r[0][..1].to_string()).collect(),
                _ => e.phone_digits[e.phone_digits.len() - 4..].to_string(),
            }
        })
        .collect()
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[wasm_bindgen_test]
#[ignore]
fn search_figures() {
    console_log!("| customers | rows ms | rows + index ms | index MB | keystrokes | p50 ms | p95 ms | max ms | narrowing p95 / max ms | fresh p95 / max ms | avg hits |");
    console_log!("|---|---|---|---|---|---|---|---|---|---|---|");
    for n in [1_000, 10_000, 100_000] {
        let raw = customers(n);
        // Build time covers working out every name's readings, as the app must.
        let start = now();
        let entries: Vec<Entry> = raw.iter().map(|(id, name, phone, visit)| Entry::new(id, name, phone, Some(*visit))).collect();
        let qs = queries(&entries);
        let keys = now() - start;
        let index = SearchIndex::new(entries);
        let build = now() - start;

        let mut times = Vec::new();
        let (mut narrowing, mut fresh) = (Vec::new(), Vec::new());
        let mut hits_total = 0usize;
        for q in &qs {
            // Type the query one character at a time, as the search box sees it.
            let mut previous: Option<(Query, Vec<Hit>)> = None;
            let chars: Vec<char> = q.chars().collect();
            for end in 1..=chars.len() {
                let typed: String = chars[..end].iter().collect();
                let t0 = now();
                let query = Query::parse(&typed);
                let narrows = matches!(&previous, Some((pq, _)) if query.narrows(pq));
                let hits = match &previous {
                    Some((pq, ph)) if query.narrows(pq) => index.search_within(&query, ph, 50),
                    _ => index.search_top(&query, 50),
                };
                let t = now() - t0;
                times.push(t);
                if narrows { narrowing.push(t) } else { fresh.push(t) }
                hits_total += hits.len();
                previous = Some((query, hits));
            }
        }
        for t in [&mut times, &mut narrowing, &mut fresh] {
            t.sort_by(|a, b| a.partial_cmp(b).unwrap());
        }
        console_log!(
            "| {n} | {keys:.0} | {build:.0} | {:.1} | {} | {:.2} | {:.2} | {:.2} | {:.2} / {:.2} | {:.2} / {:.2} | {:.0} |",
            index.memory_bytes() as f64 / 1e6,
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times.last().unwrap(),
            percentile(&narrowing, 0.95),
            narrowing.last().unwrap(),
            percentile(&fresh, 0.95),
            fresh.last().unwrap(),
            hits_total as f64 / times.len() as f64,
        );
    }
}

use wasm_bindgen::JsCast;

fn wasm_mb() -> f64 {
    let memory = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length();
    memory as f64 / 1e6
}

/// Chromium's `performance.memory.usedJSHeapSize`, if it reports one.
fn js_heap_mb() -> Option<f64> {
    let performance = web_sys::window()?.performance()?;
    let memory = js_sys::Reflect::get(&performance, &"memory".into()).ok()?;
    let used = js_sys::Reflect::get(&memory, &"usedJSHeapSize".into()).ok()?.as_f64()?;
    Some(used / 1e6)
}

#[wasm_bindgen_test]
#[ignore]
async fn search_on_screen() {
    use common::*;
    console_log!("| customers | seeding customers/s | read rows ms | build index ms | ready ms | keystrokes | on screen p50 ms | p95 ms | max ms | narrowing: n p95 / max ms | fresh: n p95 / max ms | wasm memory MB (high-water) | JS heap MB |");
    console_log!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let sizes: Vec<usize> = option_env!("FOLLICLE_BENCH_SIZES").unwrap_or("1000,10000,100000").split(',').filter_map(|s| s.trim().parse().ok()).collect();
    for n in sizes {
        let name = unique_db(&format!("bench-{n}"));
        set_up_tablet(&name).await;
        let raw = customers(n);
        let stamp = stamp(1_700_000_000_000);
        let records: Vec<Customer> = raw
            .iter()
            .enumerate()
            .map(|(i, (_, name, phone, visit))| {
                let mut c = Customer::new(name, phone, &stamp);
                c.gender = Some(if i % 3 == 0 { Gender::Male } else { Gender::Female });
                c.birth_date = chrono::NaiveDate::from_ymd_opt(1950 + (i % 50) as i32, 1 + (i % 12) as u32, 1 + (i % 28) as u32);
                c.first_visit = Some(*visit);
                c.last_visit = Some(*visit);
                c.refresh_keys();
                c
            })
            .collect();
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        let t0 = now();
        for batch in records.chunks(2_000) {
            db.save_customers(batch).await.unwrap();
        }
        let seeding = n as f64 / ((now() - t0) / 1000.0);
        db.close();

        // Opening the staff screen: a fresh connection, one read of every row, the index.
        let t0 = now();
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        let entries = db.search_entries().await.unwrap();
        let read = now() - t0;
        let index = SearchIndex::new(entries);
        let ready = now() - t0;
        let build = ready - read;
        assert_eq!(index.len(), n);
        let [open, get_all, copy, parse] = pages_read_phases(&name).await;
        console_log!("pages read at {n}: open {open:.0} ms, getAll {get_all:.0} ms, into Rust {copy:.0} ms, parsed {parse:.0} ms");
        let qs = queries(&records.iter().step_by(n / 200).map(|c| follicle::domain::search::entry_for(c, 0, None)).collect::<Vec<_>>());
        drop(index);
        db.close();

        // The real search box: each keystroke until its results are drawn.
        let root = mount_point();
        let props = follicle::app::AppProps { db_name: name.clone().into(), memory_history: true, clock: Default::default(), screens: follicle::screens::ALL };
        let app = yew::Renderer::<follicle::app::App>::with_root_and_props(root.clone(), props).render();
        wait_for_text(&root, "员工").await;
        click(&root, "a", "员工");
        set_manager_pin(&root, "李店长", "2468").await;
        wait_for(60_000, || root.text_content().filter(|t| t.contains("本机顾客总数")).map(|_| ())).await;
        // Locked and signed in again, as bench_app measures it: from the tap on 确认
        // until the search can be typed in (median of 3).
        let mut sign_ins = Vec::new();
        for _ in 0..3 {
            click(&root, "button", "锁定");
            wait_for(5_000, || by_text(&root, "h1", "员工登录")).await;
            type_into(&input_by_label(&root, "密码"), "2468");
            let t0 = now();
            click(&root, "button", "确认");
            wait_for(60_000, || root.text_content().filter(|t| t.contains("本机顾客总数")).map(|_| ())).await;
            sign_ins.push(now() - t0);
        }
        sign_ins.sort_by(|a, b| a.partial_cmp(b).unwrap());
        console_log!("sign in to ready at {n}: {:.0} ms (median of 3; {:.0} … {:.0})", sign_ins[1], sign_ins[0], sign_ins[2]);
        let input: web_sys::HtmlElement = root.query_selector("#customer-search").unwrap().unwrap().unchecked_into();
        // Each query typed key by key, one backspace, then pasted whole into the
        // emptied box; narrowing keystrokes (only added to the end) and fresh ones apart.
        let (mut times, mut narrowing, mut fresh) = (Vec::new(), Vec::new(), Vec::new());
        for q in &qs {
            let chars: Vec<char> = q.chars().collect();
            let mut texts: Vec<(String, bool)> = (1..=chars.len()).map(|end| (chars[..end].iter().collect(), end > 1)).collect();
            if chars.len() > 1 {
                texts.push((chars[..chars.len() - 1].iter().collect(), false));
            }
            texts.push((q.clone(), false));
            let mut previous = Query::Empty;
            for (k, (typed, _)) in texts.iter().enumerate() {
                if k + 1 == texts.len() {
                    type_into(&input, "");
                    yew::scheduler::flush().await;
                    previous = Query::Empty;
                }
                let query = Query::parse(typed);
                let t0 = now();
                type_into(&input, typed);
                yew::scheduler::flush().await;
                let t = now() - t0;
                times.push(t);
                if query.narrows(&previous) { narrowing.push(t) } else { fresh.push(t) }
                previous = query;
                // The figure counts only if the keystroke's render is really done.
                let screen = root.text_content().unwrap_or_default();
                assert!(screen.contains("找到的顾客数") || screen.contains("没有找到"), "results drawn after {typed:?}");
            }
            type_into(&input, "");
            yew::scheduler::flush().await;
        }
        for t in [&mut times, &mut narrowing, &mut fresh] {
            t.sort_by(|a, b| a.partial_cmp(b).unwrap());
        }
        console_log!(
            "| {n} | {seeding:.0} | {read:.0} | {build:.0} | {ready:.0} | {} | {:.2} | {:.2} | {:.2} | {} {:.2} / {:.2} | {} {:.2} / {:.2} | {:.1} | {} |",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times.last().unwrap(),
            narrowing.len(),
            percentile(&narrowing, 0.95),
            narrowing.last().unwrap(),
            fresh.len(),
            percentile(&fresh, 0.95),
            fresh.last().unwrap(),
            wasm_mb(),
            js_heap_mb().map_or("n/a".into(), |m| format!("{m:.1}")),
        );
        app.destroy();
        root.remove();
        let _ = Db::delete_database(&name).await;
    }
}

/// Resolves when an IndexedDB request succeeds.
async fn request_done(request: &web_sys::IdbRequest) {
    let done = js_sys::Promise::new(&mut |resolve, _| request.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(done).await.unwrap();
}

/// Not a test (ignored): how long the staff search's rows take to read at 100,000
/// customers, the app's way (`Db::search_entries`: one getAll, the rows joined into
/// one string in the browser) and the earlier way (each row its own string), and
/// the index built from them. Median of 3, each on a fresh connection.
#[wasm_bindgen_test]
#[ignore]
async fn rows_read() {
    use common::*;
    let n = 100_000;
    let name = unique_db("bench-rows");
    set_up_tablet(&name).await;
    let stamp = stamp(1_700_000_000_000);
    let records: Vec<Customer> = customers(n).iter().map(|(_, name, phone, visit)| {
        let mut c = Customer::new(name, phone, &stamp);
        c.last_visit = Some(*visit);
        c
    }).collect();
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    for batch in records.chunks(5_000) {
        db.save_customers(batch).await.unwrap();
    }
    db.close();
    let (mut joined, mut each, mut builds) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        let t0 = now();
        let entries = db.search_entries().await.unwrap();
        joined.push(now() - t0);
        let t1 = now();
        let index = SearchIndex::new(entries);
        builds.push(now() - t1);
        assert_eq!(index.len(), n);
        db.close();

        // The earlier way: every row crosses into Rust as its own string.
        let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
        let open = factory.open(&name).unwrap();
        request_done(&open).await;
        let raw: web_sys::IdbDatabase = open.result().unwrap().unchecked_into();
        let t0 = now();
        let tx = raw.transaction_with_str("search_rows").unwrap();
        let request = tx.object_store("search_rows").unwrap().get_all().unwrap();
        request_done(&request).await;
        let rows: js_sys::Array = request.result().unwrap().unchecked_into();
        let entries: Vec<Entry> = rows.iter().filter_map(|r| r.as_string()).filter_map(|r| Entry::from_row(&r)).collect();
        each.push(now() - t0);
        assert_eq!(entries.len(), n);
        raw.close();
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[1]
    };
    console_log!(
        "rows read at {n}: joined {:.0} ms, one string each {:.0} ms; index built {:.0} ms",
        median(&mut joined),
        median(&mut each),
        median(&mut builds)
    );
    let _ = Db::delete_database(&name).await;
}

/// The search pages read on a raw connection, in parts: opening it, IndexedDB's
/// getAll, the pages copied into Rust, the lines parsed into entries.
async fn pages_read_phases(name: &str) -> [f64; 4] {
    use wasm_bindgen::JsValue;
    async fn request(request: JsValue) -> JsValue {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            js_sys::Reflect::set(&request, &"onsuccess".into(), &resolve).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
        js_sys::Reflect::get(&request, &"result".into()).unwrap()
    }
    let call = |target: &JsValue, method: &str, args: &[JsValue]| -> JsValue {
        let f: js_sys::Function = js_sys::Reflect::get(target, &method.into()).unwrap().unchecked_into();
        f.apply(target, &args.iter().collect::<js_sys::Array>()).unwrap()
    };
    let factory = js_sys::Reflect::get(&web_sys::window().unwrap(), &"indexedDB".into()).unwrap();
    let t0 = now();
    let db = request(call(&factory, "open", &[name.into()])).await;
    let t1 = now();
    let tx = call(&db, "transaction", &["search_pages".into(), "readonly".into()]);
    let store = call(&tx, "objectStore", &["search_pages".into()]);
    let pages: js_sys::Array = request(call(&store, "getAll", &[])).await.unchecked_into();
    let t2 = now();
    let mut bytes = Vec::new();
    for page in pages.iter().filter_map(|p| p.dyn_into::<js_sys::Uint8Array>().ok()) {
        let start = bytes.len();
        bytes.resize(start + page.length() as usize + 1, b'\n');
        page.copy_to(&mut bytes[start..start + page.length() as usize]);
    }
    let t3 = now();
    let text = String::from_utf8_lossy(&bytes);
    let entries: Vec<Entry> = text.split('\n').filter_map(Entry::from_row).collect();
    let t4 = now();
    std::hint::black_box(entries);
    call(&db, "close", &[]);
    [t1 - t0, t2 - t1, t3 - t2, t4 - t3]
}
