#!/usr/bin/env bash
# `npm start`: set-up, then the local environment. The operator, the runtime, the console and the
# sample tenant join this command as their issues land (see README, "What runs today").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/env.sh up
node - <<'JS'
const env = JSON.parse(require("node:fs").readFileSync(".wspec/env.json", "utf8"));
const rows = [
  ["Kubernetes API", `${env.kubernetes.server}  (KUBECONFIG=${env.kubernetes.kubeconfig})`],
  ["PostgreSQL", `${env.postgres.host}:${env.postgres.port}`],
  ["Redis", `${env.redis.host}:${env.redis.port}`],
  ["S3 (moto)", env.s3.endpoint],
  ["Azure Blob (azurite)", env.azureBlob.endpoint],
  ["GCS (fake-gcs-server)", env.gcs.endpoint],
  ["Pulumi backend", env.pulumi.backendUrl],
];
console.log("\nwspec local environment is up (credentials in .wspec/env.json, mode 0600):");
for (const [k, v] of rows) console.log(`  ${k.padEnd(22)} ${v}`);
console.log(`
Try:   KUBECONFIG=${env.kubernetes.kubeconfig} kubectl get namespaces
Stop:  npm run env -- down

Not yet part of npm start: the operator (Tenant and ComplianceProfile reconciliation), the
runtime API and worker, the console and the sample tenant; they arrive with the operator,
runtime and console issues.`);
JS
