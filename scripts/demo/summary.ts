// The end of `npm start`: what runs where, how to use it, how to stop; and the same as JSON in
// WSPEC_DEMO_RESULT_FILE for tests and scripts.
import { renameSync, writeFileSync } from "node:fs";
import type { WalkthroughResult } from "./walkthrough.ts";

export interface DemoResult extends WalkthroughResult {
  consoleUrl: string;
  consoleToken: string;
  runtimeUrl: string;
  accessToken: string;
  tenantId: string;
  adminEmail: string;
  signedInWith: "setup" | "login";
}

export function printSummary(r: DemoResult, paths: { kubeconfig: string; logsDir: string }): void {
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  const lines = [
    "",
    `Sample document ${r.documentId} (scripts/demo/sample-invoice.txt):`,
    `  classification  ${r.classification.label} (confidence ${pct(r.classification.confidence)})`,
    `  personal data${r.piiFindings.length ? "" : "   none found"}`,
    ...r.piiFindings.map((p) => `    ${p.type.padEnd(14)} ${p.previews.join(", ")}`),
    "  compliance",
    ...r.compliance.flatMap((c) => [
      `    ${c.framework.padEnd(8)} ${c.status}${c.score === null ? "" : ` (score ${c.score})`}`,
      ...c.findings.slice(0, 3).map((f) => `      - [${f.severity}] ${f.message}`),
      ...(c.findings.length > 3 ? [`      … and ${c.findings.length - 3} more`] : []),
    ]),
    "",
    `Console:        ${r.consoleUrl}  (sales-ops token: ${r.consoleToken})`,
    `Runtime API:    ${r.runtimeUrl}  (tenant ${r.tenantId}, signed in as ${r.adminEmail})`,
    `API reference:  ${r.runtimeUrl}/api/v2/docs`,
    `Access token:   ${r.accessToken}`,
    "                (valid 15 minutes; sign in again with POST /api/v2/auth/login and the password in .wspec/demo-admin.json)",
    `Try:            curl -H "Authorization: Bearer ${r.accessToken}" ${r.runtimeUrl}/api/v2/documents/${r.documentId}`,
    `                KUBECONFIG=${paths.kubeconfig} kubectl get tenants -A`,
    `Logs:           ${paths.logsDir}/operator.log, runtime.log, worker.log (JSON)`,
    "Stop:           Ctrl-C (stops the runtime, the worker and the operator, then the local environment; state stays in .wspec)",
  ];
  console.log(lines.join("\n"));
}

export function writeResultFile(file: string, r: DemoResult): void {
  const {
    consoleUrl,
    runtimeUrl,
    accessToken,
    tenantId,
    documentId,
    classification,
    piiFindings,
    compliance,
  } = r;
  const json = {
    consoleUrl,
    runtimeUrl,
    accessToken,
    tenantId,
    documentId,
    classification,
    piiFindings,
    compliance,
  };
  // Renamed into place: whoever waits for the file never reads half of it.
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...json, signedInWith: r.signedInWith }, null, 2), {
    mode: 0o600,
  });
  renameSync(`${file}.tmp`, file);
}
