#!/usr/bin/env bash
# Runs every test: domain rules natively, then storage and UI in headless Chromium, then
# the release build served over http (offline start, updates, CSP) and its size.
# Installs what is missing (wasm target, wasm-bindgen-cli, Trunk, Chromium, its driver, CJK fonts).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"
cd "$ROOT"
# A clean clone builds once: incremental caches would only double the disk it needs.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

ensure_wasm_target
ensure_wasm_bindgen
ensure_chromium
ensure_node

say "Native tests: domain rules and text catalogue (cargo test)"
cargo test --locked --lib
cargo test --locked -p align   # the photo alignment (crates/align): real and drawn pictures
cargo test --locked -p follicle-search   # the staff search (crates/search): readings, matcher, index

say "Browser tests: IndexedDB storage, UI and sync in headless Chromium (wasm-bindgen-test)"
# The runner adds --headless and --no-sandbox; webdriver.json adds the rest. The sync
# tests need a CouchDB-protocol server: scripts/couch_test_server.py starts pouchdb-server
# on 127.0.0.1 (npm ci of tests/server/ the first time), passes its address to the build
# (FOLLICLE_COUCH_*, compiled in) and stops it when the tests end.
WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}" \
  python3 scripts/couch_test_server.py run -- \
  cargo test --locked --target wasm32-unknown-unknown --test '*'

say "The release build (trunk build --release): the bundle the tablets download"
# One release build serves both checks below: the app as shipped, and its size.
ensure_trunk
ensure_wasm_opt
release_dist="${CARGO_TARGET_DIR:-$ROOT/target}/release-test-dist"
trunk build --release --offline --dist "$release_dist"

say "The built app in headless Chromium: offline start, update banner, CSP, console (scripts/offline_test.py)"
# A service worker needs the real build served over http, not the wasm test runner.
python3 scripts/offline_test.py "$release_dist"
python3 scripts/align_test.py "$release_dist"   # the photo alignment's own web worker

say "Two tablets and one store server, end to end, and PouchDB 9 beside them (scripts/sync_e2e.py)"
# Two Chromium profiles on the built app, pouchdb-server on disk (stopped mid-push and
# started again); what tests/sync.rs proves on the replicator alone is not repeated.
python3 scripts/sync_e2e.py "$release_dist"

say "Bundle size: wasm + JS at most 450,000 bytes gzipped (scripts/check_bundle.py)"
python3 scripts/test_check_bundle.py
python3 scripts/check_bundle.py "$release_dist"
