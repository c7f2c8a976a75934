// Builds the compliance pack for one profile and tenant, once per distinct configuration and pack
// code: packs live under `root/<hash of the configuration and of the pack's sources>`, so every
// `up` of a tenant whose profile did not change reuses the same build, and a profile change, or an
// operator whose rules or launcher changed, yields a new one. A build goes to a private
// directory first and is renamed into place, so two operators (or two reconciles) building the
// same pack never see half a directory.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { buildPolicyPack, LAUNCHER_VERSION } from "./launcher.ts";
import { type CompliancePackConfig, packContext } from "./pack-config.ts";

const ENTRY = join(import.meta.dirname, "compliance-pack.ts");
const building = new Map<string, Promise<string>>();
let sources: string | undefined;

/** What the bundle is made of: the pack's sources here and the API package's, and the launcher. */
function sourceFingerprint(): string {
  if (sources) return sources;
  const hash = createHash("sha256").update(`launcher ${LAUNCHER_VERSION}\n`);
  for (const dir of [import.meta.dirname, join(import.meta.dirname, "..", "crds")]) {
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.includes("testdata"))
      .sort();
    for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
  }
  sources = hash.digest("hex");
  return sources;
}

/** Returns the launcher of the pack for `config`, to pass in `policyPacks` of an up or preview. */
export function buildCompliancePack(config: CompliancePackConfig, root: string): Promise<string> {
  // Defaults filled in first: a profile written with and without its defaults is the same pack.
  const parsed = packContext(config);
  const hash = createHash("sha256")
    .update(sourceFingerprint())
    .update(JSON.stringify(parsed))
    .digest("hex")
    .slice(0, 16);
  const dir = join(root, hash);
  const launcher = join(dir, "pack");
  if (existsSync(launcher)) return Promise.resolve(launcher);
  let pending = building.get(dir);
  if (!pending) {
    pending = (async () => {
      const tmp = `${dir}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
      await buildPolicyPack({ entry: ENTRY, outDir: tmp, config: parsed });
      try {
        await rename(tmp, dir);
      } catch (err) {
        // Another process renamed its identical build into place first: use that one.
        await rm(tmp, { recursive: true, force: true });
        if (!existsSync(launcher)) throw err;
      }
      return launcher;
    })().finally(() => building.delete(dir));
    building.set(dir, pending);
  }
  return pending;
}
