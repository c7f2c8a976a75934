// `npm run fuzz` in CI, bounded: every check and phase (stateful included) with few examples per
// operation, so it fits the test budget; `npm run fuzz` runs the same with more. A server error,
// a schema violation, an undocumented status or a schema-valid request refused fails it.
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../env/index.ts";
import { runFuzz } from "./run.ts";

describe("npm run fuzz (bounded)", () => {
  it("finds no failure in any operation", { timeout: 600_000 }, async () => {
    const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
    const result = await runFuzz({
      maxExamples: 5,
      seed: 1,
      outDir: join(repoRoot, ".wspec", "fuzz-test"),
      output: quiet,
    });
    // schemathesis' own report names each failure with a curl line to reproduce it.
    const failures = result.output.slice(result.output.indexOf("FAILURES"));
    expect(result.operations, result.output.slice(-3000)).toBeGreaterThan(50);
    expect({ failures: result.failures, errors: result.errors, exitCode: result.exitCode }, failures).toEqual(
      {
        failures: 0,
        errors: 0,
        exitCode: 0,
      },
    );
  });
});
