export { RUNTIME_PORT, type RuntimeArgs, type RuntimeSecret, runtimeArgsProblems } from "./args.ts";
export { RUNTIME_NAME, RUNTIME_TYPE, Runtime } from "./runtime.ts";
export { RUNTIME_SIZING, type RuntimeSizing } from "./sizing.ts";
