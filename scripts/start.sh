#!/usr/bin/env bash
# `npm start`: set-up, the local environment, then the operator, the runtime and its worker with a
# sample ComplianceProfile, Tenant and document (scripts/demo.ts) until Ctrl-C, which stops them and
# then the environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/env.sh up
export PATH="$ROOT/node_modules/.bin:$PATH"
trap 'bash scripts/env.sh down' EXIT
# The demo handles Ctrl-C itself (stopping its processes cleanly); the trap then stops the rest.
node scripts/demo.ts || true
