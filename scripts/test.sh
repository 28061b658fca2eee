#!/usr/bin/env bash
# The README's second command: installs what is missing, then runs every check and test:
# formatting, lints, native tests (core + receiver), browser tests (wasm-bindgen-test in
# headless Chromium), the release build and its size budget, and the Playwright
# end-to-end suite against the release build served by the real receiver.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --browsers
export WASM_BINDGEN_TEST_TIMEOUT=180
# Incremental caches only help a developer's next edit; in one full run they only take disk.
export CARGO_INCREMENTAL=0
# Chromium and ChromeDriver leave ~60 MB scoped folders in TMPDIR when a browser is
# stopped: give them a folder of this run's own, removed at the end.
EH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/evenhand-test.XXXXXX")"
export TMPDIR="$EH_TMP"
trap 'rm -rf "$EH_TMP"' EXIT
df -h . | awk 'NR==2 {print "==> disk: " $4 " free of " $2}'

step() { echo; echo "==> $*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (native and wasm32)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p evenhand --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "native tests: evenhand-core, evenhand-receiver"
cargo test -p evenhand-core -p evenhand-receiver

step "the receiver's tests again, on Postgres (a private cluster on loopback)"
scripts/pg-install.sh
# Under /tmp, not this run's TMPDIR: the `postgres` user must reach the folder.
EH_PG="$(mktemp -u /tmp/evenhand-pg.XXXXXX)"
trap 'scripts/pg-cluster.sh stop "$EH_PG" || true; rm -rf "$EH_TMP"' EXIT
EVENHAND_TEST_PG="$(scripts/pg-cluster.sh start "$EH_PG")" cargo test -p evenhand-receiver
scripts/pg-cluster.sh stop "$EH_PG"

step "browser tests: wasm-bindgen-test in headless Chromium"
cargo test -p evenhand --target wasm32-unknown-unknown

step "release build"
scripts/build.sh

step "first-load size (SPEC §9; a benchmark, reported here, not a test)"
bench/size --no-build || echo "(over the first-load budget: see README, Budgets)"

step "end-to-end: Playwright against the release build and the real receiver"
node --test --test-concurrency=1 e2e/
df -h . | awk 'NR==2 {print "==> disk after the run: " $4 " free"}'

