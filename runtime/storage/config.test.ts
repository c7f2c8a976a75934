import { describe, expect, it } from "vitest";
import { createStorageDriver, parseStorageConfig, storageDriverFromConfig } from "./config.ts";

describe("parseStorageConfig", () => {
  it("accepts each kind", () => {
    const configs = [
      { kind: "local", root: "/var/lib/wspec" },
      {
        kind: "s3",
        bucket: "wspec-docs",
        region: "eu-west-1",
        serverSideEncryption: { type: "aws:kms", kmsKeyId: "k" },
      },
      {
        kind: "s3",
        bucket: "wspec-docs",
        region: "us-east-1",
        endpoint: "http://127.0.0.1:9000",
        forcePathStyle: true,
      },
      { kind: "azure", container: "wspec-docs", connectionString: "UseDevelopmentStorage=true" },
      {
        kind: "azure",
        container: "docs",
        accountUrl: "https://a.blob.core.windows.net",
        accountName: "a",
        accountKey: "aw==",
      },
      { kind: "gcs", bucket: "wspec-docs", apiEndpoint: "http://127.0.0.1:4443", projectId: "p" },
    ];
    for (const c of configs) {
      const { val, err } = parseStorageConfig(c);
      expect(err).toBeUndefined();
      expect(createStorageDriver(val as NonNullable<typeof val>).kind).toBe(c.kind);
    }
  });

  it.each([
    [{ kind: "ftp" }, 'storage.kind "ftp" not in [local, s3, azure, gcs]'],
    [{}, "storage.kind undefined not in [local, s3, azure, gcs]"],
    [null, "storage.kind undefined not in"],
    [{ kind: "local", root: "relative/dir" }, "storage.local.root: must be an absolute path"],
    [{ kind: "local", root: "/x", extra: 1 }, 'storage.local: Unrecognized key: "extra"'],
    [{ kind: "s3", bucket: "Bad_Bucket", region: "eu-west-1" }, "storage.s3.bucket: must be 3-63 characters"],
    [{ kind: "s3", bucket: "ok-bucket" }, "storage.s3.region:"],
    [
      { kind: "s3", bucket: "ok-bucket", region: "r", endpoint: "ftp://x" },
      "storage.s3.endpoint: must be an http(s) URL",
    ],
    [
      { kind: "s3", bucket: "ok-bucket", region: "r", serverSideEncryption: { type: "DES" } },
      "storage.s3.serverSideEncryption",
    ],
    [
      {
        kind: "s3",
        bucket: "ok-bucket",
        region: "r",
        credentials: { accessKeyId: "", secretAccessKey: "s" },
      },
      "storage.s3.credentials.accessKeyId: is required",
    ],
    [{ kind: "azure", container: "a--b", connectionString: "x" }, "storage.azure.container: must be 3-63"],
    [
      { kind: "azure", container: "docs", accountUrl: "https://x", accountName: "a" },
      "storage.azure.accountKey:",
    ],
    [{ kind: "gcs", bucket: "b" }, "storage.gcs.bucket: must be 3-63"],
    [
      { kind: "gcs", bucket: "bucket", credentials: { client_email: "e" } },
      "storage.gcs.credentials.private_key:",
    ],
  ])("rejects %j naming the field", (input, message) => {
    const { err } = parseStorageConfig(input);
    expect(err).toContain(message);
    expect(() => storageDriverFromConfig(input)).toThrow(`invalid storage configuration: ${err}`);
  });
});
