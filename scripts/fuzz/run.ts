// One fuzz run: schemathesis (installed on first use by scripts/setup.sh into ~/.cache/wspec)
// against a fuzz target (target.ts), with every check and every phase, stateful included. Its own
// output (the failures with a curl line to reproduce each) goes to our stdout; the JUnit report it
// writes gives the numbers returned here.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../env/index.ts";
import { startFuzzTarget } from "./target.ts";

export interface FuzzOptions {
  /** Test cases per operation and phase (schemathesis --max-examples). */
  maxExamples: number;
  /** Makes a run repeatable (schemathesis --seed). */
  seed?: number;
  /** Where the runtime's log and the reports go. */
  outDir: string;
  /** Where schemathesis' own output goes (default: this process's stdout). */
  output?: NodeJS.WritableStream;
}

export interface FuzzResult {
  /** schemathesis' exit code: 0 only when no check failed and no operation errored. */
  exitCode: number;
  /** Operations tested (JUnit test cases), those with a failed check, those that errored. */
  operations: number;
  failures: number;
  errors: number;
  /** The failed checks' names, one per failure found (several per operation possible). */
  failedChecks: string[];
  output: string;
}

/** Installs the pinned schemathesis if it is missing and returns its `st` executable. */
export function schemathesisBin(): string {
  execFileSync("bash", [join(repoRoot, "scripts/setup.sh"), "schemathesis"], { stdio: "inherit" });
  return execFileSync("bash", ["-c", ". scripts/toolchain.sh && tool_bin st"], {
    cwd: repoRoot,
    encoding: "utf8",
  }).trim();
}

/** Counts from schemathesis' JUnit report: one test case per operation. */
export function junitCounts(
  xml: string,
): Pick<FuzzResult, "operations" | "failures" | "errors" | "failedChecks"> {
  const operations = [...xml.matchAll(/<testcase\b/g)].length;
  const cases = xml.split(/<testcase\b/).slice(1);
  const failures = cases.filter((c) => /<failure\b/.test(c.split("</testcase>")[0] ?? "")).length;
  const errors = cases.filter((c) => /<error\b/.test(c.split("</testcase>")[0] ?? "")).length;
  const failedChecks = [...xml.matchAll(/<failure\b[^>]*message="([^"]*)"/g)].map((m) => m[1] ?? "");
  return { operations, failures, errors, failedChecks };
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const st = schemathesisBin();
  mkdirSync(opts.outDir, { recursive: true });
  const target = await startFuzzTarget({ logDir: opts.outDir });
  const junit = join(opts.outDir, "fuzz-junit.xml");
  const out = opts.output ?? process.stdout;
  try {
    const args = [
      "--config-file",
      join(repoRoot, "scripts/fuzz/schemathesis.toml"),
      "run",
      `${target.url}/api/v2/openapi.json`,
      "--checks",
      "all",
      "--phases",
      "examples,coverage,fuzzing,stateful",
      "--max-examples",
      String(opts.maxExamples),
      // One worker: with two, Hypothesis (6.x, under schemathesis 4.32.5) now and then fails an
      // operation with "AST constructor recursion depth mismatch", an error of its own, not ours.
      "--workers",
      "1",
      "--request-timeout",
      "30",
      "--no-color",
      "--report",
      "junit",
      "--report-junit-path",
      junit,
      ...(opts.seed !== undefined ? ["--seed", String(opts.seed)] : []),
    ];
    let output = "";
    const exitCode = await new Promise<number>((resolve, reject) => {
      const proc = spawn(st, args, {
        cwd: opts.outDir,
        env: { ...process.env, WSPEC_FUZZ_TOKEN: target.accessToken },
        stdio: ["ignore", "pipe", "pipe"],
      });
      for (const stream of [proc.stdout, proc.stderr]) {
        stream.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          out.write(chunk);
        });
      }
      proc.once("error", reject);
      proc.once("exit", (code) => resolve(code ?? 1));
    });
    let counts: ReturnType<typeof junitCounts> = { operations: 0, failures: 0, errors: 0, failedChecks: [] };
    try {
      counts = junitCounts(readFileSync(junit, "utf8"));
    } catch {
      // No report: schemathesis stopped before testing (the schema did not load); exitCode says so.
    }
    return { exitCode, ...counts, output };
  } finally {
    await target.stop();
  }
}
