// `npm run generate:crds`: writes crds/*.yaml from the API package (crds/crd-definitions.ts).
// `--check` writes nothing and exits 1 naming each file that differs.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CRDS } from "../crds/crd-definitions.ts";
import { crdYaml } from "../crds/crd-manifests.ts";
import { crdsDir } from "../crds/manifests.ts";

const check = process.argv.includes("--check");
let stale = 0;
for (const def of CRDS) {
  const file = join(crdsDir, def.file);
  const text = crdYaml(def);
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {}
  if (current === text) continue;
  if (check) {
    console.error(`${file} differs from what crds/*.ts generates: run 'npm run generate:crds'`);
    stale++;
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
