// What the local dynamic providers that own a login (PostgresTenant's role, RedisAclUser's user)
// do alike: draw the password once at create and keep it across updates, so an update only brings
// grants and rules back; and keep the admin URL and that password secret in the state.
import * as pulumi from "@pulumi/pulumi";

/** A provider's outputs: its inputs plus the password it drew and what read found wrong. */
export type WithCredential<I> = I & {
  password: string;
  /** What read found different from what should be; a non-empty list makes an update. */
  drift: string[];
};

/**
 * `create` and `update` for a login: `apply` makes the login exist as `inputs` say, with
 * `password`; `id` names it.
 */
export function credentialLifecycle<I>(
  apply: (inputs: I, password: string) => Promise<void>,
  id: (inputs: I) => string,
): Pick<Required<pulumi.dynamic.ResourceProvider<I, WithCredential<I>>>, "create" | "update"> {
  return {
    async create(inputs) {
      const password = process.getBuiltinModule("node:crypto").randomBytes(24).toString("hex");
      await apply(inputs, password);
      return { id: id(inputs), outs: { ...inputs, password, drift: [] } };
    },
    // Same password: only the grants and attributes are brought back to what they should be.
    async update(_id, olds, news) {
      await apply(news, olds.password);
      return { outs: { ...news, password: olds.password, drift: [] } };
    },
  };
}

/** The engine's inputs: password and drift come from the provider; the admin URL is a secret. */
export function credentialInputs<A extends { readonly adminUrl: pulumi.Input<string> }>(args: A) {
  return { password: undefined, drift: undefined, ...args, adminUrl: pulumi.secret(args.adminUrl) };
}

/** The password and the admin URL stay secret in every output. */
export const credentialOptions = (opts: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions => ({
  ...opts,
  additionalSecretOutputs: ["password", "adminUrl"],
});
