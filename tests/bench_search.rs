//! Benchmark, not a test: `bash scripts/bench.sh` runs it (ignored by the test suite).
//! Prints the in-memory customer search's figures in headless Chromium for 1,000,
//! 10,000 and 100,000 synthetic customers: index build time, per-keystroke latency
//! p50/p95/max over 200 queries typed one key at a time (汉字, pinyin, initials,
//! phone tails), and wasm memory.
#![cfg(target_arch = "wasm32")]

use follicle::domain::search::{Entry, Hit, Query, SearchIndex};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解";
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
    console_log!("| customers | pinyin keys ms | keys + index ms | keystrokes | p50 ms | p95 ms | max ms | avg hits | wasm memory MB |");
    console_log!("|---|---|---|---|---|---|---|---|---|");
    for n in [1_000, 10_000, 100_000] {
        let raw = customers(n);
        // Build time covers deriving every name's pinyin readings, as the app must.
        let start = now();
        let entries: Vec<Entry> = raw.iter().map(|(id, name, phone, visit)| Entry::new(id, name, phone, Some(*visit))).collect();
        let qs = queries(&entries);
        let keys = now() - start;
        let index = SearchIndex::new(entries);
        let build = now() - start;

        let mut times = Vec::new();
        let mut hits_total = 0usize;
        for q in &qs {
            // Type the query one character at a time, as the search box sees it.
            let mut previous: Option<(Query, Vec<Hit>)> = None;
            let chars: Vec<char> = q.chars().collect();
            for end in 1..=chars.len() {
                let typed: String = chars[..end].iter().collect();
                let t0 = now();
                let query = Query::parse(&typed);
                let hits = match &previous {
                    Some((pq, ph)) if query.narrows(pq) => index.search_within(&query, ph),
                    _ => index.search(&query),
                };
                times.push(now() - t0);
                hits_total += hits.len();
                previous = Some((query, hits));
            }
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let memory = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length();
        console_log!(
            "| {n} | {keys:.0} | {build:.0} | {} | {:.2} | {:.2} | {:.2} | {:.0} | {:.1} |",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times.last().unwrap(),
            hits_total as f64 / times.len() as f64,
            memory as f64 / 1e6
        );
    }
}

use wasm_bindgen::JsCast;
