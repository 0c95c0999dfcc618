#!/usr/bin/env bash
# Runs every test: domain rules natively, then storage and UI in headless Chromium, then
# the built app served over http (offline start, updates, CSP).
# Installs what is missing (wasm target, wasm-bindgen-cli, Trunk, Chromium, its driver, CJK fonts).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"
cd "$ROOT"

ensure_wasm_target
ensure_wasm_bindgen
ensure_chromium

say "Native tests: domain rules and text catalogue (cargo test)"
cargo test --locked --lib

say "Browser tests: IndexedDB storage and UI in headless Chromium (wasm-bindgen-test)"
# The runner adds --headless and --no-sandbox; webdriver.json adds the rest.
WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}" \
  cargo test --locked --target wasm32-unknown-unknown --test '*'

say "The built app in headless Chromium: offline start, update banner, CSP, console (scripts/offline_test.py)"
# A service worker needs the real build served over http, not the wasm test runner.
ensure_trunk
offline_dist="${CARGO_TARGET_DIR:-$ROOT/target}/offline-test-dist"
trunk build --offline --dist "$offline_dist"
python3 scripts/offline_test.py "$offline_dist"
