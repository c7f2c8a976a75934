// Test support (imported by *.int.test.ts only): a real storage driver of each kind on the local
// environment (a temp directory, moto S3, azurite, fake-gcs-server), each in a bucket/container of
// its own, removed afterwards. Used by the driver contract tests and the documents harness.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import { BlobServiceClient } from "@azure/storage-blob";
import { Storage } from "@google-cloud/storage";
import { loadLocalEnv } from "../../../scripts/env/index.ts";
import { storageDriverFromConfig } from "../config.ts";
import { type LocalDriverOptions, LocalStorageDriver } from "../local.ts";
import type { StorageDriver } from "../storage.ts";

export const DRIVER_KINDS = ["local", "s3", "azure", "gcs"] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];

export interface TestDriver {
  kind: DriverKind;
  driver: StorageDriver;
  cleanup(): Promise<void>;
}

const unique = () => `wspec-doc-${randomUUID().slice(0, 8)}`;

export interface TestDriverOptions {
  /** local: enable signedUrl(). */
  signing?: LocalDriverOptions["signing"];
  /** s3: server-side encryption of every object. */
  serverSideEncryption?: { type: "AES256" };
}

export async function testDriver(kind: DriverKind, options: TestDriverOptions = {}): Promise<TestDriver> {
  switch (kind) {
    case "local": {
      const root = await mkdtemp(join(tmpdir(), "wspec-docs-"));
      return {
        kind,
        driver: new LocalStorageDriver({ root, ...(options.signing ? { signing: options.signing } : {}) }),
        cleanup: () => rm(root, { recursive: true, force: true }),
      };
    }
    case "s3": {
      const e = await loadLocalEnv();
      const bucket = unique();
      const credentials = { accessKeyId: e.s3.accessKeyId, secretAccessKey: e.s3.secretAccessKey };
      const admin = new S3Client({
        endpoint: e.s3.endpoint,
        region: e.s3.region,
        forcePathStyle: true,
        credentials: { ...credentials },
      });
      const driver = storageDriverFromConfig({
        kind: "s3",
        bucket,
        region: e.s3.region,
        endpoint: e.s3.endpoint,
        forcePathStyle: e.s3.forcePathStyle,
        credentials: { ...credentials },
        ...(options.serverSideEncryption ? { serverSideEncryption: options.serverSideEncryption } : {}),
      });
      // Created after the config validated, so a bad config leaks no bucket.
      await admin.send(new CreateBucketCommand({ Bucket: bucket }));
      return {
        kind,
        driver,
        async cleanup() {
          for (;;) {
            const page = await admin.send(new ListObjectsV2Command({ Bucket: bucket }));
            const objects = (page.Contents ?? []).map((o) => ({ Key: o.Key }));
            if (objects.length === 0) break;
            await admin.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
          }
          await admin.send(new DeleteBucketCommand({ Bucket: bucket }));
          admin.destroy();
        },
      };
    }
    case "azure": {
      const e = await loadLocalEnv();
      const container = unique();
      const service = BlobServiceClient.fromConnectionString(e.azureBlob.connectionString);
      const driver = storageDriverFromConfig({
        kind: "azure",
        container,
        accountUrl: e.azureBlob.endpoint.replace(/\/+$/, ""),
        accountName: e.azureBlob.accountName,
        accountKey: e.azureBlob.accountKey,
      });
      await service.getContainerClient(container).create();
      return {
        kind,
        driver,
        cleanup: async () => void (await service.getContainerClient(container).delete()),
      };
    }
    case "gcs": {
      const e = await loadLocalEnv();
      const bucket = unique();
      const admin = new Storage({ apiEndpoint: e.gcs.endpoint, projectId: e.gcs.projectId });
      // fake-gcs-server does not check signatures; a throwaway service-account key lets the SDK sign.
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const driver = storageDriverFromConfig({
        kind: "gcs",
        bucket,
        projectId: e.gcs.projectId,
        apiEndpoint: e.gcs.endpoint,
        credentials: {
          client_email: "wspec-test@wspec-local.iam.gserviceaccount.com",
          private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        },
      });
      await admin.createBucket(bucket);
      return {
        kind,
        driver,
        async cleanup() {
          await admin.bucket(bucket).deleteFiles({ force: true });
          await admin.bucket(bucket).delete();
        },
      };
    }
  }
}

/** Every key under a prefix ("" for all). */
export async function listKeys(driver: StorageDriver, prefix = ""): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of driver.list(prefix)) keys.push(o.key);
  return keys.sort();
}
