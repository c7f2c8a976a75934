// Endpoint secrets at rest: each `whsec_` secret is sealed with the secret box, bound to its
// tenant and endpoint (`tenantId:endpointId`), because signing needs the plaintext back and a
// sealed value copied onto another endpoint must not open there.
import type { SecretBox } from "../auth/secret-box.ts";
import type { StoredEndpointSecret } from "../db/schema/index.ts";
import type { EndpointSecret } from "./secrets.ts";

const owner = (tenantId: string, endpointId: string) => `${tenantId}:${endpointId}`;

export function sealSecrets(
  box: SecretBox,
  tenantId: string,
  endpointId: string,
  secrets: readonly EndpointSecret[],
): StoredEndpointSecret[] {
  return secrets.map((s) => ({
    sealed: box.seal(s.secret, owner(tenantId, endpointId)),
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt?.toISOString() ?? null,
  }));
}

export function openSecrets(
  box: SecretBox,
  tenantId: string,
  endpointId: string,
  stored: readonly StoredEndpointSecret[],
): EndpointSecret[] {
  return stored.map((s) => ({
    secret: box.open(s.sealed, owner(tenantId, endpointId)),
    createdAt: new Date(s.createdAt),
    expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt),
  }));
}
