// The search query in SQL: one tsquery from both text configurations, rank, highlight, filters
// and the keyset position of a hit.
import { arrayContains, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { documents } from "../../../db/schema/index.ts";
import type { SearchTerms } from "./terms.ts";

/**
 * Names and tags are indexed with 'simple' (exact words, any language), description and extracted
 * text with 'english' (stems). The query is parsed both ways and either may match, so "invoices"
 * finds a document named "Invoices 2024" and one whose text says "invoice".
 */
export function tsQuery(q: string): SQL {
  return sql`(websearch_to_tsquery('simple'::regconfig, ${q}) || websearch_to_tsquery('english'::regconfig, ${q}))`;
}

/** Whether the query has any searchable word left (stop words and punctuation alone do not). */
export function hasTerms(q: string): SQL<boolean> {
  return sql<boolean>`numnode(${tsQuery(q)}) > 0`;
}

/** float8, not real: the value must survive JSON in the cursor and compare equal when it returns. */
export function rankOf(q: string): SQL<number> {
  return sql<number>`ts_rank_cd(${documents.searchVector}, ${tsQuery(q)})::float8`;
}

/** Microseconds since the epoch as text: JavaScript dates would drop the last three digits. */
export const createdMicros: SQL<string> = sql<string>`(extract(epoch from ${documents.createdAt}) * 1000000)::bigint::text`;

// Highlights are plain text (never HTML: document text is not escaped), matches in **…**.
const HEADLINE_OPTIONS =
  'StartSel=**, StopSel=**, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "';

export function highlightOf(q: string): SQL<string> {
  // Long extracted texts are cut before ts_headline, which re-parses the whole text per row.
  return sql<string>`ts_headline('english'::regconfig, concat_ws(' … ', ${documents.name}, nullif(${documents.description}, ''), left(${documents.extractedText}, 20000)), ${tsQuery(q)}, ${HEADLINE_OPTIONS})`;
}

export interface SearchFilters {
  categoryId?: string | undefined;
  tags?: string[] | undefined;
  contentType?: string | undefined;
  createdAfter?: Date | undefined;
  createdBefore?: Date | undefined;
}

export function filterConditions(f: SearchFilters): (SQL | undefined)[] {
  return [
    f.categoryId ? eq(documents.categoryId, f.categoryId) : undefined,
    f.tags && f.tags.length > 0 ? arrayContains(documents.tags, f.tags) : undefined,
    f.contentType ? eq(documents.contentType, f.contentType) : undefined,
    f.createdAfter ? gte(documents.createdAt, f.createdAfter) : undefined,
    f.createdBefore ? lt(documents.createdAt, f.createdBefore) : undefined,
  ];
}

export interface SearchPosition {
  rank: number;
  created: string;
  id: string;
}

/** Rows strictly after the position in the order (rank desc, created desc, id desc). */
export function afterPosition(q: string, p: SearchPosition): SQL {
  return sql`(${rankOf(q)}, (extract(epoch from ${documents.createdAt}) * 1000000)::bigint, ${documents.id}) < (${p.rank}::float8, ${p.created}::bigint, ${p.id}::uuid)`;
}

/** Matches the included terms and none of the excluded ones, in either configuration. */
export function matches(terms: SearchTerms): SQL {
  const included = sql`${documents.searchVector} @@ ${tsQuery(terms.include)}`;
  if (terms.exclude.length === 0) return included;
  return sql`(${included} and not ${documents.searchVector} @@ ${tsQuery(terms.exclude.join(" or "))})`;
}
