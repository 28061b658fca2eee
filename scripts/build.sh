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
# manager's inbox (served at /inbox/ by the receiver) and the team page (praise by person,
# at /team/<token>).
for page in qr staff inbox team; do
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
for f in dist/evenhand-* dist/first_screen-*.js dist/qr-* dist/staff-* dist/inbox-* dist/team-* dist/loader-*.js dist/main-*.css dist/praise-*.css dist/guidance-*.txt; do
  case "$f" in *.gz) continue ;; esac
  [ -f "$f" ] && gzip -9 -k -f "$f"
done
# brotli twins beside every gzip twin (a sixth smaller than gzip for the wasm), served to
# browsers that accept brotli; Node's zlib has it, so no other tool is needed.
node -e '
const { brotliCompressSync, constants: z } = require("node:zlib");
const fs = require("node:fs");
for (const gz of process.argv.slice(1)) {
  const f = gz.slice(0, -3);
  const params = { [z.BROTLI_PARAM_QUALITY]: 11, [z.BROTLI_PARAM_LGWIN]: 24, [z.BROTLI_PARAM_SIZE_HINT]: fs.statSync(f).size };
  fs.writeFileSync(f + ".br", brotliCompressSync(fs.readFileSync(f), { params }));
}' dist/*.gz
echo "==> cargo build --release -p evenhand-receiver"
cargo build --release --quiet -p evenhand-receiver
