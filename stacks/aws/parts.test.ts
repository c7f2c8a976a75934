// The pure pieces behind the AWS components: address plan, IAM and bucket policy documents, and
// the connection data's encoding.
import { describe, expect, it } from "vitest";
import { tlsOnlyPolicy } from "./bucket.ts";
import { connectionData } from "./connection.ts";
import { storageAccessPolicy } from "./irsa.ts";
import { kubernetesLabels } from "./pool.ts";
import { subnetPlan } from "./subnets.ts";

describe("subnetPlan", () => {
  it("gives three public /22 and three private /19 subnets that do not overlap", () => {
    expect(subnetPlan("10.20.0.0/16")).toEqual({
      public: ["10.20.0.0/22", "10.20.4.0/22", "10.20.8.0/22"],
      private: ["10.20.32.0/19", "10.20.64.0/19", "10.20.96.0/19"],
    });
  });

  it("refuses anything but a /16, naming the value", () => {
    for (const bad of ["10.0.0.0/24", "10.0.1.0/16", "300.0.0.0/16", "vpc"]) {
      expect(() => subnetPlan(bad)).toThrow(`vpcCidr "${bad}" must be a /16 network such as 10.20.0.0/16`);
    }
  });
});

describe("storageAccessPolicy", () => {
  const bucketArn = "arn:aws:s3:::pool-docs";
  const kmsKeyArn = "arn:aws:kms:eu-central-1:123456789012:key/k";

  it("names the prefix, bucket and key, and nothing else", () => {
    const doc = JSON.parse(storageAccessPolicy({ bucketArn, prefix: "tenants/a/", kmsKeyArn }));
    expect(doc.Statement.map((s: { Resource: string }) => s.Resource)).toEqual([
      bucketArn,
      `${bucketArn}/tenants/a/*`,
      kmsKeyArn,
    ]);
    expect(JSON.stringify(doc)).not.toContain('"*"');
  });

  it("refuses a prefix that would widen the grant", () => {
    for (const prefix of ["tenants/a", "tenants/*/", "/tenants/a/"]) {
      expect(() => storageAccessPolicy({ bucketArn, prefix, kmsKeyArn })).toThrow(
        `prefix "${prefix}" must be`,
      );
    }
    expect(() => storageAccessPolicy({ bucketArn: "*", prefix: "", kmsKeyArn })).toThrow(/needs ARNs/);
  });
});

describe("tlsOnlyPolicy", () => {
  it("denies plain HTTP and TLS below the minimum on the bucket and its objects", () => {
    const doc = JSON.parse(tlsOnlyPolicy("arn:aws:s3:::b", "1.2"));
    expect(doc.Statement.map((s: { Effect: string }) => s.Effect)).toEqual(["Deny", "Deny"]);
    expect(doc.Statement[1].Condition).toEqual({ NumericLessThan: { "s3:TlsVersion": 1.2 } });
    expect(doc.Statement[0].Resource).toEqual(["arn:aws:s3:::b", "arn:aws:s3:::b/*"]);
  });
});

describe("connectionData", () => {
  it("percent-encodes credentials in URLs", () => {
    const data = connectionData({
      tenantId: "t-a",
      tier: "professional",
      database: {
        host: "db",
        port: 5432,
        name: "wspec_pool",
        schema: "tenant_t_a",
        user: "tenant_t_a",
        password: "p@ss/w:rd",
      },
      redis: { host: "cache", port: 6379, user: "tenant-t-a", password: "x y", keyPrefix: "t:t-a:" },
      storage: {
        bucket: "b",
        prefix: "tenants/t-a/",
        region: "eu-west-1",
        kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/k",
      },
      limits: { storageGiB: 1, documents: 2, requestsPerHour: 3 },
    });
    expect(new URL(data.DATABASE_URL as string).password).toBe("p%40ss%2Fw%3Ard");
    expect(decodeURIComponent(new URL(data.REDIS_URL as string).password)).toBe("x y");
    expect(data.STORAGE_PATH).toBe("s3://b/tenants/t-a/");
  });
});

describe("kubernetesLabels", () => {
  it("turns tags into valid label values", () => {
    expect(kubernetesLabels({ "wspec-cost-center": "CC 42/Finance.", "wspec-tier": "starter" })).toEqual({
      "wspec-cost-center": "cc_42_finance",
      "wspec-tier": "starter",
    });
  });
});
