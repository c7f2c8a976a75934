import { describe, expect, it } from "vitest";
import { limitRangeItems, resourceQuotaHard } from "./quota.ts";

const limits = { storageGiB: 250, documents: 10_000, requestsPerHour: 1_000 };

describe("resourceQuotaHard", () => {
  it("takes storage from the tenant's limit and the rest from its tier", () => {
    expect(resourceQuotaHard("starter", limits)).toEqual({
      pods: "6",
      services: "3",
      secrets: "10",
      configmaps: "10",
      persistentvolumeclaims: "2",
      "requests.cpu": "2",
      "requests.memory": "4Gi",
      "limits.cpu": "4",
      "limits.memory": "8Gi",
      "requests.storage": "250Gi",
    });
    expect(resourceQuotaHard("enterprise", { ...limits, storageGiB: 1000 })).toMatchObject({
      pods: "100",
      "requests.storage": "1000Gi",
    });
  });

  it("grows with the tier", () => {
    const pods = (["starter", "professional", "enterprise"] as const).map((t) =>
      Number(resourceQuotaHard(t, limits).pods),
    );
    expect(pods).toEqual([...pods].sort((a, b) => a - b));
  });
});

describe("limitRangeItems", () => {
  it("gives containers defaults and caps a claim at the storage limit", () => {
    expect(limitRangeItems("professional", limits)).toEqual([
      {
        type: "Container",
        defaultRequest: { cpu: "250m", memory: "256Mi" },
        default: { cpu: "1", memory: "1Gi" },
        max: { cpu: "4", memory: "8Gi" },
      },
      { type: "PersistentVolumeClaim", max: { storage: "250Gi" } },
    ]);
  });
});
