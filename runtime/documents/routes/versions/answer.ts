// How the routes that add a version (upload, restore) answer: the new current version is
// announced, and the status says whether one was added at all.
import type { Context } from "hono";
import { ok, type TenantContext } from "../../../app/index.ts";
import type { AddedVersion } from "../../add-version.ts";
import type { DocumentRouteDeps } from "../../deps.ts";
import { emit } from "../../events.ts";
import { documentView } from "../../view.ts";

/** 201 with the document when a version was added (after document.updated), 200 when it was not. */
export async function answerAddedVersion(
  c: Context,
  deps: DocumentRouteDeps,
  tenant: TenantContext,
  { document, created }: AddedVersion,
  change: Record<string, unknown>,
) {
  if (created) {
    await emit(c, deps.hooks, {
      type: "document.updated",
      tenantId: tenant.id,
      documentId: document.id,
      version: document.currentVersion,
      data: { ...change, version: document.currentVersion },
    });
  }
  return created ? ok(c, documentView(document), 201) : ok(c, documentView(document), 200);
}
