// The tenant's audit-chain key: 32 random bytes drawn once at create and kept for the stack's
// life, so the runtime can verify every row the tenant's chain ever signed with it (runtime/audit
// keys.ts). It reaches the runtime only in the tenant's connection Secret (AUDIT_HMAC_KEY); the
// database that holds the chain never sees it. Serialized by Pulumi like the other providers:
// builtins only, through process.getBuiltinModule.
import * as pulumi from "@pulumi/pulumi";

export interface AuditKeyArgs {
  /** The tenant the key is for (names the resource; a new tenant id is a new key). */
  readonly tenantId: pulumi.Input<string>;
}

interface KeyInputs {
  tenantId: string;
}

interface KeyOutputs extends KeyInputs {
  /** 64 hex digits. */
  key: string;
}

/** Exported for its tests; programs use AuditKey. */
export const auditKeyProvider: pulumi.dynamic.ResourceProvider<KeyInputs, KeyOutputs> = {
  async create(inputs) {
    const key = process.getBuiltinModule("node:crypto").randomBytes(32).toString("hex");
    return { id: `audit-key-${inputs.tenantId}`, outs: { ...inputs, key } };
  },
  async diff(_id, olds, news) {
    // Another tenant is another key; nothing else ever changes it (a new key would orphan the
    // rows signed with the old one).
    const replaces = olds.tenantId !== news.tenantId ? ["tenantId"] : [];
    return { changes: replaces.length > 0, replaces };
  },
  async update(_id, olds, news) {
    return { outs: { ...news, key: olds.key } };
  },
};

/** The tenant's audit-chain HMAC key; a secret in the state and in every output. */
export class AuditKey extends pulumi.dynamic.Resource {
  declare public readonly key: pulumi.Output<string>;

  constructor(name: string, args: AuditKeyArgs, opts: pulumi.CustomResourceOptions = {}) {
    super(
      auditKeyProvider,
      name,
      { key: undefined, ...args },
      { ...opts, additionalSecretOutputs: ["key"] },
      "local",
      "AuditKey",
    );
  }
}
