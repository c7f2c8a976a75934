// An object round-trips through each storage protocol server with the official SDK:
// S3 (moto), Azure Blob (azurite) and GCS (fake-gcs-server).
import { createHash, randomUUID } from "node:crypto";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { BlobServiceClient } from "@azure/storage-blob";
import { Storage } from "@google-cloud/storage";
import { beforeAll, describe, expect, it } from "vitest";
import { type LocalEnv, loadLocalEnv } from "./index.ts";

let env: LocalEnv;
beforeAll(async () => {
  env = await loadLocalEnv();
});

const body = Buffer.from(`wspec round trip ${randomUUID()}\n`.repeat(1000));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const name = () => `wspec-test-${randomUUID().slice(0, 8)}`;

describe("object storage protocol servers", () => {
  it("S3: put, get (byte-identical), delete through @aws-sdk/client-s3", async () => {
    const s3 = new S3Client({
      endpoint: env.s3.endpoint,
      region: env.s3.region,
      forcePathStyle: env.s3.forcePathStyle,
      credentials: { accessKeyId: env.s3.accessKeyId, secretAccessKey: env.s3.secretAccessKey },
    });
    const Bucket = name();
    await s3.send(new CreateBucketCommand({ Bucket }));
    const Key = "acme/contracts/2026/11/doc-1/v1";
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: body, ServerSideEncryption: "AES256" }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(got.ServerSideEncryption).toBe("AES256");
    if (!got.Body) throw new Error("GetObject returned no body");
    expect(sha(await got.Body.transformToByteArray())).toBe(sha(body));
    await s3.send(new DeleteObjectCommand({ Bucket, Key }));
    await s3.send(new DeleteBucketCommand({ Bucket }));
    s3.destroy();
  });

  it("Azure Blob: upload, download (byte-identical), delete through @azure/storage-blob", async () => {
    const service = BlobServiceClient.fromConnectionString(env.azureBlob.connectionString);
    const container = service.getContainerClient(name());
    await container.create();
    const blob = container.getBlockBlobClient("acme/contracts/2026/11/doc-1/v1");
    await blob.uploadData(body);
    expect(sha(await blob.downloadToBuffer())).toBe(sha(body));
    await blob.delete();
    await container.delete();
  });

  it("Azure Blob: a wrong account key is refused", async () => {
    const bad = env.azureBlob.connectionString.replace(
      /AccountKey=[^;]+/,
      `AccountKey=${Buffer.from("wrong").toString("base64")}`,
    );
    const container = BlobServiceClient.fromConnectionString(bad).getContainerClient(name());
    await expect(container.create()).rejects.toMatchObject({ statusCode: 403 });
  });

  it("GCS: save, download (byte-identical), delete through @google-cloud/storage", async () => {
    const storage = new Storage({ apiEndpoint: env.gcs.endpoint, projectId: env.gcs.projectId });
    const [bucket] = await storage.createBucket(name());
    const file = bucket.file("acme/contracts/2026/11/doc-1/v1");
    await file.save(body, { resumable: false });
    const [downloaded] = await file.download();
    expect(sha(downloaded)).toBe(sha(body));
    await file.delete();
    await bucket.delete();
  });
});
