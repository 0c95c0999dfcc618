#!/usr/bin/env bash
# Installs what building and testing Follicle needs, only where it is missing.
# Sourced by scripts/serve.sh and scripts/test.sh; each step says what it does.
# (No `grep -q` after a pipe: it exits early, the writer dies of SIGPIPE, and
# pipefail would read that as "missing".)
set -euo pipefail

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Versions: wasm-bindgen-cli must equal the crate pinned in Cargo.toml; Trunk.toml
# names the same wasm-bindgen and wasm-opt so Trunk never tries to download them.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml")"
TRUNK_VERSION="0.21.14"      # 0.22 needs a newer rustc than these machines have
BINARYEN_VERSION="132.0.0"   # npm package carrying wasm-opt; Debian's is too old

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    say "Updating the Debian package lists"
    as_root apt-get update -qq
    apt_updated=1
  fi
  say "Installing with apt-get: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
    say "Adding the Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (must match the crate; a few minutes)"
    # Not --locked: its lock file pins crates that no longer build with this rustc.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "Installing Trunk $TRUNK_VERSION (about ten minutes on two cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
  fi
}

ensure_wasm_opt() {
  if ! wasm-opt --version 2>/dev/null | grep "version_${BINARYEN_VERSION%%.*}" >/dev/null; then
    if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
    say "Installing wasm-opt (npm package binaryen@$BINARYEN_VERSION)"
    as_root npm install -g --silent "binaryen@$BINARYEN_VERSION"
  fi
}

# Node and npm run the sync tests' CouchDB-protocol server (tests/server/, pouchdb-server).
ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then apt_install nodejs npm; fi
}

ensure_chromium() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
}
