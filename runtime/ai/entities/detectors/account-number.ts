// Bank and loan account numbers have no checksum or shape of their own: a run of 6-20 digits
// (optionally grouped by spaces or hyphens) counts only right after a label naming an account.
import { findContext, makeEntity, textSinceContext } from "../context.ts";
import type { Detector, Entity } from "../types.ts";

const DIGIT_RUN = /(?<![\w-])\d(?:[- ]?\d){5,19}(?![\w]|[- ]\d)/g;
export const ACCOUNT_CONTEXT =
  /\b(?:account(?: number| no\.?| #)?|acct\.?(?: no\.?| #)?|a\/c(?: no\.?)?|loan (?:number|no\.?|#)|policy (?:number|no\.?|#)|member (?:number|no\.?|id))/gi;
const BEFORE = 32;

export const detectAccountNumbers: Detector = (text) => {
  const found: Entity[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    const context = findContext(text, start, end, ACCOUNT_CONTEXT, BEFORE, 0);
    if (context === undefined) continue;
    // The label must be this number's: nothing but punctuation and short words in between
    // ("Account no.: 1234", "account held at ... 1234" does not count once another number intervenes).
    const between = textSinceContext(text, start, ACCOUNT_CONTEXT, BEFORE);
    if (/\d/.test(between)) continue;
    found.push(
      makeEntity("account_number", text, start, end, 0.75, { normalized: m[0].replace(/\D/g, ""), context }),
    );
  }
  return found;
};
