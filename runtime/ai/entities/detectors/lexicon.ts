// Word lists the name detector looks words up in, loaded once per process from packages (nothing
// downloaded): compromise's English lexicon (first and last names, cities, countries, regions,
// organizations, and the part of speech of ~14,000 common words), and cspell's list of 39,000
// people's name parts from many cultures (@cspell/dict-people-names, MIT), and the Hunspell en_US
// word list (dictionary-en, MIT and BSD), which writes proper nouns capitalized and common words in
// lowercase: a capitalized word it only knows in lowercase ("Credit", "Village") starts no name.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import nlp from "compromise";

export type WordKind =
  | "first" // a given name compromise knows (MaleName, FemaleName, FirstName)
  | "last" // a family name compromise knows
  | "name" // a name part from the cspell list only
  | "place"
  | "organization"
  | "month"
  | "weekday"
  | "honorific"
  | "common"; // any other word compromise knows: verbs, nouns, adjectives, function words

export interface Lexicon {
  /** What compromise says a lowercase word is, or undefined for words it does not know. */
  kind(word: string): WordKind | undefined;
  /** Whether the word (any case) is in the people-names list. */
  isNamePart(word: string): boolean;
  /** Whether the dictionary has the word in lowercase (with a plural, past, -ing, -ly or -er ending taken off). */
  isCommonWord(word: string): boolean;
  /** Whether the dictionary has the word capitalized: a name, a place, a brand. */
  isProperNoun(word: string): boolean;
}

interface Affix {
  prefix: boolean;
  strip: string;
  add: string;
  condition: RegExp;
}

/**
 * The dictionary's words with their affixes applied: Hunspell stores "fault/CSMDG" for "fault",
 * "default", "faults", "defaulted" and so on, so a lookup of the bare .dic lines misses most words.
 */
function readHunspell(dir: string): { common: Set<string>; proper: Set<string> } {
  const rules = new Map<string, Affix[]>();
  for (const line of readFileSync(join(dir, "index.aff"), "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if ((f[0] !== "PFX" && f[0] !== "SFX") || f.length < 5) continue;
    const [kind, flag = "", strip = "0", add = "0", condition = "."] = f;
    const affix: Affix = {
      prefix: kind === "PFX",
      strip: strip === "0" ? "" : strip,
      add: add === "0" ? "" : (add.split("/")[0] ?? ""),
      condition: new RegExp(kind === "PFX" ? `^${condition}` : `${condition}$`),
    };
    rules.set(flag, [...(rules.get(flag) ?? []), affix]);
  }
  const common = new Set<string>();
  const proper = new Set<string>();
  for (const line of readFileSync(join(dir, "index.dic"), "utf8").split("\n")) {
    const [word = "", flags = ""] = line.trim().split("/");
    if (word === "" || /^\d/.test(word)) continue;
    if (/^\p{Lu}/u.test(word)) {
      proper.add(word.toLowerCase());
      continue;
    }
    const forms = [word];
    for (const flag of flags) {
      for (const rule of rules.get(flag) ?? []) {
        if (rule.prefix || !rule.condition.test(word) || !word.endsWith(rule.strip)) continue;
        forms.push(word.slice(0, word.length - rule.strip.length) + rule.add);
      }
    }
    for (const form of [...forms]) {
      for (const flag of flags) {
        for (const rule of rules.get(flag) ?? []) {
          if (rule.prefix && rule.condition.test(form)) forms.push(rule.add + form);
        }
      }
    }
    for (const form of forms) common.add(form);
  }
  return { common, proper };
}

const ENDINGS = [
  "'s",
  "’s",
  "s",
  "es",
  "ed",
  "d",
  "ing",
  "ly",
  "er",
  "ers",
  "ies",
  "ied",
  "ier",
  "iest",
  "est",
];

function stems(lower: string): string[] {
  const out = [lower];
  for (const ending of ENDINGS) {
    if (lower.length > ending.length + 2 && lower.endsWith(ending)) {
      const stem = lower.slice(0, -ending.length);
      out.push(stem);
      if (ending.startsWith("i")) out.push(`${stem}y`);
      if (ending === "ing" || ending === "ed" || ending === "er") out.push(`${stem}e`);
    }
  }
  return out;
}

const FIRST_TAGS = new Set(["MaleName", "FemaleName", "FirstName"]);
const PLACE_TAGS = new Set(["City", "Country", "Region", "Place", "Demonym"]);

function kindOf(tags: readonly string[]): WordKind {
  if (tags.some((t) => FIRST_TAGS.has(t))) return "first";
  if (tags.includes("LastName") || tags.includes("Person")) return "last";
  if (tags.includes("Honorific")) return "honorific";
  if (tags.includes("Month")) return "month";
  if (tags.includes("WeekDay")) return "weekday";
  if (tags.includes("Organization") || tags.includes("SportsTeam")) return "organization";
  if (tags.some((t) => PLACE_TAGS.has(t))) return tags.includes("Demonym") ? "common" : "place";
  return "common";
}

let loaded: Lexicon | undefined;

type Tags = Record<string, string | string[]>;
/** compromise's model, as far as it is read here (its type declarations say only `object`). */
function model(): { one: { lexicon: Tags }; two?: { orgWords?: object } } {
  return nlp.model() as { one: { lexicon: Tags }; two?: { orgWords?: object } };
}

export function lexicon(): Lexicon {
  if (loaded) return loaded;
  const words = new Map<string, WordKind>();
  for (const [word, tag] of Object.entries(model().one.lexicon)) {
    // Multi-word entries ("new york") are matched word by word elsewhere; keep single words.
    if (word.includes(" ")) continue;
    words.set(word, kindOf(Array.isArray(tag) ? tag : [tag]));
  }
  const require = createRequire(import.meta.url);
  const listPath = join(
    dirname(require.resolve("@cspell/dict-people-names/cspell-ext.json")),
    "dict",
    "people-names.txt",
  );
  const names = new Set<string>();
  for (const line of readFileSync(listPath, "utf8").split("\n")) {
    const word = line.trim();
    if (word !== "" && !word.startsWith("#")) names.add(word.toLowerCase());
  }
  const { common, proper } = readHunspell(dirname(require.resolve("dictionary-en")));
  loaded = {
    kind: (word) => words.get(word.toLowerCase()),
    isNamePart: (word) => names.has(word.toLowerCase()),
    isCommonWord: (word) => stems(word.toLowerCase()).some((w) => common.has(w)),
    isProperNoun: (word) => proper.has(word.toLowerCase().replace(/['’]s$/, "")),
  };
  return loaded;
}

/** Multi-word places compromise knows ("new york", "hong kong"), lowercase. */
let multiPlaces: Set<string> | undefined;
export function multiWordPlaces(): Set<string> {
  if (multiPlaces) return multiPlaces;
  multiPlaces = new Set();
  for (const [word, tag] of Object.entries(model().one.lexicon)) {
    if (!word.includes(" ")) continue;
    const tags = Array.isArray(tag) ? tag : [tag];
    if (tags.some((t) => PLACE_TAGS.has(t) && t !== "Demonym")) multiPlaces.add(word);
  }
  return multiPlaces;
}

/** Words that end organization names in compromise's model ("orchestra", "brewery", "ministry"). */
let orgWords: Set<string> | undefined;
export function organizationWords(): Set<string> {
  orgWords ??= new Set(Object.keys(model().two?.orgWords ?? {}));
  return orgWords;
}
