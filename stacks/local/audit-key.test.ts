import { describe, expect, it } from "vitest";
import { auditKeyProvider } from "./audit-key.ts";

describe("AuditKey provider", () => {
  it("draws 32 random bytes at create and keeps them across updates", async () => {
    const a = await auditKeyProvider.create?.({ tenantId: "acme" });
    const b = await auditKeyProvider.create?.({ tenantId: "acme" });
    expect(a?.outs?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(a?.outs?.key).not.toBe(b?.outs?.key);
    const olds = a?.outs as { tenantId: string; key: string };
    const updated = await auditKeyProvider.update?.("id", olds, { tenantId: "acme" });
    expect(updated?.outs?.key).toBe(olds.key);
  });

  it("changes only for another tenant, and then by replacement", async () => {
    const olds = { tenantId: "acme", key: "k".repeat(64) };
    expect(await auditKeyProvider.diff?.("id", olds, { tenantId: "acme" })).toEqual({
      changes: false,
      replaces: [],
    });
    expect(await auditKeyProvider.diff?.("id", olds, { tenantId: "other" })).toEqual({
      changes: true,
      replaces: ["tenantId"],
    });
  });
});
