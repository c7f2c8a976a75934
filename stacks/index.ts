// Pulumi programs per target: the tenant program (stacks/program.ts) picks the cloud's silo or pool
// component and deploys the runtime (stacks/runtime); the local target runs on this machine.
export * from "./local/index.ts";
export {
  DEFAULT_RUNTIME_IMAGE,
  type TenantProgramContext,
  type TenantProgramSpec,
  tenantProgram,
} from "./program.ts";
export * from "./runtime/index.ts";
