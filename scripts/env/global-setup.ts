// Vitest global setup for the integration project: brings the local environment up through the
// same script a developer uses (idempotent: healthy services are left alone), and tears it down
// afterwards only if this run started it.
import { existsSync } from "node:fs";
import { envScript } from "./env-script.ts";
import { envJsonPath } from "./local-env.ts";

export default async function setup(): Promise<() => Promise<void>> {
  // env.json exists only between a successful `up` and a `down`.
  const alreadyUp = existsSync(envJsonPath());
  await envScript("up");
  return async () => {
    if (!alreadyUp && process.env.WSPEC_KEEP_ENV !== "1") await envScript("down");
  };
}
