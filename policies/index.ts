export { buildCompliancePack } from "./compliance-pack-build.ts";
export { readPolicyConfig } from "./config.ts";
export { evaluateResources, type Finding, tenantFindings } from "./evaluate.ts";
export { buildPolicyPack, type PolicyPackBuild } from "./launcher.ts";
export { type CompliancePackConfig, CompliancePackConfigSchema, packContext } from "./pack-config.ts";
export { COMPLIANCE_PACK_NAME } from "./pack-name.ts";
export * from "./rules/index.ts";
