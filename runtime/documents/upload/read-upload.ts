// Reads an upload in either form: multipart/form-data (one `file` part plus text fields, parsed
// streaming with busboy) or a raw body whose fields come from the query string. Either way the
// bytes are spooled (hashed and counted) and the fields come back as name → values; nothing is
// validated here but the body's shape.
import { Readable } from "node:stream";
import busboy from "busboy";
import type { Context } from "hono";
import { baseType } from "../content-types.ts";
import { invalid, tooLarge } from "../errors.ts";
import { type Spooled, spool } from "./spool.ts";

const FIELD_BYTES = 64 * 1024;
const FIELDS = 100;

export interface ReadUpload {
  file: Spooled;
  /** The declared type (the part's or the request's Content-Type), without parameters. */
  contentType: string;
  /** The multipart part's file name, if any. */
  fileName: string | undefined;
  /** Every text field (multipart fields and query parameters), by name. */
  fields: Map<string, string[]>;
}

export async function readUpload(c: Context, limit: number, spoolDir?: string): Promise<ReadUpload> {
  const fields = new Map<string, string[]>();
  for (const [name, values] of Object.entries(c.req.queries())) fields.set(name, [...values]);
  const type = baseType(c.req.header("content-type"));
  if (type === "multipart/form-data") return readMultipart(c, fields, limit, spoolDir);
  const body = c.req.raw.body ? Readable.fromWeb(c.req.raw.body as never) : Readable.from([]);
  return { file: await spool(body, limit, spoolDir), contentType: type, fileName: undefined, fields };
}

function readMultipart(
  c: Context,
  fields: Map<string, string[]>,
  limit: number,
  spoolDir: string | undefined,
): Promise<ReadUpload> {
  const fromQuery = new Set(fields.keys());
  return new Promise<ReadUpload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": c.req.header("content-type") ?? "" },
        // Browsers send UTF-8 file names unencoded; busboy would read them as latin1.
        defParamCharset: "utf8",
        limits: { fileSize: limit, fieldSize: FIELD_BYTES, fields: FIELDS, parts: FIELDS + 1 },
      });
    } catch (err) {
      reject(invalid("body", `not a multipart/form-data body: ${(err as Error).message}`));
      return;
    }
    let file: Promise<Spooled> | undefined;
    let contentType = "";
    let fileName: string | undefined;
    let truncated = false;
    let problem: Error | undefined;
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || file) {
        problem ??= invalid(name, name === "file" ? "exactly one file part allowed" : "unknown field");
        stream.resume();
        return;
      }
      contentType = baseType(info.mimeType);
      fileName = info.filename;
      stream.on("limit", () => {
        truncated = true;
      });
      file = spool(stream, limit, spoolDir);
      // Keep the error for after parsing: rejecting now would leave busboy mid-stream.
      file.catch(() => {});
    });
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) problem ??= invalid(name, `at most ${FIELD_BYTES} bytes`);
      if (fromQuery.has(name)) problem ??= invalid(name, "given both as a query parameter and a form field");
      fields.set(name, [...(fields.get(name) ?? []), value]);
    });
    for (const event of ["partsLimit", "fieldsLimit"] as const) {
      parser.on(event, () => {
        problem ??= invalid("body", `at most ${FIELDS} form fields`);
      });
    }
    parser.on("error", (err: Error) => {
      finish(invalid("body", `malformed multipart body: ${err.message}`));
    });
    parser.on("close", () => finish());
    let done = false;
    const finish = async (err?: Error) => {
      if (done) return;
      done = true;
      const spooled = await file?.catch((e: Error) => {
        err ??= e;
        return undefined;
      });
      const failure = err ?? problem ?? (truncated ? tooLarge(limit) : undefined);
      if (failure || !spooled) {
        await spooled?.remove();
        reject(failure ?? invalid("file", "a part named file is required"));
        return;
      }
      resolve({ file: spooled, contentType, fileName, fields });
    };
    const body = c.req.raw.body ? Readable.fromWeb(c.req.raw.body as never) : Readable.from([]);
    body.on("error", (err) => finish(err));
    body.pipe(parser);
  });
}
