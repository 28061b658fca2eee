#!/usr/bin/env bash
# The README's first command: builds the kiosk and serves it, with the reference
# receiver storing every submission in data/feedback.sqlite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
mkdir -p data
port="${PORT:-8080}"
# The inbox has no default account: on a database without a manager, a demo one with a
# random password, printed here once (add-manager does nothing when there is one).
target/release/evenhand-receiver add-manager --db data/feedback.sqlite \
  --random-password --unless-any demo@evenhand.local
echo
echo "evenhand: open http://127.0.0.1:$port/  (staff PIN of the sample config: 1234)"
echo "          the manager's inbox: http://127.0.0.1:$port/inbox/  (sign in with the account above)"
echo "          submissions go to data/feedback.sqlite; Ctrl-C stops."
exec target/release/evenhand-receiver serve --addr "127.0.0.1:$port" --db data/feedback.sqlite --app dist
