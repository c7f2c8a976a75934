import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ApiError } from "./app/index.ts";
import { documentHooks } from "./document-hooks.ts";
import type { TenantPolicy } from "./pipeline/handlers/index.ts";

const dir = mkdtempSync(join(tmpdir(), "wspec-hooks-"));
function file(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { tenantId: "t1", path, contentType: "text/plain", size: text.length };
}
const hooks = (pii: TenantPolicy["pii"]) =>
  documentHooks({
    pipeline: { enqueue: async () => {} },
    webhooks: {
      databases: { withTenant: async () => Promise.reject(new Error("not used")) },
      queue: { enqueue: async () => {} },
    },
    policyFor: () => ({ frameworks: [], pii, documentRules: [] }),
    logger: pino({ level: "silent" }),
  });

describe("the upload screen", () => {
  const personal = file("personal.txt", "Customer card number 4111 1111 1111 1111, email ada@example.com");
  const clean = file("clean.txt", "Minutes of the quarterly risk committee. No actions.");

  it("refuses personal data under pii: block, naming the file and what was found", async () => {
    const err = await hooks("block")
      .screen?.(personal)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("UNPROCESSABLE_ENTITY");
    expect((err as ApiError).details[0]?.field).toBe("file");
    expect((err as ApiError).message).toMatch(/credit_card.*nothing was stored|nothing was stored/);
    expect(JSON.stringify(err)).not.toContain("4111 1111 1111 1111");
  });
  it("lets clean text through under block, and anything through under flag and redact", async () => {
    await expect(hooks("block").screen?.(clean)).resolves.toBeUndefined();
    await expect(hooks("flag").screen?.(personal)).resolves.toBeUndefined();
    await expect(hooks("redact").screen?.(personal)).resolves.toBeUndefined();
  });
});
