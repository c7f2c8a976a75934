// Pulumi.yaml's entry point. The Node.js runner takes either a default export or named exports,
// not both: the program lives in config-program.ts, where tests import it by name.
import { tenantProgramFromConfig } from "./config-program.ts";

export default tenantProgramFromConfig;
