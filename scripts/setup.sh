#!/usr/bin/env bash
# Installs what evenhand needs on a fresh Debian machine with Rust, skipping whatever is
# already there at the right version. Sourced by the other scripts (it sets PATH).
#   scripts/setup.sh            tools to build and serve
#   scripts/setup.sh --browsers also Chromium, ChromeDriver (tests and benches)
#   --quiet                     fewer lines when nothing needs installing
set -euo pipefail

_eh_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_eh_browsers=0
_eh_quiet=0
for _eh_arg in "$@"; do
  case "$_eh_arg" in
    --browsers) _eh_browsers=1 ;;
    --quiet) _eh_quiet=1 ;;
  esac
done
_eh_say() { [ "$_eh_quiet" = 1 ] || echo "==> $*"; }

export PATH="$HOME/.cargo/bin:$_eh_root/e2e/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[version="]/, ""); gsub(/ /, ""); print; exit}' "$_eh_root/Cargo.lock")"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "==> rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  echo "==> installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  echo "==> installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches Cargo.lock)"
  # Without --locked: wasm-bindgen-cli's own lock file does not build with --locked.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm: binaryen (wasm-opt for Trunk) and playwright-core, pinned by e2e/package-lock.json.
_eh_stamp="$_eh_root/e2e/node_modules/.evenhand-lock"
_eh_lock_sum="$(sha256sum "$_eh_root/e2e/package-lock.json" | awk '{print $1}')"
if [ ! -f "$_eh_stamp" ] || [ "$(cat "$_eh_stamp")" != "$_eh_lock_sum" ]; then
  echo "==> npm ci (binaryen, playwright-core)"
  (cd "$_eh_root/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$_eh_lock_sum" > "$_eh_stamp"
fi

if [ "$_eh_browsers" = 1 ]; then
  if ! dpkg -s chromium chromium-driver >/dev/null 2>&1; then
    echo "==> apt-get install chromium chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  export CHROMEDRIVER=/usr/bin/chromedriver
  export CHROMIUM=/usr/bin/chromium
fi

_eh_say "tools ready: $(trunk --version), wasm-bindgen $WASM_BINDGEN_VERSION, $(wasm-opt --version)"
