// Where a resource lives, read the way each provider decides it: AWS resources take `region`
// (provider v7 has it on every regional resource) or their provider's; azure-native resources carry
// `location`; GCP resources `location` or `region` (a zone counts as its region), else their
// provider's. Global services (IAM, DNS, CDN) have no region and are not asked for one.
import { at, type Props, str } from "./props.ts";
import type { RuleResource } from "./types.ts";

export type RegionRead =
  | { kind: "regional"; region: string; from: string }
  | { kind: "global" }
  | { kind: "unknown"; why: string };

const AWS_GLOBAL =
  /^aws:(iam|route53|cloudfront|organizations|budgets|globalaccelerator|shield|waf|costexplorer|account)\//;
const GCP_GLOBAL =
  /^gcp:(projects|serviceaccount|organizations|dns|iam|servicenetworking|compute\/(network|firewall|globalAddress|route):|kms\/cryptoKey|storage\/bucketIAM|sql\/(user|database):)/;

/** `West Europe` and `westeurope` are the same Azure region. */
const azureName = (s: string) => s.toLowerCase().replaceAll(" ", "");
/** `europe-west1-b` is a zone of `europe-west1`; `EU` and `EUROPE-WEST1` (GCS) are lowercased. */
const gcpName = (s: string) => s.toLowerCase().replace(/^([a-z]+-[a-z]+[0-9]+)-[a-z]$/, "$1");

function fromProps(props: Props, fields: readonly string[]): { value: string; field: string } | undefined {
  for (const field of fields) {
    const value = str(at(props, field));
    if (value) return { value, field };
  }
  return undefined;
}

export function resourceRegion(r: RuleResource): RegionRead {
  const [pkg] = r.type.split(":");
  const isProvider = r.type.startsWith("pulumi:providers:");
  const cloud = isProvider ? r.type.slice("pulumi:providers:".length) : pkg;
  if (cloud === "aws") {
    if (!isProvider && AWS_GLOBAL.test(r.type)) return { kind: "global" };
    const own = fromProps(r.props, ["region"]);
    if (own) return { kind: "regional", region: own.value, from: own.field };
    const prov = r.provider && fromProps(r.provider.props, ["region"]);
    if (prov) return { kind: "regional", region: prov.value, from: "provider region" };
    return { kind: "unknown", why: "neither region nor its provider's region is set" };
  }
  if (cloud === "azure-native") {
    const own = fromProps(r.props, ["location"]);
    // Private DNS zones and their links are global by design.
    if (own && azureName(own.value) === "global") return { kind: "global" };
    if (own) return { kind: "regional", region: azureName(own.value), from: own.field };
    const prov = r.provider && fromProps(r.provider.props, ["location"]);
    if (prov) return { kind: "regional", region: azureName(prov.value), from: "provider location" };
    // Child resources (containers, keys, configurations) live where their parent does.
    return { kind: "global" };
  }
  if (cloud === "gcp") {
    if (!isProvider && GCP_GLOBAL.test(r.type)) return { kind: "global" };
    const own = fromProps(r.props, ["location", "region", "zone"]);
    if (own) return { kind: "regional", region: gcpName(own.value), from: own.field };
    const prov = r.provider && fromProps(r.provider.props, ["region", "zone"]);
    if (prov) return { kind: "regional", region: gcpName(prov.value), from: "provider region" };
    return isProvider
      ? { kind: "global" }
      : { kind: "unknown", why: "neither location, region nor its provider's region is set" };
  }
  return { kind: "global" };
}

/** Which cloud's allowedRegions a resource type answers to (undefined: none, e.g. Kubernetes). */
export function resourceCloud(type: string): "aws" | "azure" | "gcp" | undefined {
  const pkg = type.startsWith("pulumi:providers:")
    ? type.slice("pulumi:providers:".length)
    : type.split(":")[0];
  if (pkg === "aws") return "aws";
  if (pkg === "azure-native") return "azure";
  if (pkg === "gcp") return "gcp";
  return undefined;
}
