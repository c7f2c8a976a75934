// `npm run fuzz -- [max-examples=50] [seed]`: schemathesis against the runtime in its own process,
// every check and phase; prints the failures and the numbers, exits 1 when anything failed.
// Needs the local environment (`npm run env -- up`: PostgreSQL and Redis).
import { join } from "node:path";
import { repoRoot } from "../env/index.ts";
import { runFuzz } from "./run.ts";

const maxExamples = Number(process.argv[2] ?? 50);
const seed = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
if (!Number.isInteger(maxExamples) || maxExamples < 1) {
  process.stderr.write(`fuzz: max-examples must be a positive integer, got ${process.argv[2]}\n`);
  process.exit(2);
}
const outDir = join(repoRoot, ".wspec", "fuzz");
const result = await runFuzz({ maxExamples, outDir, ...(seed !== undefined ? { seed } : {}) });
process.stdout.write(
  `\nfuzz: ${result.operations} operations, ${result.failures} with failures, ${result.errors} errored; ` +
    `schemathesis exit ${result.exitCode}; reports and the runtime's log in ${outDir}\n`,
);
process.exit(result.exitCode === 0 && result.failures === 0 && result.errors === 0 ? 0 : 1);
