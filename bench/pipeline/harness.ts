// The pipeline as the worker runs it (runtime/worker.ts): the real step handlers over a fresh
// migrated database, local storage, the tenant classifier on PostgreSQL (default model) and the
// webhook notifier, on the local Redis; plus the two ways the benchmark drives them: each
// document's steps called in-process one after another, or through BullMQ with the processing
// record, at a given worker concurrency.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inArray, sql } from "drizzle-orm";
import pino from "pino";
import { FRAMEWORKS } from "../../crds/constants.ts";
import { TenantClassifier } from "../../runtime/ai/classify/index.ts";
import { PostgresClassifierStore } from "../../runtime/ai/routes/classifier-store.ts";
import { type AuthFixture, authFixture } from "../../runtime/auth/stores/testing.ts";
import { documentProcessing, documents, documentVersions } from "../../runtime/db/schema/index.ts";
import { pipelineNotifier } from "../../runtime/document-hooks.ts";
import { pipelineHandlers } from "../../runtime/pipeline/handlers/index.ts";
import {
  type DocumentVersionRef,
  PIPELINE_STEPS,
  Pipeline,
  type StepHandler,
  startPipelineWorker,
} from "../../runtime/pipeline/index.ts";
import { databaseStepRecorder } from "../../runtime/pipeline/record/index.ts";
import type { PipelineStep } from "../../runtime/pipeline/steps.ts";
import { LocalStorageDriver, objectKey, sha256Hex } from "../../runtime/storage/index.ts";
import { DeliveryQueue } from "../../runtime/webhooks/index.ts";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import type { BenchDocument } from "./documents.ts";
import type { StepRun } from "./stats.ts";

/** As runtime/worker.ts: the first pages decide a document's type. */
const CLASSIFY_CHARS = 200_000;
const logger = pino({ level: "silent" });

export interface RunResult {
  /** Wall time from the first document submitted to the last one done, seconds. */
  elapsedS: number;
  runs: StepRun[];
  /** Documents that did not reach the last step. */
  failed: number;
}

export interface PipelineHarness {
  /**
   * Stores the documents as the upload route leaves them (object, then rows) in tenant number
   * `tenant` (< tenants): equal bytes are a duplicate within a tenant, so each run gets its own.
   */
  store(docs: readonly BenchDocument[], tenant: number): Promise<DocumentVersionRef[]>;
  /** Each document's steps called in-process in order, `concurrency` documents at a time; timed per step. */
  direct(refs: readonly DocumentVersionRef[], concurrency: number): Promise<RunResult>;
  /** Through the BullMQ queue and a worker of `concurrency`; timed by the processing record. */
  queued(refs: readonly DocumentVersionRef[], concurrency: number): Promise<RunResult>;
  close(): Promise<void>;
}

export async function pipelineHarness(tenants: number): Promise<PipelineHarness> {
  const slugs = Array.from({ length: tenants }, (_, i) => `bench-pipeline-${i}`);
  const fx: AuthFixture = await authFixture(slugs);
  const env = await loadLocalEnv();
  const connection = {
    host: env.redis.host,
    port: env.redis.port,
    ...(env.redis.username ? { username: env.redis.username } : {}),
    ...(env.redis.password ? { password: env.redis.password } : {}),
  };
  const prefix = `wspec-bench-pipeline-${process.pid}-${Date.now()}`;
  const storage = new LocalStorageDriver({ root: mkdtempSync(join(tmpdir(), "wspec-bench-pipeline-")) });
  const classifier = new TenantClassifier({ store: new PostgresClassifierStore(fx.dbs) });
  const deliveries = new DeliveryQueue({ connection, prefix });
  const handlers = pipelineHandlers({
    databases: fx.dbs,
    storage,
    policyFor: () => ({ frameworks: FRAMEWORKS, pii: "flag", documentRules: [] }),
    classify: async (tenant, text) => {
      const { label, confidence, model } = await classifier.classify(tenant, text.slice(0, CLASSIFY_CHARS));
      return { label, confidence, model };
    },
    notify: pipelineNotifier({ databases: fx.dbs, queue: deliveries }),
  });
  const queues: Pipeline[] = [];

  async function storeOne(doc: BenchDocument, tenantId: string): Promise<DocumentVersionRef> {
    const documentId = crypto.randomUUID();
    const createdAt = new Date();
    const key = objectKey({
      tenant: tenantId,
      category: "uncategorized",
      createdAt,
      document: documentId,
      version: 1,
    });
    const sha256 = sha256Hex(doc.bytes);
    const size = doc.bytes.length;
    await storage.put(key, doc.bytes, { sha256, size, contentType: doc.contentType });
    const common = {
      tenantId,
      contentType: doc.contentType,
      sizeBytes: size,
      checksumSha256: sha256,
      storageKey: key,
    };
    await fx.dbs.withTenant(tenantId, async (tx) => {
      await tx.insert(documents).values({ id: documentId, name: doc.name, createdAt, ...common });
      await tx.insert(documentVersions).values({ documentId, version: 1, ...common });
    });
    return { tenantId, documentId, version: 1 };
  }

  async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>) {
    let next = 0;
    const lane = async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await fn(item);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  }

  return {
    async store(docs, tenant) {
      const slug = slugs[tenant];
      if (!slug) throw new Error(`tenant ${tenant} of ${tenants}`);
      const tenantId = fx.tenantId(slug);
      const refs: DocumentVersionRef[] = [];
      await pool(docs, 8, async (doc) => {
        refs.push(await storeOne(doc, tenantId));
      });
      return refs;
    },

    async direct(refs, concurrency) {
      const runs: StepRun[] = [];
      let failed = 0;
      const t0 = performance.now();
      await pool(refs, concurrency, async (ref) => {
        try {
          for (const step of PIPELINE_STEPS) {
            const startedAt = Date.now();
            const t = performance.now();
            await (handlers[step] as StepHandler)({ ref, step, attempt: 1, logger });
            runs.push({
              documentId: ref.documentId,
              step,
              startedAt,
              finishedAt: startedAt + performance.now() - t,
            });
          }
        } catch {
          failed += 1;
        }
      });
      return { elapsedS: (performance.now() - t0) / 1000, runs, failed };
    },

    async queued(refs, concurrency) {
      const pipeline = new Pipeline({ connection, prefix });
      queues.push(pipeline);
      const worker = startPipelineWorker({
        connection,
        prefix,
        concurrency,
        logger,
        recorder: databaseStepRecorder(fx.dbs),
        handlers,
      });
      const ids = refs.map((r) => r.documentId);
      const tenantId = refs[0]?.tenantId ?? "";
      const t0 = Date.now();
      try {
        await pool(refs, 16, (ref) => pipeline.enqueue(ref));
        let done = 0;
        while (done < refs.length) {
          await new Promise((r) => setTimeout(r, 200));
          const [row] = await fx.dbs.withTenant(tenantId, (tx) =>
            tx
              .select({ n: sql<number>`count(*)::int` })
              .from(documents)
              .where(sql`${inArray(documents.id, ids)} and ${documents.status} in ('ready', 'failed')`),
          );
          done = row?.n ?? 0;
        }
      } finally {
        await worker.close();
      }
      const rows = await fx.dbs.withTenant(tenantId, (tx) =>
        tx.select().from(documentProcessing).where(inArray(documentProcessing.documentId, ids)),
      );
      const runs: StepRun[] = rows
        .filter((r) => r.status === "succeeded" && r.startedAt && r.finishedAt)
        .map((r) => ({
          documentId: r.documentId,
          step: r.step as PipelineStep,
          startedAt: r.startedAt?.getTime() ?? 0,
          finishedAt: r.finishedAt?.getTime() ?? 0,
        }));
      const last = Math.max(t0, ...runs.map((r) => r.finishedAt));
      const failed = new Set(rows.filter((r) => r.status === "failed").map((r) => r.documentId)).size;
      return { elapsedS: (last - t0) / 1000, runs, failed };
    },

    async close() {
      for (const q of queues) await q.queue.obliterate({ force: true }).catch(() => {});
      await Promise.all(queues.map((q) => q.close()));
      await deliveries.queue.obliterate({ force: true }).catch(() => {});
      await deliveries.queue.close();
      await fx.close();
    },
  };
}
