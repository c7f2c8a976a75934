#!/usr/bin/env bash
# `npm test`: set-up (idempotent; cached tools make it a few seconds), then the unit and
# integration projects. The integration project's global setup brings the local environment up
# through scripts/env.sh and down again if it started it. Extra arguments go to vitest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
mkdir -p .wspec
set +e
vitest run --reporter=verbose --reporter=json --outputFile.json=.wspec/test-results.json "$@"
rc=$?
set -e
node scripts/test-summary.ts .wspec/test-results.json || true
exit $rc
