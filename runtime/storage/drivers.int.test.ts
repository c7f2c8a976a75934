// Runs the StorageDriver contract against every driver: the local filesystem, and the real S3
// (moto), Azure Blob (azurite) and GCS (fake-gcs-server) protocol servers of the local environment.
// Each run uses its own bucket/container (runtime/storage/testing) and removes it afterwards.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type LocalEnv, loadLocalEnv } from "../../scripts/env/index.ts";
import { storageContract } from "./contract-suite.ts";
import { createStorageDriver } from "./index.ts";
import { LocalStorageDriver, verifyLocalSignedUrl } from "./local.ts";
import { testDriver } from "./testing/drivers.ts";

let envPromise: Promise<LocalEnv> | undefined;
const env = () => {
  envPromise ??= loadLocalEnv();
  return envPromise;
};

storageContract("local filesystem", async () => {
  const { driver, cleanup } = await testDriver("local", {
    signing: { baseUrl: "http://127.0.0.1:1/files", secret: "s".repeat(32) },
  });
  return { driver, signedUrl: "local", cleanup };
});

storageContract("S3 (moto)", async () => {
  const { driver, cleanup } = await testDriver("s3", { serverSideEncryption: { type: "AES256" } });
  return { driver, signedUrl: "fetch", concurrentOverwrite: false, cleanup };
});

storageContract("Azure Blob (azurite)", async () => {
  const { driver, cleanup } = await testDriver("azure");
  return { driver, signedUrl: "fetch", cleanup };
});

storageContract("GCS (fake-gcs-server)", async () => {
  const { driver, cleanup } = await testDriver("gcs");
  return { driver, signedUrl: "fetch", cleanup };
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
