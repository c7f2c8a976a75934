// Whose key signs a tenant's audit chain. The operator provisions one per tenant (AUDIT_HMAC_KEY in
// the tenant's connection Secret, runtime/db TenantLocation.auditKey), so that neither the
// database nor another tenant's operator holds it. Until a tenant's Secret carries one, its chain
// is still keyed by default: with a key derived for that tenant from the deployment's root secret
// (HKDF-SHA256, salt = tenant id), never stored anywhere. When the operator's key arrives, new
// rows use it and the rows before verify under the derived one (audit-log.ts: a chain only steps
// up in strength, from unkeyed to derived to the operator's key).
import { hkdfSync } from "node:crypto";

export interface TenantAuditKeysOptions {
  /** The operator's key of a tenant, if its Secret has one. */
  tenantKey: (tenantId: string) => string | undefined;
  /** The deployment's root secret (32 bytes, base64: AUTH_SECRET_BOX_KEY). Without it and without a tenant key, the chain is unkeyed. */
  rootKey?: string;
}

/** A tenant's fallback key: derived from the root secret for that tenant alone. */
export function derivedAuditKey(rootKey: string, tenantId: string): string {
  const root = Buffer.from(rootKey, "base64");
  return Buffer.from(hkdfSync("sha256", root, tenantId, "wspec/audit-chain/v1", 32)).toString("hex");
}

/** Each tenant's chain keys, strongest first (the operator's, then the derived one). */
export function tenantAuditKeys({
  tenantKey,
  rootKey,
}: TenantAuditKeysOptions): (tenantId: string) => readonly string[] {
  if (rootKey !== undefined && Buffer.from(rootKey, "base64").length < 32)
    throw new Error("tenantAuditKeys: rootKey must be at least 32 bytes of base64");
  const derived = new Map<string, string>();
  return (tenantId) => {
    const keys: string[] = [];
    const own = tenantKey(tenantId);
    if (own) keys.push(own);
    if (rootKey !== undefined) {
      let d = derived.get(tenantId);
      if (d === undefined) {
        d = derivedAuditKey(rootKey, tenantId);
        derived.set(tenantId, d);
      }
      keys.push(d);
    }
    return keys;
  };
}
