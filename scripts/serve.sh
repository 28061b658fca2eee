#!/usr/bin/env bash
# The README's first command: builds the kiosk and serves it, with the reference
# receiver storing every submission in data/feedback.sqlite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
mkdir -p data
port="${PORT:-8080}"
echo
echo "evenhand: open http://127.0.0.1:$port/  (staff PIN of the sample config: 1234)"
echo "          submissions go to data/feedback.sqlite; Ctrl-C stops."
exec target/release/evenhand-receiver serve --addr "127.0.0.1:$port" --db data/feedback.sqlite --app dist
