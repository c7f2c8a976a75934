// A Redis ACL user confined to the tenant's key and channel prefix, with a random password.
// Every change ends with ACL SAVE: the server loads its users from an aclfile at start, so a user
// that is not saved would vanish with the next restart. Delete removes the user (which closes its
// connections) and the keys under its prefix, then saves.
// Serialized by Pulumi like the other providers: ioredis comes through createRequire at run time.
import * as pulumi from "@pulumi/pulumi";
import type { Redis as RedisClient } from "ioredis";
import { credentialInputs, credentialLifecycle, credentialOptions } from "./credential.ts";

export interface RedisAclUserArgs {
  /** A URL of a user allowed to run ACL commands; kept as a secret in the state. */
  readonly adminUrl: pulumi.Input<string>;
  readonly user: pulumi.Input<string>;
  /** e.g. `t:acme:`; the user may touch only keys and channels starting with it. */
  readonly keyPrefix: pulumi.Input<string>;
}

interface AclInputs {
  adminUrl: string;
  user: string;
  keyPrefix: string;
}

interface AclOutputs extends AclInputs {
  password: string;
  /** What read found different from the rules (keys, channels, disabled); non-empty makes an update. */
  drift: string[];
}

/** Commands: everything but the dangerous ones, plus INFO (BullMQ reads the server version). */
export const ACL_COMMANDS = ["+@all", "-@dangerous", "+info"] as const;

/** The ACL rules of a tenant user, without its password. */
export function aclRules(keyPrefix: string): string[] {
  // Glob characters in the prefix would widen the pattern; names are plain, and checked here.
  if (!/^[a-z0-9][a-z0-9_-]*(:[a-z0-9_-]+)*:$/.test(keyPrefix)) {
    throw new Error(`Redis key prefix "${keyPrefix}" must be lowercase words separated and ended by ':'`);
  }
  return [`~${keyPrefix}*`, `&${keyPrefix}*`, ...ACL_COMMANDS];
}

function checkUser(user: string): string {
  if (!/^[a-z0-9][a-z0-9_-]{0,99}$/.test(user)) {
    throw new Error(`Redis user "${user}" must be lowercase letters, digits, '_' and '-'`);
  }
  return user;
}

async function withRedis<T>(url: string, fn: (redis: RedisClient) => Promise<T>): Promise<T> {
  const require = process.getBuiltinModule("node:module").createRequire(`${process.cwd()}/`);
  const { Redis } = require("ioredis") as typeof import("ioredis");
  // One attempt, no reconnecting in the background: a failure fails the operation, and the
  // provider process is not kept alive by a client retrying forever.
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 15_000,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

/** `reset` first: an adopted user keeps nothing of its old rules or passwords. */
async function setUser(p: AclInputs, password: string): Promise<void> {
  const rules = aclRules(p.keyPrefix);
  await withRedis(p.adminUrl, async (redis) => {
    await redis.call("ACL", "SETUSER", checkUser(p.user), "reset", "on", `>${password}`, ...rules);
    await redis.call("ACL", "SAVE");
  });
}

const provider: pulumi.dynamic.ResourceProvider<AclInputs, AclOutputs> = {
  ...credentialLifecycle<AclInputs>(setUser, (inputs) => inputs.user),
  async read(id, props) {
    if (!props) return { id, props };
    const found = await withRedis(props.adminUrl, (redis) =>
      redis.call("ACL", "GETUSER", checkUser(props.user)),
    );
    if (!Array.isArray(found)) return { id: "", props: {} as AclOutputs };
    // GETUSER answers a flat [field, value, ...] list.
    const fields = new Map<string, unknown>();
    for (let i = 0; i + 1 < found.length; i += 2) fields.set(String(found[i]), found[i + 1]);
    const [keys, channels] = aclRules(props.keyPrefix);
    const drift: string[] = [];
    if (fields.get("keys") !== keys) drift.push(`keys ${String(fields.get("keys"))}`);
    if (fields.get("channels") !== channels) drift.push(`channels ${String(fields.get("channels"))}`);
    const flags = fields.get("flags");
    if (!Array.isArray(flags) || !flags.includes("on")) drift.push("off");
    return { id, props: { ...props, drift } };
  },
  async diff(_id, olds, news) {
    const replaces = olds.user !== news.user ? ["user"] : [];
    // Another server is another user: delete it there, create it here.
    if (new URL(olds.adminUrl).host !== new URL(news.adminUrl).host) replaces.push("adminUrl");
    const changes =
      replaces.length > 0 ||
      olds.keyPrefix !== news.keyPrefix ||
      olds.adminUrl !== news.adminUrl ||
      (olds.drift?.length ?? 0) > 0;
    return { changes, replaces, deleteBeforeReplace: true };
  },
  async delete(_id, props) {
    const pattern = `${aclRules(props.keyPrefix)[0]?.slice(1)}`; // `t:<id>:*`
    await withRedis(props.adminUrl, async (redis) => {
      await redis.call("ACL", "DELUSER", checkUser(props.user));
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
        if (keys.length > 0) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== "0");
      await redis.call("ACL", "SAVE");
    });
  },
};

/** The tenant's Redis user. */
export class RedisAclUser extends pulumi.dynamic.Resource {
  declare public readonly user: pulumi.Output<string>;
  declare public readonly keyPrefix: pulumi.Output<string>;
  /** Generated on create, kept across updates; a secret in the state and in every output. */
  declare public readonly password: pulumi.Output<string>;

  constructor(name: string, args: RedisAclUserArgs, opts: pulumi.CustomResourceOptions = {}) {
    super(provider, name, credentialInputs(args), credentialOptions(opts), "local", "RedisAclUser");
  }
}
