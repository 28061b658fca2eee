#!/usr/bin/env bash
# Installs Debian's `postgresql` when no initdb is found under /usr/lib/postgresql
# (the tests start a private cluster with it: scripts/pg-cluster.sh); quiet, and
# nothing to do when it is there.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
echo "==> installing postgresql (for the receiver's tests on Postgres)"
SUDO=""
[[ "$(id -u)" == 0 ]] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The tests make a cluster of their own; the package's default one is not used.
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
ls /usr/lib/postgresql/*/bin/initdb >/dev/null
