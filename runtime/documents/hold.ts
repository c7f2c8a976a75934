// Placing and releasing legal holds: one locked update and one audit row, shared by both routes.
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import type { TenantContext } from "../app/index.ts";
import type { Principal } from "../auth/rbac.ts";
import { type Document, documents } from "../db/schema/index.ts";
import { auditDocument } from "./context.ts";
import type { DocumentRouteDeps } from "./deps.ts";
import { findVisible } from "./find.ts";

export async function changeHold(
  c: Context,
  deps: DocumentRouteDeps,
  input: {
    tenant: TenantContext;
    principal: Principal;
    id: string;
    at: Date;
    hold: boolean;
    reason?: string;
  },
): Promise<Document> {
  const { tenant, principal, id, at, hold } = input;
  return deps.databases.withTenant(tenant.id, async (tx) => {
    const before = await findVisible(tx, principal, id, at, { forUpdate: true });
    const [after] = await tx
      .update(documents)
      .set({ legalHold: hold, updatedAt: at })
      .where(eq(documents.id, id))
      .returning();
    if (!after) throw new Error(`document ${id} vanished under its lock`);
    await auditDocument(
      c,
      deps,
      tx,
      tenant.id,
      id,
      hold ? "document.legal_hold.set" : "document.legal_hold.release",
      {
        was: before.legalHold,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    );
    return after;
  });
}
