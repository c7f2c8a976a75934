// What the demo does as the sample tenant's admin once everything runs: upload a sample invoice,
// wait until the pipeline has processed it, and fetch its classification, personal data and
// compliance checks from the runtime's API.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../env/index.ts";
import { ApiCallError, dataOf, type RuntimeApi } from "./api.ts";
import { say } from "./say.ts";

export const SAMPLE_DOCUMENT = "sample-invoice.txt";

export interface WalkthroughResult {
  documentId: string;
  classification: { label: string; confidence: number };
  piiFindings: { type: string; count: number; previews: string[] }[];
  compliance: {
    framework: string;
    status: string;
    score: number | null;
    findings: { rule_id: string; severity: string; message: string }[];
  }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls GET /health/ready with progress; fails early if `exited` says the runtime stopped. */
export async function waitRuntimeReady(baseUrl: string, exited: () => boolean, timeoutMs = 120_000) {
  const started = Date.now();
  let last = "";
  for (;;) {
    if (exited()) throw new Error("the runtime exited while starting");
    let state: string;
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      state = res.ok ? "ready" : `not ready (${res.status})`;
    } catch {
      state = "starting";
    }
    if (state !== last)
      say(`runtime ${baseUrl}: ${state} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    last = state;
    if (state === "ready") return;
    if (Date.now() - started > timeoutMs)
      throw new Error(`the runtime was not ready within ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

interface Document {
  id: string;
  status: "uploaded" | "processing" | "ready" | "failed";
  deduplicated?: boolean;
}

export async function walkthrough(api: RuntimeApi, workerLog: string): Promise<WalkthroughResult> {
  const text = readFileSync(join(repoRoot, "scripts/demo", SAMPLE_DOCUMENT), "utf8");
  const upload = () => api.upload<Document>(SAMPLE_DOCUMENT, text, "text/plain");
  let uploaded = await upload();
  if (uploaded.data.deduplicated && uploaded.data.status === "failed") {
    // Identical bytes answer the earlier document, which would stay failed for good; a deleted one
    // no longer deduplicates, so the sample is processed afresh.
    say(`the sample uploaded in an earlier run failed processing; deleting it and uploading again`);
    await dataOf(
      "DELETE /api/v2/documents/{id}",
      api.client.DELETE("/api/v2/documents/{id}", { params: { path: { id: uploaded.data.id } } }),
    );
    uploaded = await upload();
  }
  const id = uploaded.data.id;
  say(
    uploaded.data.deduplicated
      ? `${SAMPLE_DOCUMENT} was uploaded in an earlier run: document ${id}`
      : `uploaded ${SAMPLE_DOCUMENT}: document ${id}`,
  );
  await waitProcessed(api, id, workerLog);

  const classified = await dataOf(
    "POST /api/v2/ai/classify",
    api.client.POST("/api/v2/ai/classify", { body: { document_id: id } }),
  );
  const extracted = await dataOf(
    "POST /api/v2/ai/extract",
    api.client.POST("/api/v2/ai/extract", { body: { document_id: id } }),
  );
  const byType = new Map<string, string[]>();
  for (const e of extracted.data.entities.filter((x) => x.personal)) {
    byType.set(e.type, [...(byType.get(e.type) ?? []), e.preview ?? ""]);
  }
  const checks = await dataOf(
    "GET /api/v2/compliance/checks",
    api.client.GET("/api/v2/compliance/checks", { params: { query: { document_id: id, limit: 100 } } }),
  );
  return {
    documentId: id,
    classification: { label: classified.data.label, confidence: classified.data.confidence },
    piiFindings: [...byType].map(([type, previews]) => ({ type, count: previews.length, previews })),
    compliance: checks.data.items.map((c) => ({
      framework: c.framework,
      status: c.status,
      score: c.score,
      findings: c.findings.map((f) => ({ rule_id: f.rule_id, severity: f.severity, message: f.message })),
    })),
  };
}

async function waitProcessed(api: RuntimeApi, id: string, workerLog: string, timeoutMs = 120_000) {
  const started = Date.now();
  let last = "";
  for (;;) {
    const { data } = await dataOf(
      "GET /api/v2/documents/{id}",
      api.client.GET("/api/v2/documents/{id}", { params: { path: { id } } }),
    );
    if (data.status !== last) {
      say(`document ${id}: ${data.status} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    last = data.status;
    if (data.status === "ready") return;
    if (data.status === "failed") throw new Error(`processing failed: ${await failure(api, id, workerLog)}`);
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `document ${id} was still ${data.status} after ${timeoutMs / 1000} s; see ${workerLog}`,
      );
    }
    await sleep(500);
  }
}

/** The failed step and its reason, from the processing record when the runtime serves it. */
async function failure(api: RuntimeApi, id: string, workerLog: string): Promise<string> {
  try {
    const { data } = await dataOf(
      "GET /api/v2/documents/{id}/processing",
      api.client.GET("/api/v2/documents/{id}/processing", { params: { path: { id } } }),
    );
    const failed = data.steps.filter((s) => s.status === "failed");
    if (failed.length > 0)
      return failed.map((s) => `step ${s.step}: ${s.error ?? "no reason recorded"}`).join("; ");
  } catch (err) {
    if (!(err instanceof ApiCallError && err.status === 404)) throw err;
  }
  return `the reason is in ${workerLog} (search for ${id})`;
}
