export { readPolicyConfig } from "./config.ts";
export { buildPolicyPack, type PolicyPackBuild } from "./launcher.ts";
