// Built-in Azure role definitions the stacks assign, by their fixed ids (the same in every
// subscription), and role assignments that are always scoped to one resource: a tenant's identity
// never gets a role on a resource group or subscription.
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import * as pulumi from "@pulumi/pulumi";

export const BUILT_IN_ROLES = {
  /** Read, write and delete blobs (data plane), nothing on the account itself. */
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  /** Wrap and unwrap with a key: what a service needs for customer-managed-key encryption. */
  keyVaultCryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  /** Cryptographic operations with a key (encrypt, decrypt, sign), no key management. */
  keyVaultCryptoUser: "12338af0-0e69-4776-bea7-57ae8d297424",
  /** Manage one vault (not its keys' material): AKS needs it to link a private vault for KMS. */
  keyVaultContributor: "f25e0fa2-a7c8-4377-a976-54943a77a395",
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

export function roleDefinitionId(
  subscriptionId: pulumi.Input<string>,
  role: BuiltInRole,
): pulumi.Output<string> {
  return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`;
}

export interface ScopedRoleArgs {
  readonly subscriptionId: pulumi.Input<string>;
  readonly principalId: pulumi.Input<string>;
  readonly role: BuiltInRole;
  /** The id of one resource: a key, a container, a vault. */
  readonly scope: pulumi.Input<string>;
  readonly description: string;
}

export function scopedRole(
  name: string,
  args: ScopedRoleArgs,
  opts: pulumi.CustomResourceOptions,
): authorization.RoleAssignment {
  return new authorization.RoleAssignment(
    name,
    {
      principalId: args.principalId,
      // Without it, a role assigned right after the identity is created can fail while the
      // principal replicates through Entra ID.
      principalType: "ServicePrincipal",
      roleDefinitionId: roleDefinitionId(args.subscriptionId, args.role),
      scope: args.scope,
      description: args.description,
    },
    opts,
  );
}

/** Role assignments for one principal, each scoped to one resource: `grant(name, role, scope, why)`. */
export function grantsTo(
  subscriptionId: pulumi.Input<string>,
  principalId: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): (
  name: string,
  role: BuiltInRole,
  scope: pulumi.Input<string>,
  description: string,
) => authorization.RoleAssignment {
  return (name, role, scope, description) =>
    scopedRole(name, { subscriptionId, principalId, role, scope, description }, opts);
}
