// Read inside a running pack: the configuration its launcher was built with.
import { readFileSync } from "node:fs";

export function readPolicyConfig(): unknown {
  const file = process.env.WSPEC_POLICY_CONFIG_FILE;
  if (!file) throw new Error("WSPEC_POLICY_CONFIG_FILE is not set: run the pack through buildPolicyPack()");
  return JSON.parse(readFileSync(file, "utf8"));
}
