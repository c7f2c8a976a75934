// Splits a web-search query into what must match and what must not. The two text configurations
// are OR-ed (see query.ts); an exclusion inside each half would let a document excluded in one
// half through the other ("-meeting" excludes 'meeting' in 'simple' but only 'meet' in
// 'english'), so exclusions are taken out and applied once, against both configurations.

export interface SearchTerms {
  /** The query without its exclusions: words, "phrases", or. */
  include: string;
  /** Excluded words and "phrases", without their leading "-". */
  exclude: string[];
}

// A "phrase" (possibly unterminated, like websearch_to_tsquery accepts) or a run of non-spaces,
// either optionally negated by a leading "-".
const TOKEN = /-?"[^"]*"?|\S+/g;

export function splitQuery(q: string): SearchTerms {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const [token] of q.matchAll(TOKEN)) {
    if (token.startsWith("-") && token.length > 1) exclude.push(token.slice(1));
    else include.push(token);
  }
  return { include: include.join(" "), exclude };
}
