// Endpoint signing secrets: `whsec_` + base64 of 32 random bytes, and rotation that keeps the
// previous secret valid for an overlap, so receivers can switch without dropping a message.
import { randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
/** Standard Webhooks asks for 24 to 64 bytes of key. */
export const SECRET_BYTES = 32;
/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** Messages carry at most this many signatures. */
export const MAX_ACTIVE_SECRETS = 2;

export interface EndpointSecret {
  secret: string;
  createdAt: Date;
  /** Null while the secret is the current one. */
  expiresAt: Date | null;
}

export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString("base64")}`;
}

export function isSecret(value: string): boolean {
  if (!value.startsWith(SECRET_PREFIX)) return false;
  const key = value.slice(SECRET_PREFIX.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(key) && Buffer.from(key, "base64").length >= 24;
}

/** Unexpired secrets, newest first, at most MAX_ACTIVE_SECRETS: the ones messages are signed with. */
export function activeSecrets(secrets: readonly EndpointSecret[], now: Date): EndpointSecret[] {
  return secrets
    .filter((s) => s.expiresAt === null || s.expiresAt > now)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, MAX_ACTIVE_SECRETS);
}

/**
 * A new current secret; the previous current one expires after `overlapMs`. Older secrets are
 * dropped, so a second rotation within the overlap ends the oldest at once.
 */
export function rotateSecrets(
  secrets: readonly EndpointSecret[],
  now: Date,
  overlapMs = ROTATION_OVERLAP_MS,
): { secrets: EndpointSecret[]; created: EndpointSecret } {
  const created: EndpointSecret = { secret: generateSecret(), createdAt: now, expiresAt: null };
  const [previous] = activeSecrets(secrets, now);
  const until = new Date(now.getTime() + overlapMs);
  const kept = previous
    ? [
        {
          ...previous,
          expiresAt: previous.expiresAt && previous.expiresAt < until ? previous.expiresAt : until,
        },
      ]
    : [];
  return { secrets: [created, ...kept], created };
}
