#!/usr/bin/env bash
# The one command from a fresh clone to a running Rapport: provisions Node 24 when the machine's
# Node is too old, installs dependencies, then `npm start` (migrate, seed the demo organisation
# into an empty database, build if needed, serve on http://localhost:4321).
set -euo pipefail
cd "$(dirname "$0")/.."
export ASTRO_TELEMETRY_DISABLED=1
# shellcheck source=./toolchain.sh
. scripts/toolchain.sh
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
exec npm start
