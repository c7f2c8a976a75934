import type { CountryCode } from "libphonenumber-js";
import type { DocumentRule, PiiMode } from "../../../crds/index.ts";
import type { Framework } from "../../compliance/engine/index.ts";
import type { TenantTx } from "../../db/client.ts";
import type { StorageDriver } from "../../storage/index.ts";

/** What a tenant's ComplianceProfile asks of its documents (from the operator's tenant Secret). */
export interface TenantPolicy {
  frameworks: readonly Framework[];
  pii: PiiMode;
  documentRules: readonly DocumentRule[];
  /** spec.virusScan.failOpen: uploads made while the virus scanner is down are served unscanned. */
  virusScanFailOpen?: boolean;
}

export interface Classification {
  label: string;
  confidence: number;
  /** Which model answered ("default@…" or the tenant's). */
  model: string;
}

export interface PipelineEvent {
  type: "ai.processing_completed" | "compliance.check_completed";
  tenantId: string;
  data: Record<string, unknown>;
}

export interface HandlerDeps {
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  storage: StorageDriver;
  classify(tenantId: string, text: string): Promise<Classification>;
  policyFor(tenantId: string): TenantPolicy;
  /** National phone numbers of these countries are read without a country code (the region's, from AiRouteDeps). */
  phoneCountries?: readonly CountryCode[];
  /** Fans an event out to the tenant's webhook subscriptions; returns how many deliveries were queued. */
  notify(event: PipelineEvent): Promise<number>;
  /** Bytes read for extraction at most. @default 100 MiB */
  maxBytes?: number;
}
