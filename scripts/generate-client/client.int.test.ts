// The committed client types (runtime/client/openapi.ts) are what openapi-typescript makes of the
// document the runtime serves now: a route, parameter or schema changed without regenerating
// (`npm run generate:client`) fails here, so the client cannot drift from the server.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../env/index.ts";
import { type FuzzTarget, startFuzzTarget } from "../fuzz/target.ts";
import { clientTypes } from "./types.ts";

let target: FuzzTarget;
beforeAll(async () => {
  target = await startFuzzTarget({ logDir: join(repoRoot, ".wspec", "logs") });
});
afterAll(async () => {
  await target?.stop();
});

describe("runtime/client/openapi.ts", () => {
  it("matches the types generated from the running server's document", async () => {
    const doc = (await (await fetch(`${target.url}/api/v2/openapi.json`)).json()) as Record<string, unknown>;
    const committed = readFileSync(join(repoRoot, "runtime/client/openapi.ts"), "utf8");
    // toBe would print both files whole; the first differing line says what to regenerate.
    const generated = await clientTypes(doc);
    const a = committed.split("\n");
    const b = generated.split("\n");
    const line = Array.from({ length: Math.max(a.length, b.length) }, (_, i) => i).find((i) => a[i] !== b[i]);
    expect(
      line === undefined,
      `runtime/client/openapi.ts differs from the server's document at line ${(line ?? 0) + 1}: ` +
        `committed ${JSON.stringify(a[line ?? 0])}, server ${JSON.stringify(b[line ?? 0])}; run npm run generate:client`,
    ).toBe(true);
  });
});
