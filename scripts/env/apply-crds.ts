// Applies every CustomResourceDefinition in a directory (server-side apply) and waits until each
// is Established, so the first create right after `env up` does not race the new API.
// Usage: KUBECONFIG=... node scripts/env/apply-crds.ts <dir>
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: apply-crds.ts <dir>");
  process.exit(2);
}

const kc = new k8s.KubeConfig();
kc.loadFromDefault();
const api = kc.makeApiClient(k8s.ApiextensionsV1Api);

const files = (await readdir(dir).catch(() => [])).filter((f) => /\.ya?ml$/.test(f)).sort();
const names: string[] = [];
for (const file of files) {
  // Plain YAML, not client-node's loadAllYaml: that one converts to model property names
  // (x_kubernetes_validations), which a patch body would send as they are.
  for (const doc of parseAllDocuments(await readFile(join(dir, file), "utf8"))) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    const crd = doc.toJS() as { kind?: string; metadata?: { name?: string } } | null;
    if (crd?.kind !== "CustomResourceDefinition") continue;
    const name = crd.metadata?.name;
    if (!name) throw new Error(`${file}: a CustomResourceDefinition without metadata.name`);
    await api.patchCustomResourceDefinition(
      { name, body: crd, fieldManager: "wspec-env", force: true },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.ServerSideApply),
    );
    names.push(name);
  }
}

const deadline = Date.now() + 30_000;
for (const name of names) {
  for (;;) {
    const crd = await api.readCustomResourceDefinition({ name });
    if (crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True")) break;
    if (Date.now() > deadline) throw new Error(`CRD ${name} not Established after 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
console.log(`applied ${names.length} CRD(s)${names.length ? `: ${names.join(", ")}` : ""}`);
