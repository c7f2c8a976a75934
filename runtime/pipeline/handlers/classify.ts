// Step 2: the document type, from the tenant's model or the default one.
import { eq } from "drizzle-orm";
import { documents } from "../../db/schema/index.ts";
import type { StepHandler } from "../pipeline.ts";
import type { HandlerDeps } from "./deps.ts";
import { isCurrent, loadText, loadVersion, saveAnalysis } from "./load.ts";

export function classifyStep(deps: HandlerDeps): StepHandler {
  return async ({ ref }) => {
    const text = await deps.databases.withTenant(ref.tenantId, (tx) => loadText(tx, ref));
    const result = await deps.classify(ref.tenantId, text);
    await deps.databases.withTenant(ref.tenantId, async (tx) => {
      await saveAnalysis(tx, ref, { classification: { ...result } });
      const { document } = await loadVersion(tx, ref);
      if (isCurrent(document, ref)) {
        await tx
          .update(documents)
          .set({ classification: result.label })
          .where(eq(documents.id, ref.documentId));
      }
    });
    return { ...result };
  };
}
