// A readable API reference rendered on the server from the OpenAPI document (no CDN, no script):
// one section per tag, one card per operation with its parameters, body and responses.

type Json = Record<string, unknown>;

const esc = (s: unknown) =>
  String(s ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** A compact, human-readable rendering of a JSON schema (refs by name). */
function schemaText(schema: unknown, depth = 0): string {
  if (!schema || typeof schema !== "object") return "any";
  const s = schema as Json;
  if (typeof s.$ref === "string") return s.$ref.split("/").pop() ?? "ref";
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(s.anyOf ?? s.oneOf)) {
    return ((s.anyOf ?? s.oneOf) as unknown[]).map((x) => schemaText(x, depth)).join(" | ");
  }
  if (s.type === "array") return `${schemaText(s.items, depth)}[]`;
  if (s.type === "object" || s.properties) {
    if (depth > 3) return "object";
    const props = (s.properties ?? {}) as Record<string, unknown>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    const pad = "  ".repeat(depth + 1);
    const lines = Object.entries(props).map(
      ([k, v]) => `${pad}${k}${required.has(k) ? "" : "?"}: ${schemaText(v, depth + 1)}`,
    );
    return lines.length ? `{\n${lines.join("\n")}\n${"  ".repeat(depth)}}` : "object";
  }
  const type = Array.isArray(s.type) ? s.type.join(" | ") : String(s.type ?? "any");
  return s.format ? `${type} (${s.format})` : type;
}

function content(c: unknown): string {
  const media = (c ?? {}) as Record<string, { schema?: unknown }>;
  return Object.entries(media)
    .map(([type, m]) => `<div class="media">${esc(type)}</div><pre>${esc(schemaText(m.schema))}</pre>`)
    .join("");
}

/** The HTML page for an OpenAPI 3.1 document. */
export function renderDocs(doc: Json): string {
  const info = (doc.info ?? {}) as Json;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = ((op.tags as string[] | undefined) ?? ["other"])[0] ?? "other";
      const params = ((op.parameters as Json[] | undefined) ?? [])
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td><code>${esc(schemaText(p.schema))}</code></td><td>${esc(p.description)}</td></tr>`,
        )
        .join("");
      const body = op.requestBody as Json | undefined;
      const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
        .map(([status, r]) => `<h4>${esc(status)} ${esc(r.description)}</h4>${content(r.content)}`)
        .join("");
      const card = `<section class="op" id="${esc(`${method}-${path}`)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
${op.summary ? `<p>${esc(op.summary)}</p>` : ""}${op.description ? `<p>${esc(op.description)}</p>` : ""}
${params ? `<table><tr><th>name</th><th>in</th><th>required</th><th>type</th><th>description</th></tr>${params}</table>` : ""}
${body ? `<h4>Request body</h4>${content(body.content)}` : ""}
${responses}
</section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), card]);
    }
  }
  const toc = [...byTag.keys()].map((t) => `<li><a href="#tag-${esc(t)}">${esc(t)}</a></li>`).join("");
  const sections = [...byTag.entries()]
    .map(([t, cards]) => `<h2 id="tag-${esc(t)}">${esc(t)}</h2>${cards.join("\n")}`)
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code,pre{font:13px ui-monospace,monospace}pre{background:#f4f6f8;padding:.6rem;overflow:auto;border-radius:4px}
.op{border:1px solid #d0d7de;border-radius:6px;padding:0 1rem;margin:1rem 0}
.m{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 4px}
.get{background:#0969da}.post{background:#1a7f37}.put,.patch{background:#9a6700}.delete{background:#cf222e}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eaeef2;text-align:left;padding:4px}
.media{color:#57606a;font-size:12px}
</style></head><body>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
${info.description ? `<p>${esc(info.description)}</p>` : ""}
<p>Machine-readable: <a href="/api/v2/openapi.json">openapi.json</a> (OpenAPI ${esc(doc.openapi)})</p>
<ul>${toc}</ul>
${sections}
</body></html>`;
}
