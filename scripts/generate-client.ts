// `npm run generate:client`: runtime/client/openapi.ts from the OpenAPI document the runtime serves
// (started in its own process as the fuzzer starts it: every module's routes wired), through
// openapi-typescript. Needs the local environment (`npm run env -- up`).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./env/index.ts";
import { startFuzzTarget } from "./fuzz/target.ts";
import { clientTypes } from "./generate-client/types.ts";

const target = await startFuzzTarget({ logDir: join(repoRoot, ".wspec", "logs") });
try {
  const doc = (await (await fetch(`${target.url}/api/v2/openapi.json`)).json()) as Record<string, unknown>;
  const out = join(repoRoot, "runtime", "client", "openapi.ts");
  writeFileSync(out, await clientTypes(doc));
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await target.stop();
}
