import { describe, expect, it } from "vitest";
import { extractEntities, InvalidExtractOptionsError } from "./entities.ts";
import { phoneCountriesForRegion } from "./regions.ts";

// A Thursday: relative dates below are read from it.
const referenceDate = new Date(2026, 0, 15, 12, 0, 0);
const dates = (text: string) =>
  extractEntities(text, { types: ["date"], referenceDate }).map((e) => [e.text, e.normalized]);
const phones = (text: string, options = {}) =>
  extractEntities(text, { types: ["phone"], ...options }).map((e) => [e.text, e.normalized]);

describe("dates and times in words", () => {
  it.each([
    ["a weekday", "We'll meet Tuesday at the branch.", [["Tuesday", "2026-01-13"]]],
    ["a day of a month without a year", "due on the 3rd of May", [["3rd of May", "2026-05-03"]]],
    [
      "a relative day with a time",
      "call me next Friday at 5pm",
      [["next Friday at 5pm", "2026-01-23T17:00"]],
    ],
    ["yesterday", "the card was lost yesterday", [["yesterday", "2026-01-14"]]],
    ["a month and a year", "opened in Jan 2023", [["Jan 2023", "2023-01"]]],
    [
      "a date and a time",
      "On 2007-01-17 23:08:55, the order was placed",
      [["2007-01-17 23:08:55", "2007-01-17"]],
    ],
    ["a year after 'in'", "The orchestra was founded in 1977.", [["1977", "1977"]]],
    ["a year used as an adjective", "Zoolander is a 2017 comedy.", [["2017", "2017"]]],
    ["a clock time", "doors open at 10:30", [["at 10:30", "T10:30"]]],
  ])("%s", (_, text, expected) => {
    expect(dates(text)).toEqual(expected);
  });

  it.each([
    ["a decade", "wallets of the 1940s"],
    ["a year-shaped amount", "2000 cases out of 3000"],
    ["a month inside a reference", "reference RENT-JUNE"],
    ["a weekday abbreviation in a word", "C'mon, sing it with me"],
    ["the modal verb", "you may sign it"],
    ["a bare number", "Room 2031, population 2020."],
  ])("not %s", (_, text) => {
    expect(dates(text)).toEqual([]);
  });

  it("rejects an invalid referenceDate naming the option", () => {
    expect(() => extractEntities("x", { referenceDate: new Date("nope") })).toThrow(
      InvalidExtractOptionsError,
    );
    expect(() => extractEntities("x", { referenceDate: new Date("nope") })).toThrow(
      "referenceDate must be a valid Date",
    );
  });
});

describe("phone numbers", () => {
  it.each([
    [
      "international with an extension",
      "Tel. +49 40 3012 5566 ext. 214",
      [["+49 40 3012 5566 ext. 214", "+494030125566"]],
    ],
    [
      "an international call prefix instead of +",
      "after hours, 0044 20 7946 0958.",
      [["0044 20 7946 0958", "+442079460958"]],
    ],
    ["North American with an x extension", "call 345-899-3560x4587", [["345-899-3560x4587", "+13458993560"]]],
    ["a national number outside the tenant's countries, unannounced", "ref 0490 75 40 81 only", []],
    ["a tax id near a contact word", "tax ID 94-1234567; billing contact x@y.org", []],
  ])("%s", (_, text, expected) => {
    expect(phones(text)).toEqual(expected);
  });

  it("reads an announced national number of another country, at a lower confidence", () => {
    const [found] = extractEntities("Mobile: 03.93.92.16.85", { types: ["phone"] });
    expect(found?.text).toBe("03.93.92.16.85");
    const [home] = extractEntities("Mobile: 03.93.92.16.85", { types: ["phone"], phoneCountries: ["FR"] });
    expect(home?.normalized).toBe("+33393921685");
    expect(found?.confidence).toBeLessThan(home?.confidence ?? 0);
  });

  it("takes a phone word right after the number as its announcement, not one further on", () => {
    const texts = (t: string) => extractEntities(t, { types: ["phone"] }).map((e) => e.text);
    expect(texts("Ref. 0490 75 40 81 (mobile)")).toEqual(["0490 75 40 81"]);
    expect(texts("Ref. 0490 75 40 81; later, our phone desk")).toEqual([]);
  });

  it("reads the tenant's countries' national numbers without announcement", () => {
    expect(phones("ref 0490 75 40 81 only", { phoneCountries: ["BE"] })).toEqual([
      ["0490 75 40 81", "+32490754081"],
    ]);
  });

  it("rejects unknown phoneCountries naming the option", () => {
    expect(() => extractEntities("x", { phoneCountries: ["XX" as "US"] })).toThrow(
      'phoneCountries must list ISO 3166-1 alpha-2 codes libphonenumber knows (US, GB, DE, ...), got "XX"',
    );
  });
});

describe("phoneCountriesForRegion", () => {
  it.each([
    ["eu-central-1", ["DE", "AT", "CH"]],
    ["westeurope", ["NL", "BE", "LU"]],
    ["europe-west2", ["GB", "IE"]],
    ["us-east-1", ["US", "CA"]],
    ["ap-southeast-2", ["AU", "NZ"]],
    ["mars-north-1", []],
    [undefined, []],
  ])("%s", (region, expected) => {
    expect(phoneCountriesForRegion(region)).toEqual(expected);
  });

  it("puts explicit countries first and refuses unknown codes", () => {
    expect(phoneCountriesForRegion("eu-central-1", ["PL", "DE"])).toEqual(["PL", "DE", "AT", "CH"]);
    expect(() => phoneCountriesForRegion("eu-central-1", ["ZZ"])).toThrow('got "ZZ"');
  });
});
