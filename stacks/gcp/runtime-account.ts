// A tenant runtime's GCP identity, the same in a silo and in the pool: a service account the
// runtime's Kubernetes service account acts as (GKE workload identity), whose roles reach the
// tenant's bucket and, when it has its own, its key: nothing wider.
import * as kms from "@pulumi/gcp/kms/index.js";
import * as serviceaccount from "@pulumi/gcp/serviceaccount/index.js";
import * as storage from "@pulumi/gcp/storage/index.js";
import * as pulumi from "@pulumi/pulumi";
import { resourceName } from "../shared/naming.ts";
import { RUNTIME_SERVICE_ACCOUNT } from "../shared/tenant-namespace.ts";
import { ENCRYPTER_DECRYPTER } from "./kms.ts";

/** The runtime's object role on its bucket: read, write, delete objects; no bucket or IAM admin. */
export const OBJECT_ROLE = "roles/storage.objectUser";
export const WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";

export interface RuntimeAccountArgs {
  readonly project: string;
  readonly tenantId: string;
  readonly displayName: string;
  /** `<project>.svc.id.goog`: the cluster's workload identity pool. */
  readonly workloadPool: string;
  readonly namespace: string;
  readonly bucketName: pulumi.Input<string>;
  /** The tenant's own key, when it has one. */
  readonly keyId?: pulumi.Input<string>;
  /** What the workload identity binding waits for (the identity pool exists once the cluster does). */
  readonly identityDependsOn?: pulumi.Resource[];
}

export function runtimeAccount(
  name: string,
  args: RuntimeAccountArgs,
  parent: pulumi.Resource,
): serviceaccount.Account {
  const runtime = new serviceaccount.Account(
    `${name}-runtime`,
    {
      project: args.project,
      accountId: resourceName(args.tenantId, "runtime", "gcpServiceAccountId"),
      displayName: args.displayName,
    },
    { parent },
  );
  const runtimeMember = pulumi.interpolate`serviceAccount:${runtime.email}`;
  new serviceaccount.IAMMember(
    `${name}-runtime-workload-identity`,
    {
      serviceAccountId: runtime.name,
      role: WORKLOAD_IDENTITY_USER,
      member: `serviceAccount:${args.workloadPool}[${args.namespace}/${RUNTIME_SERVICE_ACCOUNT}]`,
    },
    args.identityDependsOn ? { parent, dependsOn: args.identityDependsOn } : { parent },
  );
  new storage.BucketIAMMember(
    `${name}-runtime-objects`,
    { bucket: args.bucketName, role: OBJECT_ROLE, member: runtimeMember },
    { parent },
  );
  if (args.keyId !== undefined) {
    new kms.CryptoKeyIAMMember(
      `${name}-runtime-key`,
      { cryptoKeyId: args.keyId, role: ENCRYPTER_DECRYPTER, member: runtimeMember },
      { parent },
    );
  }
  return runtime;
}

/** GKE workload identity: the service account's email on the Kubernetes service account. */
export const gkeWorkloadBinding = (email: string) => ({
  annotations: { "iam.gke.io/gcp-service-account": email },
  podLabels: {},
});
