// Cloud KMS: a key ring in the tenant's region and HSM keys that rotate, plus the IAM bindings
// that let exactly the Google service agents that encrypt with a key (Cloud SQL, GCS, Memorystore,
// GKE) use it, each on that one key.
import * as kms from "@pulumi/gcp/kms/index.js";
import * as organizations from "@pulumi/gcp/organizations/index.js";
import * as projects from "@pulumi/gcp/projects/index.js";
import * as storage from "@pulumi/gcp/storage/index.js";
import * as pulumi from "@pulumi/pulumi";

/** Rotate every 90 days (seconds, as KMS takes it). */
export const ROTATION_PERIOD = "7776000s";
/** A destroyed key version stays recoverable for 30 days. */
export const DESTROY_SCHEDULED = "2592000s";
export const ENCRYPTER_DECRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

export interface CryptoKeyArgs {
  readonly keyRingId: pulumi.Input<string>;
  readonly keyName: string;
  readonly labels: Readonly<Record<string, string>>;
}

export function cryptoKey(
  name: string,
  args: CryptoKeyArgs,
  opts: pulumi.CustomResourceOptions,
): kms.CryptoKey {
  return new kms.CryptoKey(
    name,
    {
      keyRing: args.keyRingId,
      name: args.keyName,
      purpose: "ENCRYPT_DECRYPT",
      rotationPeriod: ROTATION_PERIOD,
      destroyScheduledDuration: DESTROY_SCHEDULED,
      versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "HSM" },
      labels: args.labels,
    },
    // A key cannot really be deleted, and data under it would be lost: Pulumi never deletes it.
    { ...opts, retainOnDelete: true },
  );
}

/** The service agents that encrypt tenant data with customer-managed keys. */
export interface ServiceAgents {
  readonly cloudSql: pulumi.Output<string>;
  readonly storage: pulumi.Output<string>;
  readonly redis: pulumi.Output<string>;
  readonly gke: pulumi.Output<string>;
}

export function serviceAgents(name: string, project: string, parent: pulumi.Resource): ServiceAgents {
  const p = organizations.getProjectOutput({ projectId: project }, { parent });
  // Cloud SQL's agent exists only once asked for: create it, so the key binding has a member.
  const sql = new projects.ServiceIdentity(
    `${name}-sql-agent`,
    { project, service: "sqladmin.googleapis.com" },
    { parent },
  );
  const gcs = storage.getProjectServiceAccountOutput({ project }, { parent });
  return {
    cloudSql: sql.email,
    storage: gcs.emailAddress,
    redis: pulumi.interpolate`service-${p.number}@cloud-redis.iam.gserviceaccount.com`,
    gke: pulumi.interpolate`service-${p.number}@container-engine-robot.iam.gserviceaccount.com`,
  };
}

/** Lets each named agent encrypt and decrypt with `keyId`, and nothing else. */
export function grantAgents(
  name: string,
  keyId: pulumi.Input<string>,
  agents: Partial<ServiceAgents>,
  opts: pulumi.CustomResourceOptions,
): kms.CryptoKeyIAMMember[] {
  return Object.entries(agents).map(
    ([which, email]) =>
      new kms.CryptoKeyIAMMember(
        `${name}-${which}`,
        {
          cryptoKeyId: keyId,
          role: ENCRYPTER_DECRYPTER,
          member: pulumi.interpolate`serviceAccount:${email}`,
        },
        opts,
      ),
  );
}
