// Background classifier training on real Redis and PostgreSQL: POST /ai/classifier/train with
// {background: true} answers 202, a worker trains, GET /ai/classifier shows the outcome; a second
// request while one is pending joins it; too few examples fail with the reason on record; enough
// new examples queue a retrain by themselves.
import type { ConnectionOptions } from "bullmq";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../../scripts/env/index.ts";
import type { Role } from "../../auth/rbac.ts";
import type { Caller } from "../../documents/testing/index.ts";
import { queueConnection } from "../../queues.ts";
import { TenantClassifier } from "../classify/index.ts";
import { PostgresClassifierStore } from "../routes/classifier-store.ts";
import { type AiHarness, aiHarness, type ErrorBody, GRANT_LETTERS, WARRANTIES } from "../routes/testing.ts";
import {
  ClassifierTrainingQueue,
  type ClassifierTrainingWorker,
  startClassifierTrainingWorker,
} from "./index.ts";

const GRANTS = [
  ...GRANT_LETTERS,
  "The trust grants the museum funding for the exhibition and two research fellowships.",
];
// North adds 12 examples (never a multiple of 13); south reaches 13 in the last test.
const RETRAIN_EVERY = 13;

interface Data<T> {
  data: T;
}
interface Run {
  job_id: string;
  status: "queued" | "running" | "succeeded" | "failed";
  error: string | null;
  accuracy: number | null;
  examples: number | null;
  finished_at: string | null;
}
interface Status {
  model: "tenant" | "default";
  training: { accuracy: number } | null;
  last_training: Run | null;
}

const prefix = `wspec-training-${process.pid}-${Date.now()}`;
let connection: ConnectionOptions;
let h: AiHarness;
let queue: ClassifierTrainingQueue;
let worker: ClassifierTrainingWorker | undefined;
let north: Record<Role, Caller>;
let south: Record<Role, Caller>;

function startWorker() {
  const databases = h.deps.databases;
  worker = startClassifierTrainingWorker({
    connection,
    prefix,
    databases,
    classifier: new TenantClassifier({ store: new PostgresClassifierStore(databases) }),
    logger: pino({ level: "silent" }),
  });
}

async function status(who: Caller): Promise<Status> {
  const res = await h.json<Data<Status>>("GET", "/ai/classifier", who);
  expect(res.status).toBe(200);
  return res.body.data;
}

async function finished(who: Caller, timeoutMs = 30_000): Promise<Status & { last_training: Run }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await status(who);
    const run = s.last_training;
    if (run && (run.status === "succeeded" || run.status === "failed")) return { ...s, last_training: run };
    if (Date.now() > deadline) throw new Error(`training still ${run?.status ?? "not recorded"}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function addExamples(who: Caller, label: string, texts: readonly string[]) {
  for (const text of texts) {
    expect((await h.json("POST", "/ai/classifier/examples", who, { label, text })).status).toBe(201);
  }
}

beforeAll(async () => {
  const env = await loadLocalEnv();
  connection = queueConnection(env.redis.url);
  h = await aiHarness({
    retrainEvery: RETRAIN_EVERY,
    training: (databases) => {
      queue = new ClassifierTrainingQueue({ connection, prefix, databases });
      return queue;
    },
  });
  north = h.users.north;
  south = h.users.south;
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await queue?.queue.obliterate({ force: true });
  await queue?.close();
  await h?.close();
});

describe("background classifier training", () => {
  it("refuses a body with an unknown field or a non-boolean flag (400) and roles without ai:train", async () => {
    for (const [body, field] of [
      [{ background: true, priority: 1 }, "priority"],
      [{ background: "yes" }, "background"],
    ] as const) {
      const res = await h.json<ErrorBody>("POST", "/ai/classifier/train", north["tenant-admin"], body);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]?.field).toBe(field);
    }
    const res = await h.json("POST", "/ai/classifier/train", north["end-user"], { background: true });
    expect(res.status).toBe(403);
    expect(await queue.queue.count()).toBe(0);
    expect(await h.count("classifier_trainings")).toBe(0);
  });

  it("answers 202 at once, joins a pending training instead of queueing a second, then trains on a worker", async () => {
    await addExamples(north["document-manager"], "grant_letter", GRANTS.slice(0, 6));
    await addExamples(north["document-manager"], "warranty", WARRANTIES);
    const first = await h.json<Data<{ job_id: string; queued: boolean }>>(
      "POST",
      "/ai/classifier/train",
      north["document-manager"],
      { background: true },
    );
    expect(first.status).toBe(202);
    expect(first.body.data.queued).toBe(true);
    const second = await h.json<Data<{ job_id: string; queued: boolean }>>(
      "POST",
      "/ai/classifier/train",
      north["tenant-admin"],
      { background: true },
    );
    expect(second.status).toBe(202);
    expect(second.body.data).toEqual({ job_id: first.body.data.job_id, queued: false });
    // No worker yet: exactly one job waits, and nothing is trained.
    expect(await queue.queue.getJobCounts("waiting", "active")).toEqual({ waiting: 1, active: 0 });
    const pending = await status(north["end-user"]);
    expect(pending).toMatchObject({ model: "default", training: null });
    expect(pending.last_training).toMatchObject({
      job_id: first.body.data.job_id,
      status: "queued",
      error: null,
    });

    startWorker();
    const done = await finished(north["end-user"]);
    expect(done.last_training).toMatchObject({ status: "succeeded", error: null, examples: 12 });
    expect(done.last_training.accuracy).toBeGreaterThanOrEqual(0.75);
    expect(done.model).toBe("tenant");
    expect(done.training?.accuracy).toBe(done.last_training.accuracy);
    const classified = await h.json<Data<{ label: string; model: string }>>(
      "POST",
      "/ai/classify",
      north["end-user"],
      { text: "The manufacturer's warranty covers repair of the defective appliance compressor." },
    );
    expect(classified.body.data).toMatchObject({ label: "warranty", model: "tenant" });
    // The finished job is gone, so the next request queues a fresh training.
    const again = await h.json<Data<{ queued: boolean }>>(
      "POST",
      "/ai/classifier/train",
      north["tenant-admin"],
      {
        background: true,
      },
    );
    expect(again.body.data.queued).toBe(true);
    expect((await finished(north["end-user"])).last_training.status).toBe("succeeded");
  });

  it("records a training that cannot succeed as failed with the reason, once, and keeps the default model", async () => {
    await addExamples(south["document-manager"], "grant_letter", GRANTS.slice(0, 2));
    const res = await h.json("POST", "/ai/classifier/train", south["tenant-admin"], { background: true });
    expect(res.status).toBe(202);
    const done = await finished(south["end-user"]);
    expect(done.last_training).toMatchObject({ status: "failed", accuracy: null });
    expect(done.last_training.error).toBe(
      "training needs at least 2 labels with at least 5 examples each; the tenant has 1 label(s)",
    );
    expect(done).toMatchObject({ model: "default", training: null });
    // Bad examples are not retried: the failed job is not waiting for another attempt.
    expect(await queue.queue.getJobCounts("waiting", "delayed", "active")).toEqual({
      waiting: 0,
      delayed: 0,
      active: 0,
    });
    // The other tenant's record is its own.
    expect((await status(north["end-user"])).last_training?.status).toBe("succeeded");
  });

  it(`retrains by itself when the tenant's examples reach a multiple of ${RETRAIN_EVERY}`, async () => {
    await addExamples(south["document-manager"], "grant_letter", GRANTS.slice(2));
    expect((await status(south["end-user"])).last_training?.status).toBe("failed");
    await addExamples(south["document-manager"], "warranty", WARRANTIES);
    const done = await finished(south["end-user"]);
    expect(done.last_training).toMatchObject({ status: "succeeded", examples: 13 });
    expect(done.model).toBe("tenant");
  });
});
