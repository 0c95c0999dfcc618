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
ensure_node

say "Native tests: domain rules and text catalogue (cargo test)"
cargo test --locked --lib

say "Browser tests: IndexedDB storage, UI and sync in headless Chromium (wasm-bindgen-test)"
# The runner adds --headless and --no-sandbox; webdriver.json adds the rest. The sync
# tests need a CouchDB-protocol server: scripts/couch_test_server.py starts pouchdb-server
# on 127.0.0.1 (npm ci of tests/server/ the first time), passes its address to the build
# (FOLLICLE_COUCH_*, compiled in) and stops it when the tests end.
WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}" \
  python3 scripts/couch_test_server.py run -- \
  cargo test --locked --target wasm32-unknown-unknown --test '*'

say "The built app in headless Chromium: offline start, update banner, CSP, console (scripts/offline_test.py)"
# A service worker needs the real build served over http, not the wasm test runner.
ensure_trunk
offline_dist="${CARGO_TARGET_DIR:-$ROOT/target}/offline-test-dist"
trunk build --offline --dist "$offline_dist"
python3 scripts/offline_test.py "$offline_dist"
