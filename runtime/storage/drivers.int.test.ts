// Runs the StorageDriver contract against every driver: the local filesystem, and the real S3
// (moto), Azure Blob (azurite) and GCS (fake-gcs-server) protocol servers of the local environment.
// Each run uses its own bucket/container and removes it afterwards.
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
import { describe, expect, it } from "vitest";
import { type LocalEnv, loadLocalEnv } from "../../scripts/env/index.ts";
import { storageContract } from "./contract-suite.ts";
import { createStorageDriver, storageDriverFromConfig } from "./index.ts";
import { LocalStorageDriver, verifyLocalSignedUrl } from "./local.ts";

const unique = () => `wspec-st-${randomUUID().slice(0, 8)}`;
let envPromise: Promise<LocalEnv> | undefined;
const env = () => {
  envPromise ??= loadLocalEnv();
  return envPromise;
};

storageContract("local filesystem", async () => {
  const root = await mkdtemp(join(tmpdir(), "wspec-storage-"));
  const driver = new LocalStorageDriver({
    root,
    signing: { baseUrl: "http://127.0.0.1:1/files", secret: "s".repeat(32) },
  });
  return { driver, signedUrl: "local", cleanup: () => rm(root, { recursive: true, force: true }) };
});

storageContract("S3 (moto)", async () => {
  const e = await env();
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
    serverSideEncryption: { type: "AES256" },
  });
  // Created after the config validated, so a bad config leaks no bucket.
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    driver,
    signedUrl: "fetch",
    concurrentOverwrite: false,
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
});

storageContract("Azure Blob (azurite)", async () => {
  const e = await env();
  const container = unique();
  const service = BlobServiceClient.fromConnectionString(e.azureBlob.connectionString);
  const driver = storageDriverFromConfig({
    kind: "azure",
    container,
    accountUrl: `${e.azureBlob.endpoint.replace(/\/+$/, "")}`,
    accountName: e.azureBlob.accountName,
    accountKey: e.azureBlob.accountKey,
  });
  await service.getContainerClient(container).create();
  return {
    driver,
    signedUrl: "fetch",
    cleanup: async () => {
      await service.getContainerClient(container).delete();
    },
  };
});

storageContract("GCS (fake-gcs-server)", async () => {
  const e = await env();
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
    driver,
    signedUrl: "fetch",
    cleanup: async () => {
      await admin.bucket(bucket).deleteFiles({ force: true });
      await admin.bucket(bucket).delete();
    },
  };
});

describe("driver edges against real servers", () => {
  it("a driver pointed at a missing bucket fails its health check and names the bucket", async () => {
    const e = await env();
    const s3 = createStorageDriver({
      kind: "s3",
      bucket: "wspec-missing-bucket",
      region: e.s3.region,
      endpoint: e.s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: e.s3.accessKeyId, secretAccessKey: e.s3.secretAccessKey },
    });
    await expect(s3.healthCheck()).rejects.toThrow(/s3: bucket "wspec-missing-bucket" not reachable/);
    const azure = createStorageDriver({
      kind: "azure",
      container: "wspec-missing",
      connectionString: e.azureBlob.connectionString,
    });
    await expect(azure.healthCheck()).rejects.toThrow(/azure: container "wspec-missing" not reachable/);
    await expect(azure.head("a/b")).rejects.toThrow(/azure: container "wspec-missing" does not exist/);
  });

  it("local signed URLs verify and expire", async () => {
    const root = await mkdtemp(join(tmpdir(), "wspec-storage-"));
    const secret = "k".repeat(32);
    const driver = new LocalStorageDriver({ root, signing: { baseUrl: "https://files.example/v", secret } });
    const url = new URL(await driver.signedUrl("acme/a/2026/01/d/v1", { expiresInSeconds: 60 }));
    expect(url.pathname).toBe("/v/acme/a/2026/01/d/v1");
    const params = {
      method: url.searchParams.get("method") ?? "",
      key: "acme/a/2026/01/d/v1",
      expires: Number(url.searchParams.get("expires")),
      signature: url.searchParams.get("signature") ?? "",
    };
    expect(verifyLocalSignedUrl(secret, params)).toBe(true);
    expect(verifyLocalSignedUrl(secret, { ...params, key: "acme/a/2026/01/d/v2" })).toBe(false);
    expect(verifyLocalSignedUrl("x".repeat(32), params)).toBe(false);
    expect(verifyLocalSignedUrl(secret, params, new Date(Date.now() + 120_000))).toBe(false);
    await rm(root, { recursive: true, force: true });
  });
});
