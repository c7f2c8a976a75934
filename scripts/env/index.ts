export { envScript } from "./env-script.ts";
export {
  envJsonPath,
  type LocalEnv,
  LocalEnvSchema,
  loadLocalEnv,
  localPulumiEngine,
  repoRoot,
} from "./local-env.ts";
export { ensureMailpit, type Mailpit } from "./optional-tools.ts";
export { processesMentioning, processesWithEnv, processRunning } from "./processes.ts";
