// Vitest global setup for the integration project: brings the local environment up through the
// same script a developer uses, and tears it down afterwards only if this run started it.
import { envScript } from "./env-script.ts";

export default async function setup(): Promise<() => Promise<void>> {
  const alreadyUp = (await envScript("status", { quiet: true })) === 0;
  if (!alreadyUp) await envScript("up");
  return async () => {
    if (!alreadyUp && process.env.WSPEC_KEEP_ENV !== "1") await envScript("down");
  };
}
