// Names derived from a Tenant's namespace and name for things outside Kubernetes.
//
// `tenant-<ns>-<name>` alone is ambiguous: namespace "team-a" with tenant "x" and namespace "team"
// with tenant "a-x" both give `tenant-team-a-x`, and two tenants sharing a stack or a database
// would destroy each other's data. Every name therefore ends in a hash of "<ns>/<name>" ('/'
// cannot appear in either part), which also keeps truncated names distinct.
import { createHash } from "node:crypto";

/** Pulumi's limit on a stack name. */
export const STACK_NAME_MAX = 100;
/** Short enough for every backing service (PostgreSQL allows 63 bytes, some clouds less). */
export const RESOURCE_PREFIX_MAX = 40;
const HASH_LENGTH = 10;

function tenantHash(namespace: string, name: string): string {
  if (!namespace || !name)
    throw new Error(`a tenant needs a namespace and a name (got "${namespace}/${name}")`);
  return createHash("sha256").update(`${namespace}/${name}`).digest("hex").slice(0, HASH_LENGTH);
}

function join(readable: string, hash: string, max: number): string {
  const room = max - HASH_LENGTH - 1;
  return `${readable.slice(0, room).replace(/[-_.]+$/, "")}-${hash}`;
}

/** `tenant-<ns>-<name>-<hash>`, at most 100 characters of [a-z0-9.-]. */
export function stackName(namespace: string, name: string): string {
  return join(`tenant-${namespace}-${name}`, tenantHash(namespace, name), STACK_NAME_MAX);
}

/**
 * `t-<ns>-<name>-<hash>`, at most 40 characters of [a-z0-9-], starting with a letter: names the
 * tenant's database or schema, login role, Redis user and storage root. With '-' replaced by '_'
 * (sqlIdentifier) it is a PostgreSQL identifier that needs no quoting.
 */
export function resourcePrefix(namespace: string, name: string): string {
  const readable = `t-${namespace}-${name}`.replace(/[^a-z0-9-]/g, "-");
  return join(readable, tenantHash(namespace, name), RESOURCE_PREFIX_MAX);
}

/** A resourcePrefix as an unquoted SQL identifier. */
export function sqlIdentifier(prefix: string): string {
  return prefix.replaceAll("-", "_");
}
