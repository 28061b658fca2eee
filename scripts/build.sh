#!/usr/bin/env bash
# Release build of the kiosk (dist/), the staff pages (QR sheet, outbox) and the receiver.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --quiet
echo "==> cargo fetch"
cargo fetch --quiet
echo "==> trunk build --release (dist/)"
trunk build --release --offline --quiet
# The staff pages are their own bundles, so the kiosk's first load never carries them:
# the QR sheet (its encoder), the staff page (the outbox view and its export) and the
# manager's inbox (served at /inbox/ by the receiver).
for page in qr staff inbox; do
  echo "==> trunk build --release $page.html"
  trunk build --release --offline --quiet "$page.html" --dist "target/$page-dist"
  for f in "target/$page-dist"/*; do
    case "$(basename "$f")" in
      index.html) cp "$f" "dist/$page.html" ;;
      *) cp "$f" dist/ ;;
    esac
  done
done
# gzip twins of the hashed files (immutable per build; never config.json, which operators
# edit in place), served by the receiver to browsers that accept gzip.
for f in dist/evenhand-* dist/qr-* dist/staff-* dist/inbox-* dist/loader-*.js dist/main-*.css; do
  case "$f" in *.gz) continue ;; esac
  [ -f "$f" ] && gzip -9 -k -f "$f"
done
echo "==> cargo build --release -p evenhand-receiver"
cargo build --release --quiet -p evenhand-receiver
