// A search hit: the document as every document route shows it, plus its rank and a highlighted
// excerpt.
import { z } from "@hono/zod-openapi";
import { getTableColumns } from "drizzle-orm";
import { pageSchema } from "../../../app/index.ts";
import { type Document, documents } from "../../../db/schema/index.ts";
import { DocumentSchema, documentView } from "../../view.ts";

export const SearchHitSchema = DocumentSchema.extend({
  rank: z.number().openapi({ description: "ts_rank_cd of the match; higher is better" }),
  highlight: z
    .string()
    .openapi({ description: "Plain-text excerpt with the matched words in **…** (never HTML)" }),
}).openapi("SearchHit");
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchPageSchema = pageSchema(SearchHitSchema, "SearchPage");

// Every column but the two large ones a hit never shows (the text itself and its index vector).
const { extractedText: _text, searchVector: _vector, ...hitColumnSet } = getTableColumns(documents);
export const hitColumns = hitColumnSet;
type HitRow = Omit<Document, "extractedText" | "searchVector">;

export function hitView(d: HitRow, rank: number, highlight: string): SearchHit {
  // documentView reads neither of the columns left out.
  return { ...documentView({ ...d, extractedText: null, searchVector: null }), rank, highlight };
}
