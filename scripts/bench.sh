#!/usr/bin/env bash
# The performance benchmark (separate from the tests; prints figures, asserts nothing):
#   bash scripts/bench.sh [N]      (N: the largest number of customers, default 100000)
# Builds the release app, then in headless Chromium, at 1,000, 10,000 and N synthetic
# customers: bundle size, cold start, the staff search (ready, per keystroke, and the
# naive cursor scan beside it), card, comparison, registration save, seeding, disk and
# memory; then a backup and restore of 2,000 photos (time, peak memory); and sync
# through pouchdb-server (a fresh tablet's first pull of 10,000 customers and 500
# photos, one change A→B: tests/bench_sync.rs). One table on stdout; progress on
# stderr. Takes about 10 minutes at 100,000, plus the backup and sync parts.
# What each figure means: tests/bench_app.rs and scripts/bench.py.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"
cd "$ROOT"

N="${1:-100000}"
case "$N" in '' | *[!0-9]*) echo "usage: bash scripts/bench.sh [N]  (a whole number of customers)" >&2; exit 2 ;; esac
SIZES="$(printf '%s\n' 1000 10000 "$N" | awk -v n="$N" '$1 <= n' | sort -nu | paste -sd, -)"

{
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_wasm_opt
  ensure_trunk
  ensure_chromium
  ensure_node

  say "Building the release app (trunk build --release)"
  trunk build --release --offline

  say "In-database figures at $SIZES customers (release build, headless Chromium)"
} >&2

RESULTS="$(mktemp)"
BACKUP_RESULTS="$(mktemp)"
SYNC_RESULTS="$(mktemp)"
trap 'rm -f "$RESULTS" "$BACKUP_RESULTS" "$SYNC_RESULTS"' EXIT
# The sizes are compiled into the benchmark; its progress lines go to stderr as they come.
FOLLICLE_BENCH_SIZES="$SIZES" WASM_BINDGEN_TEST_TIMEOUT=3600 \
  cargo test --locked --release --target wasm32-unknown-unknown --test bench_app -- --include-ignored --nocapture 2>&1 \
  | tee "$RESULTS" | grep --line-buffered -E '^(progress|error|panicked)|FAILED|failed' >&2 || true
# A step that fails says so and the script goes on: the other steps' figures are still
# printed, and it exits 1 at the end.
FAILED=()
if ! grep -q '^test result: ok' "$RESULTS"; then
  echo "The in-database benchmark failed; its output:" >&2
  cat "$RESULTS" >&2
  FAILED+=("in-database")
fi

say "Backup and restore of 2,000 photos of ~250 KB (release build, headless Chromium)" >&2
WASM_BINDGEN_TEST_TIMEOUT=3600 \
  cargo test --locked --release --target wasm32-unknown-unknown --test bench_backup -- --include-ignored --nocapture 2>&1 \
  | tee "$BACKUP_RESULTS" | grep --line-buffered -E '^(progress|error|panicked)|FAILED|failed' >&2 || true
if ! grep -q '^test result: ok' "$BACKUP_RESULTS"; then
  echo "The backup benchmark failed; its output:" >&2
  cat "$BACKUP_RESULTS" >&2
  FAILED+=("backup")
fi

say "Sync: a fresh tablet's first pull of 10,000 customers and 500 photos, one change A→B (pouchdb-server)" >&2
WASM_BINDGEN_TEST_TIMEOUT=3600 python3 scripts/couch_test_server.py run -- \
  cargo test --locked --release --target wasm32-unknown-unknown --test bench_sync -- --include-ignored --nocapture 2>&1 \
  | tee "$SYNC_RESULTS" | grep --line-buffered -E '^(progress|error|panicked)|FAILED|failed' >&2 || true
if ! grep -q '^test result: ok' "$SYNC_RESULTS"; then
  echo "The sync benchmark failed; its output:" >&2
  cat "$SYNC_RESULTS" >&2
  FAILED+=("sync")
fi

say "Bundle and cold start (the built app, served locally)" >&2
python3 scripts/bench.py "$N" "$RESULTS" "$BACKUP_RESULTS" "$SYNC_RESULTS" || { echo "The in-database figures, before the failure:" >&2; grep "^BENCH" "$RESULTS" >&2; FAILED+=("bundle and cold start"); }

say "The photo alignment's web worker: a 1600x1200 pair, and its size (scripts/align_test.py)" >&2
python3 scripts/align_test.py dist --bench | grep '^BENCH'

if [ ${#FAILED[@]} -gt 0 ]; then
  echo "Failed: ${FAILED[*]} (their output is above; the other figures are printed)." >&2
  exit 1
fi
