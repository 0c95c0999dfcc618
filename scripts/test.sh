#!/usr/bin/env bash
# Runs every test: domain rules natively, then storage and UI in headless Chromium.
# Installs what is missing (wasm target, wasm-bindgen-cli, Chromium, its driver, CJK fonts).
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
