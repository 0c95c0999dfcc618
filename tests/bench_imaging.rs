//! Benchmark, not a test: `bash scripts/bench.sh` runs it (ignored by the test suite)
//! and it asserts nothing about time. Prints, in headless Chromium, what
//! `imaging::process` does to a camera-sized JPEG — 4000×3000 and 12 MP at 4032×3024,
//! each with typical and dense hair (the hardest to compress) — over 5 runs: each
//! run's time, median, max, and the stored sizes, format and quality.
#![cfg(target_arch = "wasm32")]

mod common;

use common::images::{photo_jpeg, DENSE_HAIR};
use follicle::imaging;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 5;

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

#[wasm_bindgen_test]
#[ignore]
async fn image_pipeline_figures() {
    console_log!("| input JPEG | hair strands | input KB | runs ms | median ms | max ms | image KB | thumb KB | total KB | format | quality |");
    console_log!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (w, h) in [(4000, 3000), (4032, 3024)] {
        for hairs in [DENSE_HAIR / 3, DENSE_HAIR] {
            let input = photo_jpeg(w, h, hairs).await;
            let mut times = Vec::new();
            let mut last = None;
            for _ in 0..RUNS {
                let start = now();
                let p = imaging::process(&input).await.unwrap();
                times.push(now() - start);
                last = Some(p);
            }
            let p = last.unwrap();
            let each: Vec<String> = times.iter().map(|t| format!("{t:.0}")).collect();
            times.sort_by(|a, b| a.partial_cmp(b).unwrap());
            let kb = |bytes: f64| bytes / 1000.0;
            console_log!(
                "| {w}×{h} | {hairs} | {:.0} | {} | {:.0} | {:.0} | {:.0} | {:.1} | {:.0} | {} | {} |",
                kb(input.size()),
                each.join(", "),
                times[RUNS / 2],
                times[RUNS - 1],
                kb(p.image.size()),
                kb(p.thumb.size()),
                kb(p.bytes as f64),
                p.mime,
                p.quality,
            );
        }
    }
}
