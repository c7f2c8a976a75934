// One compliance check of one document version, shared by the pipeline's compliance step and
// POST /api/v2/compliance/check: load the version's facts, read its own words (even when the
// tenant's policy stored a redacted text), run the engine, and replace the stored rows.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DocumentRule } from "../../../crds/index.ts";
import { type Entity, extractEntities } from "../../ai/entities/index.ts";
import type { TenantTx } from "../../db/index.ts";
import {
  complianceChecks,
  documentAnalyses,
  documentCategories,
  documentPermissions,
  documents,
  documentVersions,
} from "../../db/schema/index.ts";
import { extractText } from "../../pipeline/extract/index.ts";
import type { StorageDriver } from "../../storage/index.ts";
import {
  checkCompliance,
  type Framework,
  type FrameworkResult,
  storedFramework,
  subjectFromDocument,
} from "../engine/index.ts";

export interface ComplianceRunDeps {
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  storage: StorageDriver;
}

export interface ComplianceRunRef {
  tenantId: string;
  documentId: string;
  version: number;
}

export interface ComplianceRunOptions {
  frameworks: readonly Framework[];
  documentRules: readonly DocumentRule[];
  /** The clock for retention rules and checked_at. @default now */
  now?: Date;
  /**
   * "version": the version's earlier rows all go (the pipeline: one row per framework it checks);
   * "frameworks": only the checked frameworks' rows are replaced (an explicit check of a subset).
   */
  replace: "version" | "frameworks";
  /**
   * Entity extraction; the API passes extractEntitiesOffThread so a large document's extraction
   * runs off its event loop. @default extractEntities, in this thread (the pipeline worker)
   */
  extract?: (text: string) => Entity[] | Promise<Entity[]>;
}

export type ComplianceRun =
  | { status: "missing" }
  | { status: "unprocessable"; problems: string[] }
  | { status: "checked"; results: FrameworkResult[]; checkedAt: Date };

async function loadFacts(tx: TenantTx, ref: ComplianceRunRef) {
  const [row] = await tx
    .select({ version: documentVersions, document: documents })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(and(eq(documentVersions.documentId, ref.documentId), eq(documentVersions.version, ref.version)));
  if (!row) return undefined;
  const [analysis] = await tx
    .select()
    .from(documentAnalyses)
    .where(and(eq(documentAnalyses.documentId, ref.documentId), eq(documentAnalyses.version, ref.version)));
  const [category] = row.document.categoryId
    ? await tx.select().from(documentCategories).where(eq(documentCategories.id, row.document.categoryId))
    : [];
  const shares = await tx
    .select({ permission: documentPermissions.permission, expiresAt: documentPermissions.expiresAt })
    .from(documentPermissions)
    .where(and(eq(documentPermissions.documentId, ref.documentId), isNull(documentPermissions.revokedAt)));
  return { ...row, analysis, category, shares };
}

async function readContent(storage: StorageDriver, key: string, contentType: string): Promise<string> {
  const { body } = await storage.get(key);
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return (await extractText(Buffer.concat(chunks), contentType)).text;
}

export async function runComplianceCheck(
  deps: ComplianceRunDeps,
  ref: ComplianceRunRef,
  options: ComplianceRunOptions,
): Promise<ComplianceRun> {
  const facts = await deps.databases.withTenant(ref.tenantId, (tx) => loadFacts(tx, ref));
  if (!facts) return { status: "missing" };
  // Under a "redact" policy the stored text no longer holds the values, and before the extract
  // step has run there is none: the rules must judge the document itself, so its text is read
  // again from the object and kept only in memory.
  const stored = facts.analysis?.extraction?.text;
  const text =
    typeof stored === "string" && facts.analysis?.extraction?.redacted !== true
      ? stored
      : await readContent(deps.storage, facts.version.storageKey, facts.version.contentType);
  const entities = (await (options.extract ?? extractEntities)(text)).map(
    ({ type, start, end, text: t, confidence }) => ({
      type,
      start,
      end,
      text: t,
      confidence,
    }),
  );
  const label = facts.analysis?.classification?.label;
  const subject = subjectFromDocument({
    document: {
      ...facts.document,
      extractedText: text,
      classification: typeof label === "string" ? label : facts.document.classification,
      currentVersion: ref.version,
      contentType: facts.version.contentType,
      sizeBytes: facts.version.sizeBytes,
    },
    category: facts.category ?? null,
    entities,
    shares: facts.shares,
  });
  if (!subject.ok) return { status: "unprocessable", problems: subject.problems };
  const checkedAt = options.now ?? new Date();
  const results = checkCompliance(subject.value, {
    frameworks: options.frameworks,
    profileRules: options.documentRules,
    now: checkedAt,
  });
  await deps.databases.withTenant(ref.tenantId, async (tx) => {
    await tx
      .delete(complianceChecks)
      .where(
        and(
          eq(complianceChecks.documentId, ref.documentId),
          eq(complianceChecks.documentVersion, ref.version),
          options.replace === "frameworks"
            ? inArray(complianceChecks.framework, options.frameworks.map(storedFramework))
            : undefined,
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
  return { status: "checked", results, checkedAt };
}
