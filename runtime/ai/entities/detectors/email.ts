// Email addresses: the common dot-atom form (RFC 5322 quoted local parts do not occur in documents).
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Detector } from "../types.ts";

// Local part up to 64, up to 8 domain labels of up to 63, a letter TLD; every quantifier bounded.
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+'-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g;
const EMAIL_CONTEXT = /\b(?:e-?mail|contact|mailto|reply to|send to)\b/gi;

export const detectEmails: Detector = (text) =>
  [...text.matchAll(EMAIL)]
    .filter((m) => !m[0].split("@")[0]?.includes(".."))
    .map((m) => {
      const start = m.index;
      const end = start + m[0].length;
      const context = findContext(text, start, end, EMAIL_CONTEXT);
      return makeEntity("email", text, start, end, withContext(0.9, context, 0.09), {
        normalized: m[0].toLowerCase(),
        context,
      });
    });
