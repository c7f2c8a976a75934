import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities.ts";
import type { EntityType } from "./types.ts";

const find = (type: EntityType, text: string) => extractEntities(text, { types: [type] }).map((e) => e.text);

describe("person", () => {
  it.each([
    ["after an honorific", "Please ask Mrs. Okonkwo to sign.", ["Okonkwo"]],
    ["a given and a family name", "The report was written by Priya Raman last year.", ["Priya Raman"]],
    ["with a middle initial", "Faina D. Yefremova wrote it.", ["Faina D. Yefremova"]],
    ["names the lists lack, in a pair", "Answer: by Szabina Gelencsér and others", ["Szabina Gelencsér"]],
    ["a salutation", "Dear Marta,\nthe documents are attached.", ["Marta"]],
    ["a signature block", "Thanks for your help.\n\nKind regards,\nLukas Brandt\n", ["Lukas Brandt"]],
    ["a field label", "Cardholder: Jane Doe", ["Jane Doe"]],
    ["lowercase after 'my name is'", "could you block it? my name is lena andersson.", ["lena andersson"]],
    ["a possessive ends the name", "the verses of Faina Yefremova's Cautionary Tales", ["Faina Yefremova"]],
    ["two names joined by and", "Signed by Anna Keller and Tom Becker.", ["Anna Keller", "Tom Becker"]],
    [
      "a later mention of a found surname",
      "Manuel Belgrano led the army. Belgrano won.",
      ["Manuel Belgrano", "Belgrano"],
    ],
    ["capitalized common words", "See the Credit Karma and Secretly Love sections.", []],
    ["a heading in capitals", "REPRESENTATIONS AND WARRANTIES", []],
    ["codes in capitals", "BIC WESTGB2L and SWIFT CHASUS33", []],
    ["a language", "The contract is written in Spanish.", []],
  ])("%s", (_, text, expected) => {
    expect(find("person", text)).toEqual(expected);
  });
});

describe("organization", () => {
  it.each([
    ["a company suffix", "paid to Northbridge Capital LLC on time", ["Northbridge Capital LLC"]],
    ["a suffix after a comma", "between Veridian Biotech, Inc. and us", ["Veridian Biotech, Inc."]],
    ["an organization head with 'of'", "an account at Bank of America today", ["Bank of America"]],
    [
      "a person and a company joined by and",
      "between Hannah Schmidt and Brightwater Holdings Ltd.",
      ["Brightwater Holdings Ltd."],
    ],
    ["a suffix alone", "Acme, and Inc. are words", []],
  ])("%s", (_, text, expected) => {
    expect(find("organization", text)).toEqual(expected);
  });
});

describe("location", () => {
  it.each([
    ["a country", "She moved to Portugal in spring.", ["Portugal"]],
    ["a multi-word place", "offices in New York and Hong Kong", ["New York", "Hong Kong"]],
    ["a city compromise knows", "flights to Berlin are late", ["Berlin"]],
    ["a word after a preposition of place", "I am originally from Artilleros, you know", ["Artilleros"]],
    ["a place word at the end", "we met at Spring Harbor last year", ["Spring Harbor"]],
    ["not a person's name after 'from'", "a message from Tamara", []],
    ["a lone family name after 'the town of'", "the town of Bridgton began a 15-year effort", ["Bridgton"]],
    [
      "one reading per document",
      "Trains left Harrison at dawn. The depot in Harrison burned.",
      ["Harrison", "Harrison"],
    ],
  ])("%s", (_, text, expected) => {
    expect(find("location", text)).toEqual(expected);
  });
});

describe("names and the rest", () => {
  it("types people, organizations and places in one text, with offsets into it", () => {
    const text = "Dear Ms. Okonkwo, Lukas Brandt of Hanseatic Trust Bank AG will call from Hamburg.";
    const found = extractEntities(text, { types: ["person", "organization", "location"] });
    expect(found.map((e) => [e.type, e.text])).toEqual([
      ["person", "Okonkwo"],
      ["person", "Lukas Brandt"],
      ["organization", "Hanseatic Trust Bank AG"],
      ["location", "Hamburg"],
    ]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it("names count as personal data; organizations and places do not", async () => {
    const { applyPiiPolicy } = await import("./policy.ts");
    const decision = applyPiiPolicy("Lukas Brandt of Hanseatic Trust Bank AG in Hamburg", "redact");
    expect(decision.counts).toEqual({ person: 1 });
    expect(decision.text).toBe("***** ****** of Hanseatic Trust Bank AG in Hamburg");
  });
});
