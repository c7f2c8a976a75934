// The pipeline on the real Redis: order, deduplication by job id, retries with backoff,
// unrecoverable errors, exhausted attempts, and a worker killed in the middle of a step.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConnectionOptions } from "bullmq";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { queueConnection } from "../queues.ts";
import {
  type DocumentVersionRef,
  PermanentStepError,
  PIPELINE_STEPS,
  Pipeline,
  type PipelineStep,
  type PipelineWorker,
  type StepHandler,
  type StepRecorder,
  startPipelineWorker,
} from "./index.ts";

let redisUrl: string;
let connection: ConnectionOptions;
const prefix = `wspec-test-${process.pid}-${Date.now()}`;
const workers: PipelineWorker[] = [];
let pipeline: Pipeline;

beforeAll(async () => {
  const env = await loadLocalEnv();
  redisUrl = env.redis.url;
  connection = queueConnection(env.redis.url);
  pipeline = new Pipeline({ connection, prefix, attempts: 3 });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});
afterAll(async () => {
  await pipeline.queue.obliterate({ force: true });
  await pipeline.close();
});

type Event = [string, PipelineStep, ...unknown[]];
function recorder(events: Event[]): StepRecorder {
  return {
    started: async (ref, step, attempt) => void events.push(["started", step, ref.documentId, attempt]),
    succeeded: async (ref, step, summary) => void events.push(["succeeded", step, ref.documentId, summary]),
    failed: async (ref, step, reason, final, attempt) =>
      void events.push(["failed", step, ref.documentId, reason, final, attempt]),
  };
}

function handlersFrom(overrides: Partial<Record<PipelineStep, StepHandler>> = {}, calls: string[] = []) {
  return Object.fromEntries(
    PIPELINE_STEPS.map((s) => [
      s,
      overrides[s] ??
        (async ({ ref }: { ref: DocumentVersionRef }) => {
          calls.push(`${ref.documentId}:${s}`);
          return { step: s };
        }),
    ]),
  ) as Record<PipelineStep, StepHandler>;
}

function start(handlers: Record<PipelineStep, StepHandler>, events: Event[]) {
  const w = startPipelineWorker({
    connection,
    prefix,
    attempts: 3,
    handlers,
    recorder: recorder(events),
    logger: pino({ level: "silent" }),
    backoff: { baseMs: 50, capMs: 200 },
  });
  workers.push(w);
  return w;
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ref = (documentId: string): DocumentVersionRef => ({ tenantId: "t1", documentId, version: 1 });

describe("the document pipeline", () => {
  it("runs every step once, in order, even when the same version is enqueued twice", async () => {
    const calls: string[] = [];
    const events: Event[] = [];
    start(handlersFrom({}, calls), events);
    await Promise.all([pipeline.enqueue(ref("d-order")), pipeline.enqueue(ref("d-order"))]);
    await until(() => calls.includes("d-order:notify"), "the last step");
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toEqual(PIPELINE_STEPS.map((s) => `d-order:${s}`));
    expect(events.filter((e) => e[0] === "succeeded").map((e) => e[1])).toEqual([...PIPELINE_STEPS]);
  });

  it("retries a failing step with backoff and records each failed attempt", async () => {
    let tries = 0;
    const calls: string[] = [];
    const events: Event[] = [];
    start(
      handlersFrom(
        {
          classify: async () => {
            tries += 1;
            if (tries < 3) throw new Error(`model busy (try ${tries})`);
            return { label: "invoice" };
          },
        },
        calls,
      ),
      events,
    );
    await pipeline.enqueue(ref("d-retry"));
    await until(() => calls.includes("d-retry:notify"), "the last step");
    expect(tries).toBe(3);
    expect(events.filter((e) => e[0] === "failed")).toEqual([
      ["failed", "classify", "d-retry", "model busy (try 1)", false, 1],
      ["failed", "classify", "d-retry", "model busy (try 2)", false, 2],
    ]);
    expect(events.find((e) => e[0] === "succeeded" && e[1] === "classify")?.[3]).toEqual({
      label: "invoice",
    });
  });

  it("fails an unrecoverable step at once and runs nothing after it", async () => {
    let tries = 0;
    const calls: string[] = [];
    const events: Event[] = [];
    start(
      handlersFrom(
        {
          extract: async () => {
            tries += 1;
            throw new PermanentStepError("the document is not readable as application/pdf");
          },
        },
        calls,
      ),
      events,
    );
    await pipeline.enqueue(ref("d-broken"));
    await until(() => events.some((e) => e[0] === "failed"), "the failure");
    await new Promise((r) => setTimeout(r, 500));
    expect(tries).toBe(1);
    expect(events.filter((e) => e[0] === "failed")).toEqual([
      ["failed", "extract", "d-broken", "the document is not readable as application/pdf", true, 1],
    ]);
    expect(calls).toEqual([]);
  });

  it("gives up after the last attempt and says it is final", async () => {
    const events: Event[] = [];
    start(handlersFrom({ entities: async () => Promise.reject(new Error("always down")) }), events);
    await pipeline.enqueue(ref("d-exhausted"));
    await until(() => events.some((e) => e[0] === "failed" && e[4] === true), "the final failure");
    expect(events.filter((e) => e[0] === "failed").map((e) => [e[4], e[5]])).toEqual([
      [false, 1],
      [false, 2],
      [true, 3],
    ]);
  });

  it("loses nothing and repeats no side effect when a worker is killed in the middle of a step", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wspec-pipeline-"));
    const logFile = join(dir, "effects.log");
    const spawnWorker = (slow: string): Promise<ChildProcess> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(import.meta.dirname, "testing/worker-process.ts")], {
          env: { ...process.env, REDIS_URL: redisUrl, PREFIX: prefix, LOG_FILE: logFile, SLOW_STEP: slow },
          stdio: ["ignore", "pipe", "inherit"],
        });
        child.stdout?.once("data", () => resolve(child));
        child.once("error", reject);
      });
    const effects = () => {
      try {
        return readFileSync(logFile, "utf8").trim().split("\n").filter(Boolean);
      } catch {
        return [];
      }
    };
    const first = await spawnWorker("standardize");
    await pipeline.enqueue(ref("d-crash"));
    await until(() => effects().includes("d-crash entities"), "the steps before the slow one");
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const second = await spawnWorker("");
    try {
      await until(
        () => effects().includes("d-crash notify"),
        "the rest of the pipeline after the crash",
        30_000,
      );
    } finally {
      second.kill("SIGTERM");
    }
    expect(effects()).toEqual(PIPELINE_STEPS.map((s) => `d-crash ${s}`));
  });
});
