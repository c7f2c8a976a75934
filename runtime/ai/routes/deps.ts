import type { CountryCode } from "libphonenumber-js";
import type { AuditKey } from "../../audit/index.ts";
import type { StorageDriver } from "../../storage/index.ts";
import type { TenantClassifier } from "../classify/index.ts";
import type { ClassifierTrainingQueue } from "../training/index.ts";
import type { TranslationProvider } from "../translate/index.ts";
import type { TenantScopedDatabases } from "./classifier-store.ts";

/** What the /api/v2/ai routes need. */
export interface AiRouteDeps {
  /** TenantDatabases (runtime/db): every query runs in the tenant's RLS transaction. */
  databases: TenantScopedDatabases;
  /** Document bytes, read when the pipeline has not stored a version's text (yet). */
  storage: StorageDriver;
  /** The per-tenant classifier, built on PostgresClassifierStore over the same databases. */
  classifier: Pick<TenantClassifier, "classify" | "train" | "describe" | "minExamplesPerLabel">;
  /** Background training (BullMQ); absent: `{background: true}` answers 501. */
  training?: Pick<ClassifierTrainingQueue, "request">;
  /** With `training`: a background retrain is queued each time the tenant's examples reach a multiple of this. */
  retrainEvery?: number;
  /** From translationFromEnv(); absent: POST /ai/translate answers 501 with HOW_TO_CONFIGURE. */
  translation?: TranslationProvider;
  /** Secret behind "hash" redaction (≥ 16 characters); each tenant gets a key derived from it. */
  redactionKey?: string;
  /** HMAC key(s) of each tenant's audit chain (runtime/audit AuditKey). */
  auditKey?: AuditKey;
  /** National phone numbers of these countries are read without a country code (RUNTIME_REGION, PHONE_COUNTRIES). */
  phoneCountries?: readonly CountryCode[];
  /** Bytes read from storage to extract a document's text at most. @default 100 MiB */
  maxDocumentBytes?: number;
}
