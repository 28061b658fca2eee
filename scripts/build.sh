#!/usr/bin/env bash
# Release build of the kiosk (dist/), the staff QR page and the receiver.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --quiet
echo "==> cargo fetch"
cargo fetch --quiet
echo "==> trunk build --release (dist/)"
trunk build --release --offline --quiet
# The staff QR sheet is its own small bundle, so the kiosk's first load never carries it.
echo "==> trunk build --release qr.html"
trunk build --release --offline --quiet qr.html --dist target/qr-dist
for f in target/qr-dist/*; do
  case "$(basename "$f")" in
    index.html) cp "$f" dist/qr.html ;;
    *) cp "$f" dist/ ;;
  esac
done
# gzip twins of the hashed files (immutable per build; never config.json, which operators
# edit in place), served by the receiver to browsers that accept gzip.
for f in dist/evenhand-* dist/qr-* dist/loader-*.js dist/main-*.css; do
  case "$f" in *.gz) continue ;; esac
  [ -f "$f" ] && gzip -9 -k -f "$f"
done
echo "==> cargo build --release -p evenhand-receiver"
cargo build --release --quiet -p evenhand-receiver
