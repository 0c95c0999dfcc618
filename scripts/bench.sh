#!/usr/bin/env bash
# Benchmarks (separate from the tests): prints figures, asserts nothing.
# Now, in headless Chromium: the staff customer search at 1k / 10k / 100k customers,
# in memory and on screen (customers in IndexedDB, the real search box); and the photo
# pipeline on camera-sized JPEGs (time, stored size, format).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"
cd "$ROOT"

ensure_wasm_target
ensure_wasm_bindgen
ensure_chromium

say "Customer search and photo pipeline benchmarks (release build, headless Chromium)"
WASM_BINDGEN_TEST_TIMEOUT=600 cargo test --locked --release --target wasm32-unknown-unknown \
  --test bench_search --test bench_imaging -- --include-ignored --nocapture 2>&1 | grep -E '^\|' || true
