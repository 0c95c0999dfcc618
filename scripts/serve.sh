#!/usr/bin/env bash
# Builds the release app and serves it on http://127.0.0.1:8080, installing what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"
cd "$ROOT"

ensure_wasm_target
ensure_wasm_bindgen
ensure_wasm_opt
ensure_trunk

say "Building the release app and serving it on http://127.0.0.1:8080 (Ctrl-C stops)"
# No autoreload: its inline script and WebSocket are what the page's CSP refuses.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port 8080
