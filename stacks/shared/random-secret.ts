// A random secret generated once, at create, and kept in the state: database passwords and Redis
// auth tokens that stay the same on every later `up` (a value drawn at program time would change,
// and so replace the credential, on every run). @pulumi/random is not a dependency, and this needs
// only node:crypto inside the dynamic provider, so it also works where no provider binary exists.
//
// Pulumi serializes the provider's functions into the state and runs them in a separate process:
// they capture nothing imported and load builtins through process.getBuiltinModule.
import * as pulumi from "@pulumi/pulumi";

export interface RandomSecretArgs {
  /** Random bytes drawn; the value is their hex form (twice as many characters). Default 24. */
  readonly bytes?: number;
  /** Changing any keeper draws a new value (rotation on demand). */
  readonly keepers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

interface RandomInputs {
  bytes: number;
  keepers?: Record<string, string>;
}

const provider: pulumi.dynamic.ResourceProvider<RandomInputs, RandomInputs & { value: string }> = {
  async create(inputs) {
    const value = process.getBuiltinModule("node:crypto").randomBytes(inputs.bytes).toString("hex");
    return { id: process.getBuiltinModule("node:crypto").randomUUID(), outs: { ...inputs, value } };
  },
  async diff(_id, olds, news) {
    const changed =
      olds.bytes !== news.bytes || JSON.stringify(olds.keepers ?? {}) !== JSON.stringify(news.keepers ?? {});
    return changed
      ? { changes: true, replaces: ["bytes", "keepers"], deleteBeforeReplace: false }
      : { changes: false };
  },
};

export class RandomSecret extends pulumi.dynamic.Resource {
  /** Hex characters only: valid as an RDS master password and an ElastiCache auth token. */
  declare public readonly value: pulumi.Output<string>;

  constructor(name: string, args: RandomSecretArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    const bytes = args.bytes ?? 24;
    if (!Number.isInteger(bytes) || bytes < 16 || bytes > 64) {
      throw new Error(`RandomSecret ${name}: bytes ${bytes} must be an integer from 16 to 64`);
    }
    super(
      provider,
      name,
      { value: undefined, bytes, ...(args.keepers ? { keepers: args.keepers } : {}) },
      { ...opts, additionalSecretOutputs: ["value"] },
      "wspec",
      "RandomSecret",
    );
    // additionalSecretOutputs covers the engine's state; this covers every input the value flows
    // into, whoever consumes it (and Pulumi's mocks, which do not apply additionalSecretOutputs).
    this.value = pulumi.secret(this.value);
  }
}
