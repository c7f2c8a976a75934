// Person names. wink-eng-lite-web-model's recognizer has no PERSON type (it tags dates, money,
// numbers, emails, URLs and the like), so names are found only where documents announce them:
// after an honorific ("Mr. John Smith") or a field label ("Cardholder: Jane Doe").
import { makeEntity } from "../context.ts";
import type { Detector, Entity } from "../types.ts";

const NAME_WORD = "[A-Z][a-z'’-]{1,20}";
const NAME = `${NAME_WORD}(?: [A-Z]\\.)?(?: ${NAME_WORD}){0,2}`;
const HONORIFIC = new RegExp(`\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.? (${NAME})`, "g");
const LABEL = new RegExp(
  `\\b(?:[Nn]ame|[Ff]ull [Nn]ame|[Cc]ustomer|[Aa]ccount [Hh]older|[Cc]ardholder|[Bb]orrower|[Ee]mployee|[Pp]atient|[Aa]pplicant|[Bb]eneficiary|[Ss]igned by|[Pp]ayee|[Gg]uarantor|[Aa]ttn|[Cc]ontact)[ ]?:[ ]{0,3}(${NAME_WORD}(?: [A-Z]\\.)?(?: ${NAME_WORD}){1,2})`,
  "g",
);
// Capitalized words that follow labels but are not names.
const NOT_NAMES = new Set([
  "The",
  "This",
  "Not",
  "None",
  "See",
  "Same",
  "Yes",
  "No",
  "Account",
  "Bank",
  "Customer",
]);

export const detectPersons: Detector = (text) => {
  const found: Entity[] = [];
  const push = (m: RegExpMatchArray, confidence: number) => {
    const name = m[1] ?? "";
    if (NOT_NAMES.has(name.split(" ")[0] ?? "")) return;
    const start = (m.index ?? 0) + m[0].length - name.length;
    found.push(makeEntity("person", text, start, start + name.length, confidence));
  };
  for (const m of text.matchAll(HONORIFIC)) push(m, 0.8);
  for (const m of text.matchAll(LABEL)) push(m, 0.75);
  return found;
};
