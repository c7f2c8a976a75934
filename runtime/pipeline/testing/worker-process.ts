// A pipeline worker in its own process, for the crash test: every step appends "<step>" to
// LOG_FILE when it completes (its side effect); the step named by SLOW_STEP first waits 5 s, so the
// test can kill the process in the middle of it.
import { appendFileSync } from "node:fs";
import pino from "pino";
import { PIPELINE_STEPS, type PipelineStep, type StepHandler, startPipelineWorker } from "../index.ts";

const { REDIS_URL = "", PREFIX = "", LOG_FILE = "", SLOW_STEP = "" } = process.env;
const url = new URL(REDIS_URL);
const handler =
  (step: PipelineStep): StepHandler =>
  async ({ ref }) => {
    if (step === SLOW_STEP) await new Promise((r) => setTimeout(r, 5000));
    appendFileSync(LOG_FILE, `${ref.documentId} ${step}\n`);
    return { step };
  };
const handlers = Object.fromEntries(PIPELINE_STEPS.map((s) => [s, handler(s)])) as Record<
  PipelineStep,
  StepHandler
>;
const noop = async () => {};
startPipelineWorker({
  connection: {
    host: url.hostname,
    port: Number(url.port),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  },
  prefix: PREFIX,
  handlers,
  recorder: { started: noop, succeeded: noop, failed: noop },
  logger: pino({ level: "silent" }),
  lockDurationMs: 1500,
  stalledIntervalMs: 500,
});
process.stdout.write("ready\n");
