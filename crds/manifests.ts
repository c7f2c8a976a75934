// Reads crds/*.yaml and crds/examples/*.yaml as plain JSON, as the API server receives them.
// Not client-node's loadAllYaml: it turns a CustomResourceDefinition into client models with
// renamed keys (`default` -> `_default`, `x-kubernetes-list-type` -> `x_kubernetes_list_type`),
// which the API server rejects when sent as a patch body.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { KubernetesObject } from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";

export const crdsDir = dirname(fileURLToPath(import.meta.url));
export const examplesDir = join(crdsDir, "examples");

/** A manifest in wire form: plain JSON, as `kubectl apply` would send it. */
export type Manifest = KubernetesObject & Record<string, unknown>;

export async function loadManifests(file: string): Promise<Manifest[]> {
  const docs = parseAllDocuments(await readFile(file, "utf8"));
  return docs.flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    const obj = doc.toJS() as Manifest | null;
    return obj ? [obj] : [];
  });
}

/** Every manifest of the *.yaml files directly in `dir`, files in name order. */
export async function loadManifestDir(dir: string): Promise<Manifest[]> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  return (await Promise.all(files.map((f) => loadManifests(join(dir, f))))).flat();
}
