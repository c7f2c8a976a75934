// Step 6: the version's (possibly redacted) text becomes the document's searchable text; the
// generated search_vector column follows. Old versions leave the document alone.
import { eq } from "drizzle-orm";
import { documents } from "../../db/schema/index.ts";
import type { StepHandler } from "../pipeline.ts";
import type { HandlerDeps } from "./deps.ts";
import { isCurrent, loadAnalysis, loadVersion } from "./load.ts";

export function indexStep(deps: HandlerDeps): StepHandler {
  return ({ ref }) =>
    deps.databases.withTenant(ref.tenantId, async (tx) => {
      const { document } = await loadVersion(tx, ref);
      if (!isCurrent(document, ref)) return { indexed: false, reason: "not the current version" };
      const analysis = await loadAnalysis(tx, ref);
      const text = typeof analysis?.extraction?.text === "string" ? analysis.extraction.text : "";
      await tx.update(documents).set({ extractedText: text }).where(eq(documents.id, ref.documentId));
      return { indexed: true, chars: text.length };
    });
}
