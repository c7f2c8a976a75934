// Step 5: the tenant's frameworks and document rules over the version's text, entities and
// metadata. Results replace this version's earlier checks in one transaction, so a re-run leaves
// one row per framework.
import { and, eq, isNull } from "drizzle-orm";
import { extractEntities } from "../../ai/entities/index.ts";
import { checkCompliance, storedFramework, subjectFromDocument } from "../../compliance/engine/index.ts";
import { complianceChecks, documentCategories, documentPermissions } from "../../db/schema/index.ts";
import { extractText } from "../extract/index.ts";
import { PermanentStepError, type StepHandler } from "../pipeline.ts";
import type { HandlerDeps } from "./deps.ts";
import { loadAnalysis, loadVersion } from "./load.ts";

export function complianceStep(deps: HandlerDeps): StepHandler {
  return async ({ ref }) => {
    const policy = deps.policyFor(ref.tenantId);
    const facts = await deps.databases.withTenant(ref.tenantId, async (tx) => {
      const { document, version } = await loadVersion(tx, ref);
      const analysis = await loadAnalysis(tx, ref);
      const [category] = document.categoryId
        ? await tx.select().from(documentCategories).where(eq(documentCategories.id, document.categoryId))
        : [];
      const shares = await tx
        .select({ permission: documentPermissions.permission, expiresAt: documentPermissions.expiresAt })
        .from(documentPermissions)
        .where(
          and(eq(documentPermissions.documentId, ref.documentId), isNull(documentPermissions.revokedAt)),
        );
      return { document, version, analysis, category, shares };
    });
    // Under a "redact" policy the stored text no longer holds the values; the rules must judge the
    // document itself, so its text is read again from the object and kept only in memory.
    let text = typeof facts.analysis?.extraction?.text === "string" ? facts.analysis.extraction.text : "";
    if (facts.analysis?.extraction?.redacted === true) {
      const { body } = await deps.storage.get(facts.version.storageKey);
      const chunks: Buffer[] = [];
      for await (const c of body) chunks.push(c as Buffer);
      text = (await extractText(Buffer.concat(chunks), facts.version.contentType)).text;
    }
    const entities = extractEntities(text).map(({ type, start, end, text: t, confidence }) => ({
      type,
      start,
      end,
      text: t,
      confidence,
    }));
    const subject = subjectFromDocument({
      document: {
        ...facts.document,
        extractedText: text,
        classification:
          typeof facts.analysis?.classification?.label === "string"
            ? facts.analysis.classification.label
            : facts.document.classification,
        currentVersion: ref.version,
        contentType: facts.version.contentType,
        sizeBytes: facts.version.sizeBytes,
      },
      category: facts.category ?? null,
      entities,
      shares: facts.shares,
    });
    if (!subject.ok)
      throw new PermanentStepError(`the document cannot be checked: ${subject.problems.join("; ")}`);
    const results = checkCompliance(subject.value, {
      frameworks: policy.frameworks,
      profileRules: policy.documentRules,
    });
    const checkedAt = new Date();
    await deps.databases.withTenant(ref.tenantId, async (tx) => {
      await tx
        .delete(complianceChecks)
        .where(
          and(
            eq(complianceChecks.documentId, ref.documentId),
            eq(complianceChecks.documentVersion, ref.version),
          ),
        );
      if (results.length > 0) {
        await tx.insert(complianceChecks).values(
          results.map((r) => ({
            tenantId: ref.tenantId,
            documentId: ref.documentId,
            documentVersion: ref.version,
            framework: storedFramework(r.framework),
            status: r.status,
            score: r.score,
            findings: r.findings,
            checkedAt,
          })),
        );
      }
    });
    return {
      frameworks: Object.fromEntries(
        results.map((r) => [r.framework, { status: r.status, score: r.score, findings: r.findings.length }]),
      ),
    };
  };
}
