// `npm start` end to end: runs scripts/demo.ts the way scripts/start.sh does (the global setup has
// done set-up and `env up`), waits for its result, checks what it printed against the runtime's
// API with the token it printed, then Ctrl-C must stop the demo and everything it started. Run
// twice: the second run finds the tenant Ready and the admin's saved password (the login path).
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { wspecClient } from "../runtime/client/index.ts";
import { processesWithEnv, repoRoot } from "./env/index.ts";

const RUN_MARK = "WSPEC_DEMO_TEST_RUN";
const dir = mkdtempSync(join(tmpdir(), "wspec-demo-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
  consoleUrl: string;
  runtimeUrl: string;
  accessToken: string;
  tenantId: string;
  documentId: string;
  classification: { label: string; confidence: number };
  piiFindings: { type: string; count: number; previews: string[] }[];
  compliance: { framework: string; status: string; score: number | null; findings: { rule_id: string }[] }[];
  signedInWith: "setup" | "login";
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

interface Demo {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  mark: string;
}

async function startDemo(resultFile: string): Promise<Demo> {
  const mark = randomUUID();
  const proc = spawn(process.execPath, [join(repoRoot, "scripts/demo.ts")], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PATH: `${join(repoRoot, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
      WSPEC_HTTP_PORT: String(await freePort()),
      WSPEC_RUNTIME_PORT: String(await freePort()),
      WSPEC_DEMO_RESULT_FILE: resultFile,
      // Inherited by every process the demo starts, and theirs: how the test finds leftovers.
      [RUN_MARK]: mark,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, output: () => out, exited, mark };
}

async function waitForResult(demo: Demo, file: string, timeoutMs = 240_000): Promise<Result> {
  let exitCode: number | null | undefined;
  void demo.exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (exitCode !== undefined)
      throw new Error(`the demo exited (${exitCode}) before its result:\n${demo.output()}`);
    if (Date.now() > deadline) throw new Error(`no result within ${timeoutMs / 1000} s:\n${demo.output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return JSON.parse(readFileSync(file, "utf8")) as Result;
}

/** The runtime's API as the demo's token sees it, through the typed client. */
const apiOf = (r: Result) => wspecClient(r.runtimeUrl, { token: r.accessToken });

async function checkAgainstRuntime(r: Result, printed: string) {
  // What the demo printed is what it wrote.
  for (const s of [r.consoleUrl, r.runtimeUrl, `${r.runtimeUrl}/api/v2/docs`, r.accessToken, r.documentId]) {
    expect(printed).toContain(s);
  }
  expect(printed).toContain("Ctrl-C");

  const api = apiOf(r);
  const doc = await api.GET("/api/v2/documents/{id}", { params: { path: { id: r.documentId } } });
  expect(doc.response.status).toBe(200);
  expect(doc.data?.data).toMatchObject({ id: r.documentId, status: "ready", name: "sample-invoice.txt" });

  expect(r.classification.label).toBe("invoice");
  const classified = await api.POST("/api/v2/ai/classify", { body: { document_id: r.documentId } });
  expect(classified.data?.data.label).toBe(r.classification.label);
  expect(classified.data?.data.confidence).toBeCloseTo(r.classification.confidence, 6);

  const extracted = await api.POST("/api/v2/ai/extract", { body: { document_id: r.documentId } });
  const personal = (extracted.data?.data.entities ?? []).filter((e) => e.personal);
  expect(r.piiFindings.map((p) => p.type).sort()).toEqual([...new Set(personal.map((e) => e.type))].sort());
  expect(r.piiFindings.map((p) => p.type)).toEqual(
    expect.arrayContaining(["email", "phone", "iban", "credit_card"]),
  );
  // Masked previews only: the card number never comes back whole.
  expect(JSON.stringify(r.piiFindings)).not.toContain("4111 1111 1111 1111");

  const checks = await api.GET("/api/v2/compliance/checks", {
    params: { query: { document_id: r.documentId, limit: 100 } },
  });
  expect(checks.response.status).toBe(200);
  const summary = (
    items: { framework: string; status: string; score: number | null; findings: unknown[] }[],
  ) =>
    items.map((c) => ({
      framework: c.framework,
      status: c.status,
      score: c.score,
      findings: c.findings.length,
    }));
  expect(summary(r.compliance)).toEqual(summary(checks.data?.data.items ?? []));
  expect(r.compliance.map((c) => c.framework).sort()).toEqual(["GDPR", "SOC2"]);
  expect(r.compliance.some((c) => c.findings.length > 0)).toBe(true);

  const consolePage = await fetch(r.consoleUrl);
  expect(consolePage.status).toBe(200);
}

async function stopWithCtrlC(demo: Demo) {
  expect(processesWithEnv(RUN_MARK, demo.mark).length).toBeGreaterThanOrEqual(4); // the demo, operator, runtime, worker
  demo.proc.kill("SIGINT");
  const code = await Promise.race([demo.exited, new Promise((r) => setTimeout(() => r("timeout"), 90_000))]);
  expect(code, demo.output()).toBe(0);
  expect(processesWithEnv(RUN_MARK, demo.mark)).toEqual([]);
}

describe("npm start (scripts/demo.ts)", () => {
  it("starts everything, signs in, processes the sample invoice; Ctrl-C stops every process", async () => {
    const file = join(dir, "first.json");
    const demo = await startDemo(file);
    try {
      const result = await waitForResult(demo, file);
      await checkAgainstRuntime(result, demo.output());
      await stopWithCtrlC(demo);
    } finally {
      demo.proc.kill("SIGTERM");
    }
  }, 420_000);

  it("a second run finds the tenant Ready and signs in with the saved password", async () => {
    const file = join(dir, "second.json");
    const demo = await startDemo(file);
    try {
      const result = await waitForResult(demo, file);
      expect(result.signedInWith).toBe("login");
      expect(demo.output()).not.toContain("Provisioning");
      await checkAgainstRuntime(result, demo.output());
      await stopWithCtrlC(demo);
    } finally {
      demo.proc.kill("SIGTERM");
    }
  }, 420_000);
});
