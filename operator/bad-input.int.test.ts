// Bad input never reaches Pulumi: the operator ends with Ready=False, a reason and a message naming
// the field and what is allowed, and creates no stack; malformed specs are refused at apply.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackName, type Tenant } from "../crds/index.ts";
import { loadLocalEnv } from "../scripts/env/index.ts";
import { condition, type TestCluster, testCluster } from "./testing/cluster.ts";
import { type OperatorProcess, startOperator } from "./testing/operator-process.ts";

let cluster: TestCluster;
let operator: OperatorProcess;
let ns: string;
const project = () => `wspec-test-bad-${cluster.runId}`;

const euProfile = {
  frameworks: ["GDPR" as const],
  allowedRegions: { aws: ["eu-*"], local: ["*"] },
  pii: "redact" as const,
};
const stalled = (t: Tenant | undefined) => condition(t, "Stalled")?.status === "True";

beforeAll(async () => {
  cluster = testCluster(await loadLocalEnv());
  ns = await cluster.namespace("bad");
  await cluster.profile("eu", euProfile);
  await cluster.profile("enterprise-only", { ...euProfile, allowedTiers: ["enterprise"] });
  operator = await startOperator({
    name: `bad-input-${cluster.runId}`,
    tenantSelector: cluster.selector,
    pulumiProject: project(),
    logDir: mkdtempSync(join(tmpdir(), "wspec-op-")),
  });
});
afterAll(async () => {
  await operator?.kill();
  await cluster?.cleanup();
});

async function expectRefused(name: string, reason: string, message: string | RegExp) {
  const t = await cluster.waitFor(ns, name, "Stalled", stalled, 30_000);
  const ready = condition(t, "Ready");
  expect(ready).toMatchObject({ status: "False", reason });
  expect(ready?.message).toMatch(message);
  expect(condition(t, "Compliant")).toMatchObject({ status: "False", reason });
  expect(t?.status?.phase).toBe("Failed");
  expect(t?.status?.observedGeneration).toBe(t?.metadata.generation);
  const events = await cluster.events(ns, name);
  expect(events.map((e) => [e.type, e.reason])).toContainEqual(["Warning", expect.any(String)]);
  expect(cluster.stackExists(project(), stackName(ns, name))).toBe(false);
  return t;
}

describe("bad input", () => {
  it("an unknown profile: ProfileNotFound naming the existing profiles, no stack", async () => {
    await cluster.createTenant(ns, "no-profile", {
      displayName: "No profile",
      tier: "starter",
      cloud: "local",
      complianceProfile: "does-not-exist",
      admins: ["a@example.com"],
    });
    await expectRefused(
      "no-profile",
      "ProfileNotFound",
      new RegExp(
        `spec.complianceProfile "does-not-exist" not found: existing profiles \\[.*eu-${cluster.runId}`,
      ),
    );
  });

  it("a region outside the profile's allowed regions: RegionNotAllowed with the allowed ones", async () => {
    await cluster.createTenant(ns, "wrong-region", {
      displayName: "Wrong region",
      tier: "professional",
      cloud: "aws",
      region: "us-east-1",
      complianceProfile: `eu-${cluster.runId}`,
      admins: ["a@example.com"],
    });
    await expectRefused("wrong-region", "RegionNotAllowed", /spec.region "us-east-1".*\[eu-\*\]/);
  });

  it("a tier the profile forbids: TierNotAllowed with the allowed tiers", async () => {
    await cluster.createTenant(ns, "wrong-tier", {
      displayName: "Wrong tier",
      tier: "starter",
      cloud: "local",
      complianceProfile: `enterprise-only-${cluster.runId}`,
      admins: ["a@example.com"],
    });
    await expectRefused(
      "wrong-tier",
      "TierNotAllowed",
      /spec.tier "starter" not allowed by .*: allowed \[enterprise\]/,
    );
  });

  it("a cloud whose provider plugin this operator does not have: CloudNotAvailable, no stack", async () => {
    await cluster.createTenant(ns, "aws-eu", {
      displayName: "AWS in the EU",
      tier: "professional",
      cloud: "aws",
      region: "eu-west-1",
      complianceProfile: `eu-${cluster.runId}`,
      admins: ["a@example.com"],
    });
    await expectRefused(
      "aws-eu",
      "CloudNotAvailable",
      /spec.cloud "aws" needs the Pulumi provider plugin\(s\) pulumi-resource-aws, not installed for this operator \(looked in .*\): available \[local\]/,
    );
  });

  it("malformed specs are refused at apply with the schema's message", async () => {
    const base = {
      displayName: "x",
      cloud: "local" as const,
      complianceProfile: "p",
      admins: ["a@example.com"],
    };
    await expect(cluster.createTenant(ns, "gold", { ...base, tier: "gold" as never })).rejects.toMatchObject({
      code: 422,
      body: expect.stringContaining(
        'spec.tier: Unsupported value: \\"gold\\": supported values: \\"enterprise\\", \\"professional\\", \\"starter\\"',
      ),
    });
    await expect(
      cluster.createTenant(ns, "no-region", { ...base, tier: "starter", cloud: "aws" }),
    ).rejects.toMatchObject({ code: 422, body: expect.stringMatching(/region/) });
    expect(await cluster.getTenant(ns, "gold")).toBeUndefined();
  });
});
