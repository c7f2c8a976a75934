// Pipeline throughput for mixed documents (text, Markdown, HTML, CSV, JSON, PDF, DOCX of varied
// sizes from the classification corpus) on the local Redis and PostgreSQL, with the real step
// handlers. Prints documents/s with per-document latency, then p50/p99 per step, each against a
// baseline measured in the same run: the same handlers called in-process one document at a time,
// without the queue or the processing record. Asserts nothing.
//
//   direct, 1 at a time (baseline)    each document's seven steps called in order, timed per step
//   direct, 4 at a time               the same with four documents in flight
//   BullMQ worker, concurrency 1/4    enqueued as the upload route does; a worker with
//                                     WORKER_CONCURRENCY 1 or 4 in this process; steps timed by
//                                     the processing record (document_processing started/finished)
//
// All documents of a run are submitted at once, so a queued document's steps also wait behind the
// other documents' jobs: its latency shows that, the per-step times do not.
// Every configuration gets its own copy of the documents in its own tenant (a tenant's equal bytes
// are one document), so no step finds earlier work.
// Usage: npm run bench:pipeline -- [documents=1000]   (needs `npm run env -- up`)

import { PIPELINE_STEPS } from "../runtime/pipeline/index.ts";
import { FORMATS, mixedDocuments } from "./pipeline/documents.ts";
import { type PipelineHarness, pipelineHarness, type RunResult } from "./pipeline/harness.ts";
import { documentLatencies, type Percentiles, stepPercentiles, stepTable } from "./pipeline/stats.ts";
import { type Measured, percentile, table } from "./runtime-api/measure.ts";

const count = Number(process.argv[2] ?? 1000);
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write(`documents must be a whole number ≥ 1, got ${process.argv[2]}\n`);
  process.exit(2);
}

type Refs = Awaited<ReturnType<PipelineHarness["store"]>>;
/** [name, short name for the per-step table's columns, run] */
const CONFIGS: [string, string, (h: PipelineHarness, refs: Refs) => Promise<RunResult>][] = [
  ["direct, 1 at a time (baseline)", "direct 1", (h, refs) => h.direct(refs, 1)],
  ["direct, 4 at a time", "direct 4", (h, refs) => h.direct(refs, 4)],
  ["BullMQ worker, concurrency 1", "queue c=1", (h, refs) => h.queued(refs, 1)],
  ["BullMQ worker, concurrency 4", "queue c=4", (h, refs) => h.queued(refs, 4)],
];

const started = performance.now();
const docs = await mixedDocuments(count);
const bytes = docs.reduce((n, d) => n + d.bytes.length, 0);
const sizes = docs.map((d) => d.bytes.length).sort((a, b) => a - b);
console.log(
  `${count} documents (${FORMATS.join(", ")}), ${(bytes / 1024 / 1024).toFixed(1)} MiB, ` +
    `sizes ${(sizes[0] ?? 0) / 1000}–${(sizes.at(-1) ?? 0) / 1000} kB (median ${(percentile(sizes, 50) / 1000).toFixed(1)} kB)`,
);

const h = await pipelineHarness(CONFIGS.length + 1);
try {
  // Loads the NLP and default classifier models and the extraction libraries before any timing.
  await h.direct(await h.store(docs.slice(0, FORMATS.length * 2), CONFIGS.length), 1);

  const throughput: [string, Measured][] = [];
  const steps: [string, Map<string, Percentiles>][] = [];
  for (const [i, [name, short, run]] of CONFIGS.entries()) {
    const refs = await h.store(docs, i);
    const r = await run(h, refs);
    const latencies = documentLatencies(r.runs);
    throughput.push([
      name,
      { rps: count / r.elapsedS, p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    ]);
    steps.push([short, stepPercentiles(r.runs, PIPELINE_STEPS)]);
    console.log(`  ${name}: ${r.elapsedS.toFixed(1)} s${r.failed ? `, ${r.failed} documents FAILED` : ""}`);
  }
  console.log(
    table(
      `1. ${count} mixed documents through all ${PIPELINE_STEPS.length} steps: documents/s, latency per document (first step started → last step done)`,
      throughput,
      "docs/s",
    ),
  );
  console.log(stepTable("2. latency per step, ms (× baseline)", PIPELINE_STEPS, steps));
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await h.close();
}
