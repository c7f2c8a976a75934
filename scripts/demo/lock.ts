// One demo at a time per checkout: two would share the sample tenant, the ports and the files in
// .wspec, and each would stop the other's processes' work half-way.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { processRunning } from "../env/index.ts";

export function takeDemoLock(stateDir: string): () => void {
  const file = join(stateDir, "demo.lock");
  for (let tries = 0; ; tries++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || tries > 0) throw err;
      const holder = readFileSync(file, "utf8").trim();
      if (holder && processRunning(holder)) {
        throw new Error(`another demo (npm start) is running as pid ${holder}; stop it first (Ctrl-C)`);
      }
      rmSync(file, { force: true }); // left by a demo that was killed
    }
  }
}
