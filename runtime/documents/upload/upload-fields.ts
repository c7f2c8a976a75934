// Validates an upload's text fields and its file: one schema per upload kind, unknown fields
// named, the type checked against the allow-list and the bytes' signature.
import { z } from "zod";
import { ApiError, unprocessableField, zodDetails } from "../../app/index.ts";
import { checkAllowed, checkMagic, typeFromName } from "../content-types.ts";
import { invalid } from "../errors.ts";
import { DocumentName, Metadata, Tags } from "../names.ts";
import type { ReadUpload } from "./read-upload.ts";

export const DocumentFields = z.strictObject({
  name: DocumentName.optional(),
  description: z.string().max(10_000, "must be at most 10000 characters").optional(),
  category_id: z.uuid("must be a uuid").optional(),
  tags: Tags.optional(),
  metadata: Metadata.optional(),
});
export type DocumentFields = z.infer<typeof DocumentFields>;

export const VersionFields = z.strictObject({
  name: DocumentName.optional(),
  comment: z.string().max(2000, "must be at most 2000 characters").optional(),
});
export type VersionFields = z.infer<typeof VersionFields>;

/** name → values as the schemas expect: one value each, tags split on commas, metadata parsed. */
function toInput(fields: Map<string, string[]>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, values] of fields) {
    if (name === "tags") {
      input.tags = values
        .flatMap((v) => v.split(","))
        .map((t) => t.trim())
        .filter((t) => t !== "");
      continue;
    }
    if (values.length !== 1) throw invalid(name, "must be given once");
    const value = values[0] as string;
    if (name === "metadata") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        throw invalid("metadata", "must be a JSON object");
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw invalid("metadata", "must be a JSON object");
      }
      input.metadata = parsed;
      continue;
    }
    input[name] = value;
  }
  return input;
}

export function parseFields<S extends z.ZodType>(schema: S, fields: Map<string, string[]>): z.infer<S> {
  const result = schema.safeParse(toInput(fields));
  if (result.success) return result.data;
  const details = zodDetails(result.error, "body");
  const names = [...new Set(details.map((d) => d.field))].join(", ");
  throw new ApiError({ code: "VALIDATION_ERROR", message: `invalid upload fields: ${names}`, details });
}

export interface CheckedFile {
  name: string;
  contentType: string;
}

/** The file's name and type, or the first reason to refuse it (nothing has been stored yet). */
export function checkFile(upload: ReadUpload, name: string | undefined): CheckedFile {
  // A body the document allows (any bytes, none included) that no document can be made of.
  if (upload.file.size === 0) throw unprocessableField("file", "must not be empty");
  const fileName = name ?? upload.fileName;
  if (fileName === undefined) throw invalid("name", "is required for a raw body: pass ?name=");
  const checked = DocumentName.safeParse(fileName);
  if (!checked.success) throw invalid("name", checked.error.issues[0]?.message ?? "is not valid");
  let contentType = upload.contentType;
  if (contentType === "" || contentType === "application/octet-stream") {
    contentType = typeFromName(fileName) ?? contentType;
  }
  checkAllowed(contentType);
  checkMagic(contentType, upload.file.head);
  return { name: fileName, contentType };
}
