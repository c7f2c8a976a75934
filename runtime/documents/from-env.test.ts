import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Config, loadConfig } from "../app/index.ts";
import { documentsWiring, storageConfigFromEnv } from "./from-env.ts";

const base = { DATABASE_URL: "postgres://app:pw@127.0.0.1:5432/db", REDIS_URL: "redis://127.0.0.1:6379" };

function config(env: Record<string, string>): Config {
  const { val, err } = loadConfig({ ...base, ...env });
  if (err !== undefined) throw new Error(err);
  return val;
}

describe("storageConfigFromEnv", () => {
  it("serves no documents without STORAGE_KIND, and sweeps hourly by default", () => {
    const c = config({});
    expect(storageConfigFromEnv(c)).toEqual({ val: undefined });
    expect([c.SWEEP_INTERVAL_SECONDS, c.SWEEP_GRACE_SECONDS]).toEqual([3600, 3600]);
  });

  it("builds each kind from its variables", () => {
    expect(storageConfigFromEnv(config({ STORAGE_KIND: "local", STORAGE_PATH: "/srv/docs" })).val).toEqual({
      kind: "local",
      root: "/srv/docs",
    });
    expect(
      storageConfigFromEnv(
        config({
          STORAGE_KIND: "s3",
          STORAGE_BUCKET: "wspec-docs",
          STORAGE_REGION: "eu-west-1",
          STORAGE_SSE: "aws:kms",
          STORAGE_KMS_KEY_ID: "arn:aws:kms:eu-west-1:1:key/x",
        }),
      ).val,
    ).toEqual({
      kind: "s3",
      bucket: "wspec-docs",
      region: "eu-west-1",
      serverSideEncryption: { type: "aws:kms", kmsKeyId: "arn:aws:kms:eu-west-1:1:key/x" },
    });
    expect(
      storageConfigFromEnv(
        config({
          STORAGE_KIND: "azure",
          STORAGE_CONTAINER: "docs",
          STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true",
        }),
      ).val,
    ).toEqual({ kind: "azure", container: "docs", connectionString: "UseDevelopmentStorage=true" });
    expect(
      storageConfigFromEnv(
        config({ STORAGE_KIND: "gcs", STORAGE_BUCKET: "wspec-docs", STORAGE_PROJECT_ID: "p" }),
      ).val,
    ).toEqual({ kind: "gcs", bucket: "wspec-docs", projectId: "p" });
  });

  it("names every missing or bad variable for the kind", () => {
    expect(storageConfigFromEnv(config({ STORAGE_KIND: "s3" })).err).toBe(
      "invalid configuration: STORAGE_BUCKET is required for STORAGE_KIND=s3; STORAGE_REGION is required for STORAGE_KIND=s3",
    );
    expect(storageConfigFromEnv(config({ STORAGE_KIND: "local", STORAGE_PATH: "docs" })).err).toBe(
      "invalid configuration: STORAGE_PATH must be an absolute path for STORAGE_KIND=local",
    );
    expect(
      storageConfigFromEnv(config({ STORAGE_KIND: "azure", STORAGE_CONTAINER: "Bad_Name" })).err,
    ).toContain("STORAGE_ACCOUNT_URL is required for STORAGE_KIND=azure");
    expect(loadConfig({ ...base, STORAGE_KIND: "ftp", STORAGE_ACCOUNT_KEY: "" }).err).toContain(
      'STORAGE_KIND "ftp"',
    );
    expect(loadConfig({ ...base, SWEEP_GRACE_SECONDS: "5" }).err).toContain('SWEEP_GRACE_SECONDS "5"');
    expect(loadConfig({ ...base, STORAGE_ENDPOINT: "not a url" }).err).toContain(
      'STORAGE_ENDPOINT "not a url"',
    );
    // Account URLs may carry SAS tokens: named, never echoed.
    expect(loadConfig({ ...base, STORAGE_ACCOUNT_URL: "sig=secret" }).err).toContain(
      "STORAGE_ACCOUNT_URL (set, hidden)",
    );
  });
});

describe("documentsWiring", () => {
  it("wires a driver with a storage health check, and no sweeper at interval 0", async () => {
    const root = await mkdtemp(join(tmpdir(), "wspec-wiring-"));
    try {
      const c = config({ STORAGE_KIND: "local", STORAGE_PATH: root, SWEEP_INTERVAL_SECONDS: "0" });
      const storage = storageConfigFromEnv(c).val;
      if (!storage) throw new Error("no storage config");
      const wiring = documentsWiring(storage, c, {
        databases: { withTenant: () => Promise.reject(new Error("unused")) },
        registry: { list: () => [] },
        logger: { info() {}, warn() {}, error() {} },
      });
      await expect(wiring.storageCheck()).resolves.toBeUndefined();
      expect(wiring.startSweeper()).toBeUndefined();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
