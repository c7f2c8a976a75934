// People, organizations and places in free text, offline and in linear time. Runs of capitalized
// words are read against word lists (compromise's lexicon: given and family names, cities,
// countries, organizations and ~14,000 common words; cspell's 39,000 name parts; every country name
// Intl knows) and the words around them: honorifics, salutations ("Dear", "Hi"), "my name is",
// signature blocks after "Regards," or "/s/", labels such as "Borrower:", company suffixes ("Inc",
// "GmbH"), and prepositions of place ("from", "in"). compromise's own tagger reads a document at
// about 50 kB/s and slows down sharply on long ones, too slow for the pipeline's throughput, so
// only its lexicon is used.
import { makeEntity } from "../context.ts";
import type { Entity, EntityType } from "../types.ts";
import { lexicon, multiWordPlaces, organizationWords, type WordKind } from "./lexicon.ts";

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

// A word: letters with inner apostrophes or hyphens. Bounded so a megabyte of letters is one
// cheap token that no list holds.
const WORD = /\p{L}[\p{L}\p{M}'’-]{0,39}(?![\p{L}\p{M}])/gu;
const UPPER = /^\p{Lu}/u;
const ALL_UPPER = /^[\p{Lu}'’-]+$/u;

const PARTICLES = new Set([
  "de",
  "van",
  "von",
  "der",
  "den",
  "da",
  "di",
  "del",
  "della",
  "du",
  "la",
  "le",
  "bin",
  "al",
  "el",
  "ter",
  "ten",
  "dos",
  "das",
]);
// Joins words of an organization or place name ("Bank of America", "Isle of Man").
const JOINERS = new Set(["of", "and", "&", "for", "the"]);

const HONORIFICS = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "dr",
  "prof",
  "sir",
  "dame",
  "mister",
  "madam",
  "madame",
  "lord",
  "lady",
  "rev",
  "hon",
  "judge",
  "captain",
  "capt",
  "sgt",
  "herr",
  "frau",
  "mme",
  "mlle",
  "sr",
  "sra",
  "srta",
  "dott",
]);
// Words that start sentences or headings in capitals without being part of the name after them.
const LEADING = new Set([
  "the",
  "a",
  "an",
  "this",
  "that",
  "these",
  "those",
  "dear",
  "hi",
  "hello",
  "hey",
  "thanks",
  "please",
  "my",
  "our",
  "your",
  "his",
  "her",
  "their",
  "its",
  "and",
  "or",
  "but",
  "if",
  "when",
  "with",
  "for",
  "from",
  "to",
  "in",
  "on",
  "at",
  "by",
  "of",
  "as",
  "is",
  "are",
  "was",
  "were",
  "i",
  "i'm",
  "i'll",
  "i'd",
  "i've",
  "we",
  "you",
  "he",
  "she",
  "they",
  "it",
  "mr",
  "mrs",
  "ms",
  "dr",
  "attn",
  "attention",
  "cc",
  "re",
  "fw",
  "fwd",
  "subject",
  "name",
  "signed",
  "yes",
  "no",
  "ok",
  "okay",
  "so",
  "then",
  "also",
  "not",
  "all",
  "any",
  "each",
  "every",
  "some",
  "who",
  "what",
  "where",
  "why",
  "how",
  "can",
  "could",
  "would",
  "should",
  "will",
  "shall",
  "may",
  "might",
  "must",
  "do",
  "does",
  "did",
  "have",
  "has",
  "had",
  "let",
  "sincerely",
  "regards",
  "best",
  "cheers",
  "yours",
  "hereby",
  "whereas",
  "now",
  "therefore",
  "after",
  "before",
  "since",
  "until",
  "while",
  "between",
  "about",
  "per",
  "via",
  "because",
  "although",
  "though",
  "however",
  "unfortunately",
  "please",
  "kindly",
]);

const ORG_SUFFIXES = new Set([
  "inc",
  "incorporated",
  "llc",
  "l.l.c",
  "ltd",
  "limited",
  "corp",
  "corporation",
  "co",
  "company",
  "companies",
  "gmbh",
  "ag",
  "kg",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "bv",
  "nv",
  "plc",
  "llp",
  "lp",
  "lllp",
  "pllc",
  "pc",
  "oy",
  "ab",
  "as",
  "asa",
  "pty",
  "pte",
  "kk",
  "group",
  "holdings",
  "holding",
  "partners",
  "bank",
  "bancorp",
  "bancshares",
  "trust",
  "capital",
  "securities",
  "investments",
  "fund",
  "funds",
  "insurance",
  "assurance",
  "associates",
  "association",
  "foundation",
  "institute",
  "university",
  "college",
  "school",
  "hospital",
  "clinic",
  "agency",
  "authority",
  "commission",
  "committee",
  "council",
  "ministry",
  "department",
  "bureau",
  "board",
  "society",
  "club",
  "federation",
  "union",
  "alliance",
  "industries",
  "enterprises",
  "technologies",
  "technology",
  "systems",
  "solutions",
  "services",
  "software",
  "labs",
  "laboratories",
  "pharmaceuticals",
  "energy",
  "airlines",
  "motors",
  "media",
  "networks",
  "communications",
  "ventures",
  "consulting",
  "logistics",
  "international",
  "global",
  "exchange",
  "church",
  "party",
  "army",
  "police",
  "court",
  "fc",
]);
// An organization word that leads: "Bank of America", "University of Oxford".
const ORG_HEADS = new Set([
  "bank",
  "university",
  "ministry",
  "department",
  "bureau",
  "office",
  "board",
  "council",
  "commission",
  "institute",
  "college",
  "school",
  "court",
  "church",
  "federal",
  "national",
  "royal",
  "state",
  "united",
]);
const COMPASS = new Set([
  "north",
  "south",
  "east",
  "west",
  "northern",
  "southern",
  "eastern",
  "western",
  "upper",
  "lower",
  "new",
  "san",
  "santa",
  "st",
  "saint",
  "fort",
  "port",
  "mount",
  "lake",
  "cape",
  "los",
  "las",
  "el",
  "le",
  "la",
]);
const PLACE_SUFFIXES = new Set([
  "harbor",
  "harbour",
  "brook",
  "pond",
  "dock",
  "docks",
  "hill",
  "center",
  "centre",
  "bridge",
  "street",
  "road",
  "avenue",
  "square",
  "station",
  "airport",
  "corner",
  "creek",
  "canyon",
  "forest",
  "island",
  "peninsula",
  "coast",
  "sea",
  "ocean",
  "gulf",
  "strait",
  "desert",
  "plains",
  "borough",
  "township",
  "village",
  "town",
  "parish",
  "prefecture",
  "oblast",
  "canton",
  "city",
  "county",
  "province",
  "state",
  "island",
  "islands",
  "republic",
  "kingdom",
  "valley",
  "mountains",
  "river",
  "lake",
  "bay",
  "beach",
  "springs",
  "falls",
  "heights",
  "hills",
  "park",
  "district",
  "region",
  "territory",
]);

const SALUTATION =
  /(?:\b(?:dear|hi|hello|hey|attn|attention|thanks|thank you|greetings|good (?:morning|afternoon|evening))[,:]?[ \t]*|\bname(?: is)?[ \t]*[:-]?[ \t]*|\b(?:i am|i'm|im|this is|called|named|signed by|sincerely|regards|\/s\/)[,:]?[ \t]*)$/i;
const CLOSING_LINE =
  /(?:regards|sincerely|faithfully|truly|best|cheers|thanks|thank you|respectfully|warmly|yours|wishes)[,.!]?[ \t]*\r?\n[ \t]*$/i;
const LABEL =
  /\b(?:name|full name|customer|account holder|cardholder|borrower|employee|patient|applicant|beneficiary|signed by|payee|guarantor|attn|contact|by|from|to|cc|author|witness|notary|director|manager|officer|president|secretary|treasurer|ceo|cfo|signatory)[ \t]*:[ \t]*$/i;
const HONORIFIC_BEFORE = /\b(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|mister|madam|mme|herr|frau)\.?[ \t]*$/i;
const PLACE_PREPOSITION =
  /\b(?:in|from|to|at|near|across|throughout|visit|visiting|visited|towards?|outside|inside|around)[ \t]+$/i;
// People are seldom "in", "at" or "near" anything, and "the town of X" is a place whoever X is.
const STRONG_PLACE_BEFORE =
  /(?:\b(?:in|at|near|outside|throughout)|\b(?:town|city|village|county|state|province|republic|kingdom|island|port|borough|municipality) of)[ \t]+$/i;

/** Language and nationality words ("Spanish", "Dutch"), which are capitalized but name no one. */
let languages: Set<string> | undefined;
function languageNames(): Set<string> {
  if (languages) return languages;
  languages = new Set();
  const names = new Intl.DisplayNames(["en"], { type: "language" });
  for (let a = 97; a <= 122; a++) {
    for (let b = 97; b <= 122; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code) languages.add(name.toLowerCase());
    }
  }
  return languages;
}

/** Every English country and region name Intl knows, lowercase ("germany", "united kingdom"). */
let countries: Set<string> | undefined;
function countryNames(): Set<string> {
  if (countries) return countries;
  countries = new Set();
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code) countries.add(name.toLowerCase());
    }
  }
  // The states of the US, some of which are also people's names ("Virginia", "Georgia").
  for (const state of [
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
  ]) {
    countries.add(state);
  }
  for (const extra of [
    "usa",
    "uk",
    "u.s.",
    "u.k.",
    "america",
    "europe",
    "asia",
    "africa",
    "england",
    "scotland",
    "wales",
  ]) {
    countries.add(extra);
  }
  return countries;
}

type Category = "strong" | "weak" | "unknown" | "initial" | "particle" | "joiner" | "bad";

/** How much a word looks like part of a person's name. */
function category(token: Token, kind: WordKind | undefined): Category {
  if (token.text.length === 1 && UPPER.test(token.text)) return "initial";
  // Codes in capitals ("BIC", "SWIFT", "KO") are not names; long all-capital words are read as words.
  if (ALL_UPPER.test(token.text) && token.text.length <= 5 && kind !== "first" && kind !== "last")
    return "bad";
  if (PARTICLES.has(token.text)) return "particle";
  if (JOINERS.has(token.text)) return "joiner";
  if (kind === "first" || kind === "last") return "strong";
  if (kind !== undefined && kind !== "common") return "bad";
  if (languageNames().has(token.lower)) return "bad";
  const lex = lexicon();
  const common = lex.isCommonWord(token.text) || kind === "common";
  if (lex.isNamePart(token.text)) return common ? "weak" : "strong";
  // A proper noun the name lists lack: a place or a brand as often as a family name.
  if (lex.isProperNoun(token.text)) return common ? "bad" : "unknown";
  if (common) return "bad";
  // A word no list knows: in capitals, most often a name from a language the lists lack.
  return ALL_UPPER.test(token.text) && token.text.length <= 4 ? "bad" : "unknown";
}

/** Splits the text into runs of capitalized words joined by single spaces (and initials' dots). */
function runs(text: string): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  let previous: Token | undefined;
  const flush = () => {
    // Trailing joiners and particles belong to no name ("Bank of" at a line's end).
    while (current.length > 0 && !UPPER.test(current.at(-1)?.text ?? "")) current.pop();
    if (current.length > 0) out.push(current);
    current = [];
  };
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    // A possessive ends the name: "Faina Yefremova's Cautionary Tales".
    const possessive = /['’]s$/i.test(word) && word.length > 3;
    if (possessive) word = word.slice(0, -2);
    word = word.replace(/['’-]+$/, "");
    const token: Token = {
      text: word,
      lower: word.toLowerCase(),
      start: m.index,
      end: m.index + word.length,
    };
    const gap = previous ? text.slice(previous.end, token.start) : "";
    const joinable =
      previous !== undefined &&
      current.length > 0 &&
      (gap === " " ||
        gap === " & " ||
        // "Veridian Biotech, Inc.", "Evergreen Solar, Inc": the suffix after a comma is the name's.
        (gap === ", " && ORG_SUFFIXES.has(token.lower) && token.lower.length <= 4) ||
        (gap === ". " && (previous.text.length === 1 || HONORIFICS.has(previous.lower))) ||
        (gap === "." && previous.text.length === 1));
    const upper = UPPER.test(token.text);
    const linking = (PARTICLES.has(token.text) || JOINERS.has(token.lower)) && !upper;
    if (upper || (linking && current.length > 0)) {
      if (!joinable) flush();
      current.push(token);
      if (current.length > 8) flush();
    } else {
      flush();
    }
    previous = possessive ? undefined : token;
    if (possessive) flush();
  }
  flush();
  return out;
}

function sentenceStart(text: string, at: number): boolean {
  const head = text.slice(Math.max(0, at - 4), at);
  const before = head.trimEnd();
  return before === "" || /[.!?:;"“\n]$/.test(before) || /\n\s*$/.test(head);
}

// "my name is lena andersson": names typed in lowercase, announced by the words before them.
const LOWERCASE_NAME =
  /\b(?:my name is|name is|i am|i'm|this is|signed|regards,?|name:)[ \t]+(\p{Ll}[\p{Ll}'’-]{1,30}(?: \p{Ll}[\p{Ll}'’-]{1,30}){0,2})/giu;

export function detectNames(text: string, wanted: ReadonlySet<EntityType>): Entity[] {
  const lex = lexicon();
  const places = multiWordPlaces();
  const countryList = countryNames();
  const found: Entity[] = [];
  const push = (type: EntityType, tokens: readonly Token[], confidence: number) => {
    const first = tokens[0];
    const last = tokens.at(-1);
    // Every type is collected whatever is wanted: the document-level passes below read them all.
    if (!first || !last) return;
    // An initial's or abbreviation's dot belongs to the name ("Corp.", "John F.").
    let end = last.end;
    if (text[end] === "." && (last.text.length === 1 || ORG_SUFFIXES.has(last.lower))) end++;
    found.push(makeEntity(type, text, first.start, end, confidence));
  };

  for (const run of runs(text)) {
    let tokens = run;
    // Context words in capitals lead the run: "Dear John", "The Bank of ...", "Mr Smith".
    let honorific = false;
    while (
      tokens.length > 0 &&
      (LEADING.has(tokens[0]?.lower ?? "") || HONORIFICS.has(tokens[0]?.lower ?? ""))
    ) {
      if (HONORIFICS.has(tokens[0]?.lower ?? "")) honorific = true;
      tokens = tokens.slice(1);
    }
    while (tokens.length > 0 && !UPPER.test(tokens[0]?.text ?? "")) tokens = tokens.slice(1);
    const lastOfRun = tokens.at(-1);
    if (!lastOfRun) continue;
    // "Hannah Schmidt and Brightwater Holdings Ltd.": a company suffix names the part after the last "and".
    // "Lukas Brandt of Hanseatic Trust Bank AG": unless it starts an organization's name ("Bank of
    // America"), "of" separates a person from the company too.
    const and = tokens.findLastIndex(
      (t, i) =>
        t.lower === "and" || (t.lower === "of" && i > 0 && !ORG_HEADS.has(tokens[i - 1]?.lower ?? "")),
    );
    const suffixed = ORG_SUFFIXES.has(lastOfRun.lower) || organizationWords().has(lastOfRun.lower);
    if (suffixed && and > 0 && and < tokens.length - 2) {
      const head = tokens.slice(0, and);
      const heads = head.map((t) => category(t, lex.kind(t.text)));
      if (!heads.includes("bad")) classify(head, heads, honorific);
      tokens = tokens.slice(and + 1);
    }
    const first = tokens[0];
    const lastToken = tokens.at(-1);
    if (!first || !lastToken) continue;
    const lowerRun = tokens.map((t) => t.lower).join(" ");
    // Organizations: a company suffix, an organization head ("Bank of ..."), or one compromise knows.
    const suffix = ORG_SUFFIXES.has(lastToken.lower) || organizationWords().has(lastToken.lower);
    if (
      (tokens.length >= 2 && suffix) ||
      (tokens.length >= 3 && ORG_HEADS.has(first.lower) && tokens.some((t) => t.lower === "of")) ||
      (tokens.length === 1 &&
        lex.kind(first.text) === "organization" &&
        first.text.length > 2 &&
        !ORG_SUFFIXES.has(first.lower))
    ) {
      push("organization", tokens, tokens.length === 1 ? 0.7 : 0.8);
      continue;
    }
    // Places: a country, a multi-word place compromise knows, "X County".
    if (countryList.has(lowerRun) || places.has(lowerRun)) {
      push("location", tokens, 0.85);
      continue;
    }
    if (
      tokens.length >= 2 &&
      !honorific &&
      (PLACE_SUFFIXES.has(lastToken.lower) ||
        (COMPASS.has(first.lower) && !tokens.some((t) => JOINERS.has(t.lower))))
    ) {
      push("location", tokens, 0.7);
      continue;
    }
    // The rest is read in segments between words that cannot be part of a name: "and" in "Kónya,
    // Becker and Vasquez", "Guilty" in "Guilty Pleasures".
    let segment: Token[] = [];
    let categories: Category[] = [];
    const segments: { tokens: Token[]; categories: Category[] }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      // A place of two or three words inside the run ("New York and Hong Kong").
      const place = [3, 2].find((n) => {
        const words = tokens.slice(i, i + n);
        const key = words.map((t) => t.lower).join(" ");
        return words.length === n && (places.has(key) || countryList.has(key));
      });
      if (place !== undefined) {
        if (segment.length > 0) segments.push({ tokens: segment, categories });
        segment = [];
        categories = [];
        const words = tokens.slice(i, i + place);
        segments.push({ tokens: words, categories: words.map(() => "bad" as const) });
        i += place - 1;
        continue;
      }
      const c = category(token, lex.kind(token.text));
      if (c === "bad" || c === "joiner") {
        if (segment.length > 0) segments.push({ tokens: segment, categories });
        segment = [];
        categories = [];
        if (c === "bad" && (countryList.has(token.lower) || lex.kind(token.text) === "place")) {
          segments.push({ tokens: [token], categories: ["bad"] });
        }
        continue;
      }
      segment.push(token);
      categories.push(c);
    }
    if (segment.length > 0) segments.push({ tokens: segment, categories });
    for (const part of segments)
      classify(part.tokens, part.categories, honorific && part.tokens[0] === first);
  }

  function classify(tokens: Token[], categories: Category[], honorific: boolean) {
    while (tokens.length > 0 && (categories[0] === "particle" || categories[0] === "joiner")) {
      tokens = tokens.slice(1);
      categories = categories.slice(1);
    }
    const first = tokens[0];
    if (!first) return;
    const kind = lex.kind(first.text);
    const before = text.slice(Math.max(0, first.start - 40), first.start);
    const atStart = sentenceStart(text, first.start);
    const segmentText = tokens.map((t) => t.lower).join(" ");
    if (tokens.length > 1 && (places.has(segmentText) || countryList.has(segmentText))) {
      push("location", tokens, 0.85);
      return;
    }
    if (tokens.length === 1 && (kind === "place" || countryList.has(first.lower))) {
      push("location", tokens, lex.isNamePart(first.text) ? 0.65 : 0.8);
      return;
    }
    const count = (c: Category) => categories.filter((x) => x === c).length;
    const words = tokens.length - count("initial") - count("particle");
    const strong = count("strong");
    const weak = count("weak");
    const unknown = count("unknown");
    const context =
      honorific ||
      HONORIFIC_BEFORE.test(before) ||
      SALUTATION.test(before) ||
      LABEL.test(before) ||
      CLOSING_LINE.test(before);
    const nameLike = kind === "first" || kind === "last" || lex.isNamePart(first.text);
    // A word no list holds, right after a preposition of place: "from Artilleros", "in Broomfield".
    if (
      !context &&
      !nameLike &&
      words <= 2 &&
      count("initial") === 0 &&
      !atStart &&
      PLACE_PREPOSITION.test(before)
    ) {
      push("location", tokens, 0.6);
      return;
    }
    // "extended to Harrison", "the town of Bridgton": a lone family name after these is a place.
    if (
      !context &&
      words === 1 &&
      kind !== "first" &&
      weak === 0 &&
      !ALL_UPPER.test(first.text) &&
      STRONG_PLACE_BEFORE.test(before)
    ) {
      push("location", tokens, 0.6);
      return;
    }
    let confidence = 0;
    if (words >= 2 && words <= 4) {
      if (strong >= 2 || (strong >= 1 && weak >= 1)) confidence = 0.85;
      else if (strong === 1) confidence = 0.75;
      // Words that are names and common words alike ("Credit Karma", "Rose Hill") need context.
      else if (weak >= 2 && unknown === 0) confidence = 0.45;
      else if (unknown >= 2 || weak + unknown >= 2) confidence = 0.6;
    } else if (words === 1 && !ALL_UPPER.test(first.text)) {
      if (strong === 1) confidence = atStart ? 0.55 : 0.65;
      else if (unknown === 1) confidence = atStart ? 0.35 : 0.45;
      else if (weak === 1) confidence = atStart ? 0.3 : 0.45;
    }
    if (context && words >= 1 && words <= 4) confidence = Math.max(confidence, 0.8) + 0.05;
    if (confidence > 0) push("person", tokens, Math.min(0.95, confidence));
  }

  // One word, one reading per document: a lone word read as a place somewhere ("to Bridgton") is a
  // place wherever else it stands alone, unless it is part of a full name found in the text.
  const placeWords = new Set(
    found
      .filter((e) => e.type === "location" && e.confidence >= 0.6 && !/\s/.test(e.text))
      .map((e) => e.text),
  );
  const nameWords = new Set(
    found.filter((e) => e.type === "person" && /\s/.test(e.text)).flatMap((e) => e.text.split(/\s+/)),
  );
  for (const [i, e] of found.entries()) {
    if (e.type === "person" && placeWords.has(e.text) && !nameWords.has(e.text)) {
      found[i] = { ...e, type: "location" };
    }
  }

  // A full name once found makes its parts names wherever else they stand alone in the document:
  // "Faina D. Yefremova" ... "early Yefremova", "Carder" at the start of every later sentence.
  const parts = new Set<string>();
  for (const e of found) {
    if (e.type !== "person" || e.confidence < 0.6) continue;
    const words = e.text.split(/\s+/).filter((w) => w.length > 2 && UPPER.test(w) && !ALL_UPPER.test(w));
    if (words.length >= 2) for (const w of words) parts.add(w.replace(/[.,]$/, ""));
  }
  if (parts.size > 0) {
    const covered = new Uint8Array(text.length);
    for (const e of found) if (e.confidence >= 0.5) covered.fill(1, e.start, e.end);
    for (const m of text.matchAll(WORD)) {
      const word = m[0].replace(/['’]s$/i, "");
      if (!parts.has(word) || covered[m.index] === 1 || lexicon().isCommonWord(word)) continue;
      found.push(makeEntity("person", text, m.index, m.index + word.length, 0.7));
    }
  }
  for (const m of text.matchAll(LOWERCASE_NAME)) {
    const keep: string[] = [];
    for (const word of (m[1] ?? "").split(" ")) {
      const k = lex.kind(word);
      const common = lex.isCommonWord(word) || k === "common";
      if (!/^\p{Ll}/u.test(word) || common || (k !== undefined && k !== "first" && k !== "last")) break;
      keep.push(word);
    }
    const head = keep[0] ?? "";
    if (!(lex.kind(head) === "first" || lex.isNamePart(head))) continue;
    const value = keep.join(" ");
    const start = m.index + m[0].length - (m[1] ?? "").length;
    found.push(makeEntity("person", text, start, start + value.length, 0.7));
  }
  return found.filter((e) => wanted.has(e.type));
}
