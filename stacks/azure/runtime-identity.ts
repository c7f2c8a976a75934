// A tenant runtime's Azure identity, the same in a silo and in the pool: a user-assigned identity
// that the runtime's service account in the tenant namespace federates to (AKS workload identity),
// whose roles reach the tenant's container and, when it has one, its key: nothing wider.
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import type * as pulumi from "@pulumi/pulumi";
import { resourceName } from "../shared/naming.ts";
import { RUNTIME_SERVICE_ACCOUNT } from "../shared/tenant-namespace.ts";
import { grantsTo } from "./roles.ts";

export interface RuntimeIdentityArgs {
  readonly tenantId: string;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: pulumi.Input<string>;
  readonly tags: Readonly<Record<string, string>>;
  readonly subscriptionId: pulumi.Input<string>;
  /** The cluster's OIDC issuer. */
  readonly issuer: pulumi.Input<string>;
  readonly namespace: string;
  readonly containerId: pulumi.Input<string>;
  /** What the container role assignment says it is for. */
  readonly containerDescription: string;
  /** The tenant's key, when it has its own. */
  readonly keyId?: pulumi.Input<string>;
}

export function runtimeIdentity(
  name: string,
  args: RuntimeIdentityArgs,
  parent: pulumi.Resource,
): managedidentity.UserAssignedIdentity {
  const { tenantId, resourceGroupName, subscriptionId } = args;
  const identity = new managedidentity.UserAssignedIdentity(
    `${name}-runtime-identity`,
    {
      resourceGroupName,
      location: args.location,
      resourceName: resourceName(tenantId, "runtime", "azureManagedIdentity"),
      tags: args.tags,
    },
    { parent },
  );
  new managedidentity.FederatedIdentityCredential(
    `${name}-runtime-federation`,
    {
      resourceGroupName,
      resourceName: identity.name,
      federatedIdentityCredentialResourceName: "aks-runtime",
      issuer: args.issuer,
      subject: `system:serviceaccount:${args.namespace}:${RUNTIME_SERVICE_ACCOUNT}`,
      audiences: ["api://AzureADTokenExchange"],
    },
    { parent },
  );
  const grant = grantsTo(subscriptionId, identity.principalId, { parent });
  grant(
    `${name}-runtime-blob-access`,
    "storageBlobDataContributor",
    args.containerId,
    args.containerDescription,
  );
  if (args.keyId !== undefined) {
    grant(
      `${name}-runtime-key-access`,
      "keyVaultCryptoUser",
      args.keyId,
      `runtime of tenant ${tenantId} encrypts with its key`,
    );
  }
  return identity;
}

/** AKS workload identity: the client id on the service account, the opt-in label on the pods. */
export const azureWorkloadBinding = (clientId: string) => ({
  annotations: { "azure.workload.identity/client-id": clientId },
  podLabels: { "azure.workload.identity/use": "true" },
});
