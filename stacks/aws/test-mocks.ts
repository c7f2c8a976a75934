// Pulumi mocks for the AWS components' unit tests: every registered resource is captured with its
// inputs (secrets still wrapped, so tests can check what is secret), and the mock answers with the
// attributes AWS would compute (ARNs, endpoints, the EKS OIDC issuer) so outputs flow as in a real
// run. Invokes answer for availability zones.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { dynamicState, isSecretValue, revealed, value } from "../shared/testing/mock-graph.ts";

export { isSecretValue, revealed, value };

const AWS_SDK_DIR = dirname(createRequire(import.meta.url).resolve("@pulumi/aws/package.json"));

export const ACCOUNT = "123456789012";
export const OIDC_ISSUER_HOST = "oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** The provider reference (`<urn>::<id>`), when one was given or inherited. */
  readonly provider?: string;
}

/** The value with every secret replaced by "[secret]": what would be readable without decryption. */
export function plainPart(v: unknown): unknown {
  if (isSecretValue(v)) return "[secret]";
  if (Array.isArray(v)) return v.map(plainPart);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainPart(x)]));
  }
  return v;
}

export const registered: Registered[] = [];
/** Stack outputs a StackReference returns, by stack name. */
export const stackOutputs = new Map<string, Record<string, unknown>>();

function computed(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const region = typeof inputs.region === "string" ? inputs.region : "eu-central-1";
  switch (type) {
    case "aws:kms/key:Key":
      return { arn: `arn:aws:kms:${region}:${ACCOUNT}:key/${name}`, keyId: `${name}-key-id` };
    case "aws:s3/bucket:Bucket":
      return { arn: `arn:aws:s3:::${inputs.bucket}` };
    case "aws:iam/role:Role":
      return { arn: `arn:aws:iam::${ACCOUNT}:role/${inputs.name}` };
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
      return {
        arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}`,
      };
    case "aws:eks/cluster:Cluster":
      return {
        endpoint: `https://${name}.gr7.${region}.eks.amazonaws.com`,
        certificateAuthority: { data: "LS0tLS1CRUdJTi1DQQ==" },
        identities: [{ oidcs: [{ issuer: `https://${OIDC_ISSUER_HOST}` }] }],
        vpcConfig: { ...(inputs.vpcConfig as object), clusterSecurityGroupId: `sg-${name}` },
      };
    case "aws:rds/cluster:Cluster":
      return {
        endpoint: `${inputs.clusterIdentifier}.cluster-abc.${region}.rds.amazonaws.com`,
        readerEndpoint: `${inputs.clusterIdentifier}.cluster-ro-abc.${region}.rds.amazonaws.com`,
        arn: `arn:aws:rds:${region}:${ACCOUNT}:cluster:${inputs.clusterIdentifier}`,
        clusterResourceId: `cluster-${name}`,
      };
    case "aws:elasticache/replicationGroup:ReplicationGroup":
      return { primaryEndpointAddress: `master.${inputs.replicationGroupId}.abc.euc1.cache.amazonaws.com` };
    case "aws:ec2/vpc:Vpc":
      return { arn: `arn:aws:ec2:${region}:${ACCOUNT}:vpc/${name}` };
    default:
      return dynamicState(type, name) ?? { arn: `arn:aws:mock:${region}:${ACCOUNT}:${name}` };
  }
}

let installed = false;

/** Installs the mocks once per test file. */
export async function installMocks(): Promise<void> {
  if (installed) return;
  installed = true;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs,
          ...(args.provider ? { provider: args.provider } : {}),
        });
        if (args.type === "pulumi:pulumi:StackReference") {
          const outputs = stackOutputs.get(String(args.inputs.name));
          if (!outputs) throw new Error(`no mocked outputs for stack ${String(args.inputs.name)}`);
          return { id: String(args.inputs.name), state: { ...args.inputs, outputs, secretOutputNames: [] } };
        }
        const state = {
          ...(revealed(args.inputs) as Record<string, unknown>),
          ...computed(args.type, args.name, args.inputs),
        };
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        if (args.token === "aws:index/getAvailabilityZones:getAvailabilityZones") {
          const region = String(args.inputs.region ?? "eu-central-1");
          return { names: [`${region}a`, `${region}b`, `${region}c`], zoneIds: ["z1", "z2", "z3"] };
        }
        return args.inputs;
      },
    },
    "wspec-aws-unit",
    "unit",
  );
}

/** Waits until no resource has registered for a while: the component's graph is complete. */
export async function settled(quietMs = 50): Promise<void> {
  let count = -1;
  while (count !== registered.length) {
    count = registered.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

/** A view of what one build registered. */
// biome-ignore lint/suspicious/noExplicitAny: tests read provider inputs of every shape, field by field
type Inputs = Record<string, any>;

export function graph(from: number) {
  const all = registered.slice(from);
  const byType = (type: string) => all.filter((r) => r.type === type);
  const inputsOf = (r: Registered) => revealed(r.inputs) as Inputs;
  /** The revealed inputs of the only resource of a type. */
  const one = (type: string): Inputs => {
    const found = byType(type);
    if (found.length !== 1) throw new Error(`expected one ${type}, got ${found.length}`);
    return inputsOf(found[0] as Registered);
  };
  const named = (name: string): Registered => {
    const r = all.find((x) => x.name === name);
    if (!r) throw new Error(`no resource named ${name}`);
    return r;
  };
  return { all, byType, one, inputsOf, named };
}

const taggable = new Map<string, boolean>();

/**
 * Whether an AWS resource type takes `tags`, read from the SDK's own declaration of its args, so
 * the "every taggable resource is tagged" check does not rest on a hand-kept list.
 */
export function isTaggable(type: string): boolean {
  const m = /^aws:([a-zA-Z0-9]+)\/([a-zA-Z0-9]+):/.exec(type);
  if (!m) return false;
  const key = `${m[1]}/${m[2]}`;
  let known = taggable.get(key);
  if (known === undefined) {
    const dts = readFileSync(join(AWS_SDK_DIR, m[1] as string, `${m[2]}.d.ts`), "utf8");
    const argsDecl = /export interface \w+Args \{[\s\S]*?\n\}/.exec(dts)?.[0] ?? "";
    known = /\n\s+tags\?:/.test(argsDecl);
    taggable.set(key, known);
  }
  return known;
}
