import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities.ts";
import { cardIssuer, luhnValid, routingValid, ssnValid } from "./index.ts";
import type { EntityType } from "./types.ts";

/** The texts found for one type, patterns only (wink is covered separately). */
function find(type: EntityType, text: string, minConfidence = 0.5): string[] {
  return extractEntities(text, { types: [type], nlp: false, minConfidence }).map((e) => e.text);
}

type Case = [description: string, text: string, expected: string[]];

const cases: Record<Exclude<EntityType, "person" | "organization" | "location">, Case[]> = {
  credit_card: [
    ["Visa grouped by spaces", "card 4111 1111 1111 1111 on file", ["4111 1111 1111 1111"]],
    ["Mastercard grouped by hyphens", "MC 5555-5555-5555-4444.", ["5555-5555-5555-4444"]],
    ["Amex 4-6-5", "Amex 3782 822463 10005", ["3782 822463 10005"]],
    ["Mastercard 2-series unbroken", "PAN 2223003122003222", ["2223003122003222"]],
    ["JCB", "JCB 3530111333300000", ["3530111333300000"]],
    ["Diners 14 digits", "Diners 30569309025904", ["30569309025904"]],
    ["fails Luhn", "card 4111 1111 1111 1112", []],
    ["Luhn-valid placeholder 1234 5678 ...", "card 1234 5678 9012 3452", []],
    ["Luhn-valid, no issuer's prefix, no card word", "ref 1300 0000 0000 0005", []],
    [
      "Luhn-valid, no issuer's prefix, announced as a card",
      "card 1300 0000 0000 0005",
      ["1300 0000 0000 0005"],
    ],
    ["JCB's older 15 digits", "card 180016070420458", ["180016070420458"]],
    ["Visa prefix with a length Visa does not use", "card 411111111111111111", []],
    ["mixed separators", "card 4111 1111-1111 1111", []],
    ["digits glued to letters", "coupon 4111111111111111X", []],
    ["one repeated digit", "0000 0000 0000 0000", []],
  ],
  iban: [
    ["German printed form", "IBAN DE89 3704 0044 0532 0130 00.", ["DE89 3704 0044 0532 0130 00"]],
    ["Dutch electronic form", "to NL91ABNA0417164300 today", ["NL91ABNA0417164300"]],
    [
      "French with a letter in the BBAN",
      "FR14 2004 1010 0505 0001 3M02 606",
      ["FR14 2004 1010 0505 0001 3M02 606"],
    ],
    ["followed by a BIC", "GB29 NWBK 6016 1331 9268 19 BIC NWBKGB2L", ["GB29 NWBK 6016 1331 9268 19"]],
    ["bad check digits", "IBAN DE89 3704 0044 0532 0130 01", []],
    ["one character short for GB", "IBAN GB29NWBK6016133192681", []],
    ["unknown country", "IBAN XX89370400440532013000", []],
  ],
  ssn: [
    ["hyphenated", "SSN 536-22-1987", ["536-22-1987"]],
    ["hyphenated without a label", "ref 536-22-1987", ["536-22-1987"]],
    ["bare digits with a label", "ssn: 587192203", ["587192203"]],
    ["bare digits without a label", "serial 587192203", []],
    ["area 000", "SSN 000-12-3456", []],
    ["area 666", "SSN 666-12-3456", []],
    ["area 9xx", "SSN 912-12-3456", []],
    ["group 00", "SSN 123-00-4567", []],
    ["serial 0000", "SSN 123-45-0000", []],
    ["voided Woolworth number", "SSN 078-05-1120", []],
    ["part of a longer number", "SSN 536-22-19871", []],
  ],
  routing_number: [
    ["labelled and checksum valid", "routing number 021000021", ["021000021"]],
    ["ABA label", "ABA 121000358", ["121000358"]],
    ["valid checksum but no label", "ref 021000021", []],
    ["bad checksum", "routing 021000022", []],
    ["prefix outside Federal Reserve ranges", "routing 400000002", []],
  ],
  email: [
    ["plain", "write to jane.doe@example.com.", ["jane.doe@example.com"]],
    ["plus tag and subdomain", "a+kyc@mail.finco.co.uk", ["a+kyc@mail.finco.co.uk"]],
    ["no TLD", "user@localhost", []],
    ["consecutive dots in the local part", "jane..doe@example.com", []],
    ["no local part", "@example.com", []],
    ["apostrophe inside the local part", "o'brien@lawfirm.ie", ["o'brien@lawfirm.ie"]],
    ["quoted in single quotes", "'jane@example.com'", ["jane@example.com"]],
  ],
  phone: [
    ["US national", "call 415-555-0132", ["415-555-0132"]],
    ["US with parentheses", "tel (212) 555-0147", ["(212) 555-0147"]],
    ["international UK", "ring +44 20 7946 0958", ["+44 20 7946 0958"]],
    ["two numbers side by side", "415-555-0132 415-555-0199", ["415-555-0132", "415-555-0199"]],
    ["too few digits", "extension 4471", []],
    ["a date", "on 2024-03-12", []],
  ],
  ip_address: [
    ["IPv4", "from 192.168.1.10 at noon", ["192.168.1.10"]],
    ["IPv6 compressed", "src=2001:db8::1 dst", ["2001:db8::1"]],
    ["IPv4-mapped IPv6", "client ::ffff:192.0.2.128", ["::ffff:192.0.2.128"]],
    ["octet above 255", "1.2.3.256", []],
    ["five dotted numbers", "version 1.2.3.4.5", []],
    ["version number", "build 4.2.1.7", []],
    ["clock time", "at 10:30:00", []],
  ],
  date: [
    ["ISO", "due 2024-04-15", ["2024-04-15"]],
    ["ISO timestamp", "at 2024-03-12T08:14:22Z ok", ["2024-03-12T08:14:22Z"]],
    ["US numeric", "on 03/15/2024", ["03/15/2024"]],
    ["European dotted", "am 31.01.2024", ["31.01.2024"]],
    ["day month year", "on 12 March 2024", ["12 March 2024"]],
    ["month day, year", "on March 12, 2024", ["March 12, 2024"]],
    ["abbreviated with hyphens", "15-Jan-2030", ["15-Jan-2030"]],
    ["deed form", "this 20th day of May, 2024", ["20th day of May, 2024"]],
    ["February 30", "on 02/30/2024", []],
    ["month 13 either way", "on 13/13/2024", []],
    ["version-like", "version 2024.13.45", []],
    ["version number with a date's shape", "release 1.2.24 shipped", []],
  ],
  money: [
    ["dollar with thousands", "paid $1,250.00", ["$1,250.00"]],
    ["euro continental", "€2.500,00 due", ["€2.500,00"]],
    ["code before", "USD 258,675.00", ["USD 258,675.00"]],
    ["code after", "1.250,00 EUR", ["1.250,00 EUR"]],
    ["Swiss apostrophes", "CHF 8'450.00", ["CHF 8'450.00"]],
    ["scale word", "$14.2 million", ["$14.2 million"]],
    ["currency word", "300 dollars", ["300 dollars"]],
    ["a bare number", "population 48,213", []],
    ["a percentage", "rate 6.25%", []],
  ],
  account_number: [
    ["after account no.", "account no. 483920175", ["483920175"]],
    ["grouped digits", "Account number: 0012 3456 7890", ["0012 3456 7890"]],
    ["loan number", "Loan no. 88400213", ["88400213"]],
    ["no label", "reference 483920175", []],
    ["another number between label and digits", "account 12 of 483920175", []],
    ["too short", "account 12345", []],
  ],
};

describe.each(Object.entries(cases))("%s detector", (type, table) => {
  it.each(table)("%s", (_, text, expected) => {
    expect(find(type as EntityType, text)).toEqual(expected);
  });
});

describe("person detector", () => {
  it.each<Case>([
    ["after an honorific", "Dear Mr. John Smith, thank you", ["John Smith"]],
    ["after a field label", "Cardholder: Jane Doe", ["Jane Doe"]],
    ["with a middle initial", "Dr. Mary J. Blige", ["Mary J. Blige"]],
    ["label followed by a non-name", "Customer: None given", []],
    ["a given and a family name without announcement", "John Smith paid", ["John Smith"]],
    ["capitalized common words are not a name", "Credit Karma and Secretly Love", []],
  ])("%s", (_, text, expected) => {
    expect(find("person", text)).toEqual(expected);
  });
});

describe("validators", () => {
  it.each([
    ["4111111111111111", true],
    ["378282246310005", true],
    ["4111111111111112", false],
    ["", false],
  ])("luhnValid(%s) is %s", (digits, valid) => expect(luhnValid(digits)).toBe(valid));

  it.each([
    ["378282246310005", "amex"],
    ["4111111111111111", "visa"],
    ["2223003122003222", "mastercard"],
    ["6011111111111117", "discover"],
    ["1111111111111117", undefined],
  ])("cardIssuer(%s) is %s", (digits, issuer) => expect(cardIssuer(digits)).toBe(issuer));

  it.each([
    ["536221987", true],
    ["078051120", false],
    ["219099999", false],
    ["666123456", false],
    ["900123456", false],
    ["12345678", false],
  ])("ssnValid(%s) is %s", (digits, valid) => expect(ssnValid(digits)).toBe(valid));

  it.each([
    ["021000021", true],
    ["011401533", true],
    ["021000022", false],
    ["123456789", false],
    ["02100002", false],
  ])("routingValid(%s) is %s", (digits, valid) => expect(routingValid(digits)).toBe(valid));
});

describe("normalized values and context", () => {
  it("normalizes each type to a canonical form", () => {
    const text =
      "Card 4111-1111-1111-1111, IBAN DE89 3704 0044 0532 0130 00, call (415) 555-0132, on 12 March 2024, €2.500,00, Jane.Doe@Example.com";
    const byType = Object.fromEntries(
      extractEntities(text, { nlp: false }).map((e) => [e.type, e.normalized]),
    );
    expect(byType).toEqual({
      credit_card: "4111111111111111",
      iban: "DE89370400440532013000",
      phone: "+14155550132",
      date: "2024-03-12",
      money: "EUR 2500.00",
      email: "jane.doe@example.com",
    });
  });

  it("raises confidence when a context word is near and records it", () => {
    const [bare] = extractEntities("ref 536-22-1987", { types: ["ssn"], nlp: false });
    const [labelled] = extractEntities("SSN: 536-22-1987", { types: ["ssn"], nlp: false });
    expect(labelled?.confidence).toBeGreaterThan(bare?.confidence ?? 1);
    expect(labelled?.context).toBe("ssn");
    expect(bare?.context).toBeUndefined();
  });

  it("reads ambiguous numeric dates in the configured order", () => {
    const date = (dateOrder: "MDY" | "DMY") =>
      extractEntities("on 03/04/2024", { types: ["date"], nlp: false, dateOrder })[0]?.normalized;
    expect(date("MDY")).toBe("2024-03-04");
    expect(date("DMY")).toBe("2024-04-03");
    // Only one reading is a real day: that one wins whatever the order.
    expect(extractEntities("on 25/12/2024", { types: ["date"], nlp: false })[0]?.normalized).toBe(
      "2024-12-25",
    );
  });

  it("uses the default country for national phone numbers; another country's only when announced", () => {
    expect(find("phone", "ref 07911 123456")).toEqual([]);
    const [uk] = extractEntities("ref 07911 123456", { types: ["phone"], defaultCountry: "GB" });
    expect(uk?.normalized).toBe("+447911123456");
    const [announced] = extractEntities("call 07911 123456", { types: ["phone"] });
    // Valid in more than one country: which one is not knowable, that it is a phone is.
    expect(announced?.text).toBe("07911 123456");
    const [home] = extractEntities("call 07911 123456", { types: ["phone"], defaultCountry: "GB" });
    expect(announced?.confidence).toBeLessThan(home?.confidence ?? 0);
  });
});
