#!/usr/bin/env bash
# The performance benchmark (separate from the tests; prints figures, asserts nothing):
#   bash scripts/bench.sh [N]      (N: the largest number of customers, default 100000)
# Builds the release app, then in headless Chromium, at 1,000, 10,000 and N synthetic
# customers: bundle size, cold start, the staff search (ready, per keystroke, and the
# naive cursor scan beside it), card, comparison, registration save, seeding, disk and
# memory. One table on stdout; progress on stderr. Takes about 10 minutes at 100,000.
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

  say "Building the release app (trunk build --release)"
  trunk build --release --offline

  say "In-database figures at $SIZES customers (release build, headless Chromium)"
} >&2

RESULTS="$(mktemp)"
trap 'rm -f "$RESULTS"' EXIT
# The sizes are compiled into the benchmark; its progress lines go to stderr as they come.
FOLLICLE_BENCH_SIZES="$SIZES" WASM_BINDGEN_TEST_TIMEOUT=3600 \
  cargo test --locked --release --target wasm32-unknown-unknown --test bench_app -- --include-ignored --nocapture 2>&1 \
  | tee "$RESULTS" | grep --line-buffered -E '^(progress|error|panicked)|FAILED|failed' >&2 || true
if ! grep -q '^test result: ok' "$RESULTS"; then
  echo "The in-database benchmark failed; its output:" >&2
  cat "$RESULTS" >&2
  exit 1
fi

say "Bundle and cold start (the built app, served locally)" >&2
python3 scripts/bench.py "$N" "$RESULTS" || { echo "The in-database figures, before the failure:" >&2; grep "^BENCH" "$RESULTS" >&2; exit 1; }

say "The photo alignment's web worker: a 1600x1200 pair, and its size (scripts/align_test.py)" >&2
python3 scripts/align_test.py dist --bench | grep '^BENCH'
