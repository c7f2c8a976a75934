// The API reference page: Scalar (@scalar/hono-api-reference) rendering the OpenAPI document in the
// browser. Its bundle is served by the runtime itself from the installed @scalar/api-reference, so
// the page needs no CDN (an air-gapped cluster still has it), and a strict Content-Security-Policy
// allows only that script, the inline start-up script by nonce, and requests to this origin.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Scalar } from "@scalar/hono-api-reference";
import type { Context, MiddlewareHandler } from "hono";

export interface DocsOptions {
  /** Where the OpenAPI document is served. */
  documentUrl: string;
  /** Where the page loads Scalar's standalone bundle from (see scalarBundle). */
  bundleUrl: string;
  title: string;
}

/** The reference page (GET). */
export function docsPage(opts: DocsOptions): MiddlewareHandler {
  return async function docsPage(c, next) {
    const nonce = randomBytes(16).toString("base64");
    c.header(
      "Content-Security-Policy",
      [
        "default-src 'none'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
      ].join("; "),
    );
    const page = Scalar({
      url: opts.documentUrl,
      cdn: opts.bundleUrl,
      nonce,
      pageTitle: opts.title,
      // Fonts, telemetry and the hosted client would reach third parties: none of them here.
      withDefaultFonts: false,
      telemetry: false,
      hideClientButton: true,
      // The toolbar, developer tools, AI agent and SDK/MCP offers sell Scalar's hosted services;
      // the bundle reads these options, which the Hono middleware's type does not list.
      ...({
        showToolbar: "never",
        showDeveloperTools: "never",
        agent: { disabled: true },
        mcp: { disabled: true },
      } as Record<string, unknown>),
    });
    return (await page(c, next)) as Response;
  };
}

let bundle: Promise<string> | undefined;

/** Scalar's standalone bundle from node_modules (read once), served with a long cache lifetime. */
export async function scalarBundle(c: Context): Promise<Response> {
  bundle ??= (async () => {
    const entry = fileURLToPath(import.meta.resolve("@scalar/api-reference"));
    return readFile(join(dirname(entry), "browser", "standalone.js"), "utf8");
  })();
  c.header("Content-Type", "application/javascript; charset=utf-8");
  // The version is pinned in package.json; a day's caching is safe across an upgrade's restart.
  c.header("Cache-Control", "public, max-age=86400");
  return c.body(await bundle);
}
