// Streams a stored object as an HTTP response: never buffered whole, with Content-Length, a strong
// ETag (the SHA-256), an RFC 6266 attachment filename, and single byte ranges (206/416).
import { Readable } from "node:stream";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError } from "../app/index.ts";
import type { StorageDriver } from "../storage/index.ts";
import { errorResponses } from "./params.ts";

export interface StoredContent {
  key: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** What a stored row (a document's current version, or any version) says about its bytes. */
export function storedContent(
  row: { storageKey: string; contentType: string; sizeBytes: number; checksumSha256: string },
  name: string,
): StoredContent {
  return {
    key: row.storageKey,
    name,
    contentType: row.contentType,
    size: row.sizeBytes,
    sha256: row.checksumSha256,
  };
}

/** The responses of a route that answers with contentResponse(). */
export const contentResponses = {
  200: { description: "the bytes", content: { "application/octet-stream": { schema: z.string() } } },
  206: {
    description: "the requested range",
    content: { "application/octet-stream": { schema: z.string() } },
  },
  304: { description: "If-None-Match matched the ETag" },
  ...errorResponses(400, 401, 403, 404, 409, 416),
};

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined to serve everything (absent, multi-range or unparsable, per RFC 9110). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined | "unsatisfiable" {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / 8187). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function contentResponse(
  c: Context,
  driver: StorageDriver,
  content: StoredContent,
): Promise<Response> {
  const etag = `"${content.sha256}"`;
  const headers = new Headers({
    "Content-Type": content.contentType,
    "Content-Disposition": contentDisposition(content.name),
    ETag: etag,
    "Accept-Ranges": "bytes",
    // Versions are immutable, but the document's current content is not: revalidate by ETag.
    "Cache-Control": "private, no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  if (
    c.req
      .header("if-none-match")
      ?.split(",")
      .some((t) => t.trim() === etag)
  ) {
    return new Response(null, { status: 304, headers });
  }
  const range = parseRange(c.req.header("range"), content.size);
  if (range === "unsatisfiable") {
    throw new ApiError({
      code: "RANGE_NOT_SATISFIABLE",
      message: `range ${c.req.header("range")} not satisfiable for ${content.size} bytes`,
      details: [{ field: "range", message: `must lie within 0-${content.size - 1}` }],
      headers: { "Content-Range": `bytes */${content.size}` },
    });
  }
  const got = await driver.get(content.key, range ? { range } : {});
  const body = Readable.toWeb(got.body) as ReadableStream<Uint8Array>;
  if (range) {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${content.size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
    return new Response(body, { status: 206, headers });
  }
  headers.set("Content-Length", String(content.size));
  return new Response(body, { status: 200, headers });
}
