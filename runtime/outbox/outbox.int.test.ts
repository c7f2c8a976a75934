// No upload left behind: the upload route with the runtime's document hooks, the pipeline worker
// with its real steps and the outbox relay, on real PostgreSQL and a Redis of the test's own that
// it stops during an upload. The upload is accepted, the version waits in the outbox while Redis is
// down, and once Redis is back the relay enqueues it and the pipeline processes it, once.
import { and, eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryClassifierStore, TenantClassifier } from "../ai/classify/index.ts";
import { documentProcessing, documents, processingOutbox } from "../db/schema/index.ts";
import { documentHooks } from "../document-hooks.ts";
import type { DocumentHooks } from "../documents/events.ts";
import { type DocumentHarness, documentHarness } from "../documents/testing/index.ts";
import { type PipelineEvent, pipelineHandlers } from "../pipeline/handlers/index.ts";
import { PIPELINE_STEPS, Pipeline, type PipelineWorker, startPipelineWorker } from "../pipeline/index.ts";
import { databaseStepRecorder } from "../pipeline/record/index.ts";
import { queueConnection } from "../queues.ts";
import { DeliveryQueue } from "../webhooks/index.ts";
import { type ProcessingRelay, startProcessingRelay } from "./index.ts";
import { type PrivateRedis, privateRedis } from "./testing.ts";

let h: DocumentHarness;
let redis: PrivateRedis;
let uploads: Pipeline;
let producer: Pipeline;
let deliveries: DeliveryQueue;
let worker: PipelineWorker;
let relay: ProcessingRelay;
const events: PipelineEvent[] = [];
const prefix = `wspec-outbox-${process.pid}`;
const logger = pino({ level: "silent" });
const classifier = new TenantClassifier({ store: new MemoryClassifierStore() });

beforeAll(async () => {
  redis = await privateRedis();
  const connection = queueConnection(redis.url);
  // The upload's own enqueue fails at once while Redis is down instead of waiting in the client's
  // offline queue, as if the API had restarted meanwhile: only the relay can bring the version in.
  uploads = new Pipeline({ connection: { ...connection, enableOfflineQueue: false }, prefix });
  producer = new Pipeline({ connection, prefix });
  deliveries = new DeliveryQueue({ connection, prefix });
  // The hooks need the harness's databases, which exist once the harness does.
  let hooks: DocumentHooks | undefined;
  h = await documentHarness({
    deps: { hooks: { onEvent: (e) => hooks?.onEvent?.(e) ?? Promise.resolve() } },
  });
  hooks = documentHooks({
    pipeline: uploads,
    webhooks: { databases: h.fx.dbs, queue: deliveries },
    policyFor: () => ({ frameworks: ["GDPR"], pii: "flag", documentRules: [] }),
    logger,
    enqueueTimeoutMs: 500,
  });
  worker = startPipelineWorker({
    connection,
    prefix,
    recorder: databaseStepRecorder(h.fx.dbs),
    logger,
    handlers: pipelineHandlers({
      databases: h.fx.dbs,
      storage: h.driver,
      classify: async (tenant, text) => classifier.classify(tenant, text),
      policyFor: () => ({ frameworks: ["GDPR"], pii: "flag", documentRules: [] }),
      notify: async (event) => {
        events.push(event);
        return 0;
      },
    }),
  });
  relay = startProcessingRelay({
    databases: h.fx.dbs,
    tenants: () => h.fx.registry.list().map((l) => l.tenantId),
    enqueue: (ref) => producer.enqueue(ref),
    intervalMs: 200,
    graceMs: 0,
    enqueueTimeoutMs: 500,
    logger,
  });
});
afterAll(async () => {
  await relay?.stop();
  await worker?.close();
  await Promise.all([uploads?.close(), producer?.close(), deliveries?.queue.close()]);
  await redis?.stop();
  await h?.close();
});

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function state(tenantId: string, documentId: string) {
  return h.fx.dbs.withTenant(tenantId, async (tx) => ({
    doc: (await tx.select().from(documents).where(eq(documents.id, documentId)))[0],
    outbox: await tx.select().from(processingOutbox).where(eq(processingOutbox.documentId, documentId)),
    steps: await tx
      .select()
      .from(documentProcessing)
      .where(and(eq(documentProcessing.documentId, documentId), eq(documentProcessing.version, 1))),
  }));
}

async function upload(text: string) {
  const admin = h.users.north["tenant-admin"];
  const res = await h.uploadRaw(admin, new TextEncoder().encode(text), "text/plain", { name: "memo.txt" });
  expect(res.status, await res.clone().text()).toBe(201);
  return { tenantId: admin.tenantId, id: ((await res.json()) as { data: { id: string } }).data.id };
}

/** Each step ran once and the notify step announced the version once. */
function processedOnce(s: Awaited<ReturnType<typeof state>>, documentId: string) {
  expect(s.doc?.status).toBe("ready");
  expect(s.steps.map((r) => [r.step, r.status, r.attempts]).sort()).toEqual(
    PIPELINE_STEPS.map((step) => [step, "succeeded", 1]).sort(),
  );
  expect(events.filter((e) => e.data.document_id === documentId).map((e) => e.type)).toEqual([
    "ai.processing_completed",
    "compliance.check_completed",
  ]);
}

describe("the processing outbox", () => {
  it("writes a row with every version in the version's transaction, and the relay marks it sent", async () => {
    const doc = await upload("Quarterly memo: revenue grew in every region.");
    const s = await until("processing and relay", async () => {
      const s = await state(doc.tenantId, doc.id);
      return s.doc?.status === "ready" && s.outbox.every((r) => r.sentAt) ? s : undefined;
    });
    expect(s.outbox.map((r) => [r.version, r.attempts])).toEqual([[1, 0]]);
    processedOnce(s, doc.id);
  });

  it("accepts an upload while Redis is down and processes it once Redis is back, with no manual step", async () => {
    await redis.stop();
    const doc = await upload("Board minutes: the committee approved the budget for next year.");
    // Redis is down: the version waits in the outbox, and the relay's failed passes are on record.
    const waiting = await until("a failed relay pass", async () => {
      const s = await state(doc.tenantId, doc.id);
      return s.outbox[0]?.attempts ? s : undefined;
    });
    expect(waiting.doc?.status).toBe("uploaded");
    expect(waiting.outbox[0]?.sentAt).toBeNull();
    expect(waiting.outbox[0]?.lastError).toMatch(/enqueue did not finish within 500 ms/);
    expect(waiting.steps).toEqual([]);

    await redis.start();
    const done = await until("processing after Redis returned", async () => {
      const s = await state(doc.tenantId, doc.id);
      return s.doc?.status === "ready" && s.outbox[0]?.sentAt ? s : undefined;
    });
    processedOnce(done, doc.id);
  });

  it("keeps another tenant's outbox rows out of reach", async () => {
    const doc = await upload("Supplier contract renewal notes for the south region.");
    const south = h.users.south["tenant-admin"].tenantId;
    const seen = await h.fx.dbs.withTenant(south, (tx) =>
      tx.select().from(processingOutbox).where(eq(processingOutbox.documentId, doc.id)),
    );
    expect(seen).toEqual([]);
    const own = await h.fx.dbs.withTenant(doc.tenantId, (tx) =>
      tx.select().from(processingOutbox).where(eq(processingOutbox.documentId, doc.id)),
    );
    expect(own).toHaveLength(1);
  });
});
