// The pending first-admin setups of each tenant, as the operator published them (hashed tokens in
// the tenant's admin setup Secret). Memory only: the Secret is the source of truth and every
// replica follows it; whether a token was used is the account's state (a password is set), which
// lives in the tenant's database.
import { type AdminSetupEntry, setupTokenMatches } from "../../lib/tenant-secrets/index.ts";

export type SetupLookup =
  | { kind: "valid"; entry: AdminSetupEntry }
  | { kind: "expired"; entry: AdminSetupEntry }
  | { kind: "unknown" };

export class SetupTokens {
  readonly #byTenant = new Map<string, readonly AdminSetupEntry[]>();

  set(tenantId: string, entries: readonly AdminSetupEntry[]): void {
    this.#byTenant.set(tenantId, entries);
  }

  delete(tenantId: string): void {
    this.#byTenant.delete(tenantId);
  }

  entries(tenantId: string): readonly AdminSetupEntry[] {
    return this.#byTenant.get(tenantId) ?? [];
  }

  /** Which admin a clear token belongs to; every entry is compared so timing tells nothing. */
  lookup(tenantId: string, token: string, now: Date): SetupLookup {
    let found: AdminSetupEntry | undefined;
    for (const entry of this.entries(tenantId)) {
      if (setupTokenMatches(token, entry.tokenSha256)) found = entry;
    }
    if (!found) return { kind: "unknown" };
    return Date.parse(found.expiresAt) <= now.getTime()
      ? { kind: "expired", entry: found }
      : { kind: "valid", entry: found };
  }
}
