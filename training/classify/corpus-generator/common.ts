// Building blocks for the corpus generator: seeded choice, realistic parties, places, amounts and
// dates in each jurisdiction's own format, and the noise real uploads carry (OCR errors, e-mail
// wrappers, truncation). Only the generator uses this; the classifier reads the written corpus.
import { seededRandom } from "../../../runtime/ai/classify/index.ts";

export type Rng = () => number;

export class Gen {
  readonly random: Rng;
  constructor(random: Rng) {
    this.random = random;
  }
  static seeded(seed: number): Gen {
    return new Gen(seededRandom(seed));
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  maybe(p: number, text: string | (() => string)): string {
    return this.chance(p) ? (typeof text === "function" ? text() : text) : "";
  }
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    const n = Math.min(pool.length, this.int(min, max));
    while (out.length < n) out.push(pool.splice(Math.floor(this.random() * pool.length), 1)[0] as T);
    return out;
  }
  shuffle<T>(items: readonly T[]): T[] {
    return this.some(items, items.length, items.length);
  }
  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  letters(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += "ABCDEFGHJKLMNPQRSTUVWXYZ"[this.int(0, 23)];
    return s;
  }
}

export interface Locale {
  country: string;
  cities: string[];
  currency: string;
  symbol: string;
  /** How this jurisdiction writes 1234.5 */
  decimal: "," | ".";
  group: "," | "." | " " | "'";
  dateStyle: "dmy" | "mdy" | "ymd" | "long";
  law: string;
  regulator: string;
  idDocument: string;
  taxId: string;
  companySuffixes: string[];
  firstNames: string[];
  lastNames: string[];
  streets: string[];
}

export const LOCALES: Locale[] = [
  {
    country: "United Kingdom",
    cities: ["London", "Manchester", "Leeds", "Edinburgh", "Bristol", "Birmingham", "Cardiff"],
    currency: "GBP",
    symbol: "£",
    decimal: ".",
    group: ",",
    dateStyle: "dmy",
    law: "the laws of England and Wales",
    regulator: "Financial Conduct Authority",
    idDocument: "UK passport",
    taxId: "National Insurance number",
    companySuffixes: ["Ltd", "Limited", "PLC", "LLP"],
    firstNames: [
      "Oliver",
      "Amelia",
      "Harry",
      "Priya",
      "George",
      "Isla",
      "Mohammed",
      "Chloe",
      "Callum",
      "Fiona",
    ],
    lastNames: [
      "Whitfield",
      "Okafor",
      "Patel",
      "Hughes",
      "McAllister",
      "Thornton",
      "Begum",
      "Fraser",
      "Lloyd",
    ],
    streets: ["High Street", "Station Road", "Church Lane", "Victoria Road", "Kingsway", "Park Row"],
  },
  {
    country: "United States",
    cities: ["New York", "Chicago", "Austin", "Charlotte", "San Francisco", "Boston", "Denver", "Miami"],
    currency: "USD",
    symbol: "$",
    decimal: ".",
    group: ",",
    dateStyle: "mdy",
    law: "the laws of the State of New York",
    regulator: "Securities and Exchange Commission",
    idDocument: "state-issued driver's license",
    taxId: "Social Security number",
    companySuffixes: ["Inc.", "LLC", "Corp.", "Holdings, Inc.", "L.P."],
    firstNames: ["Jessica", "Michael", "DeShawn", "Emily", "Carlos", "Hannah", "Tyler", "Mei", "Brandon"],
    lastNames: ["Johnson", "Ramirez", "Kowalski", "Nguyen", "Washington", "Schultz", "Brennan", "Cho"],
    streets: ["Main Street", "Oak Avenue", "Madison Ave", "Elm Street", "Commerce Drive", "5th Avenue"],
  },
  {
    country: "Germany",
    cities: ["Frankfurt am Main", "München", "Hamburg", "Berlin", "Köln", "Stuttgart", "Düsseldorf"],
    currency: "EUR",
    symbol: "€",
    decimal: ",",
    group: ".",
    dateStyle: "dmy",
    law: "the laws of the Federal Republic of Germany",
    regulator: "BaFin",
    idDocument: "Personalausweis (national identity card)",
    taxId: "Steuer-ID",
    companySuffixes: ["GmbH", "AG", "GmbH & Co. KG", "SE"],
    firstNames: ["Lukas", "Anna", "Jonas", "Lea", "Mehmet", "Katharina", "Felix", "Sabine", "Tobias"],
    lastNames: ["Müller", "Schmidt", "Yilmaz", "Becker", "Hoffmann", "Wagner", "Zimmermann", "Krause"],
    streets: ["Hauptstraße", "Bahnhofstraße", "Goethestraße", "Mainzer Landstraße", "Schillerplatz"],
  },
  {
    country: "France",
    cities: ["Paris", "Lyon", "Marseille", "Lille", "Bordeaux", "Nantes", "Toulouse"],
    currency: "EUR",
    symbol: "€",
    decimal: ",",
    group: " ",
    dateStyle: "dmy",
    law: "French law",
    regulator: "Autorité des marchés financiers",
    idDocument: "carte nationale d'identité",
    taxId: "numéro fiscal",
    companySuffixes: ["SAS", "SA", "SARL"],
    firstNames: ["Camille", "Louis", "Inès", "Hugo", "Manon", "Karim", "Élodie", "Julien"],
    lastNames: ["Martin", "Bernard", "Dubois", "Lefèvre", "Benali", "Moreau", "Girard", "Fontaine"],
    streets: ["rue de Rivoli", "avenue Victor Hugo", "boulevard Haussmann", "rue de la République"],
  },
  {
    country: "Switzerland",
    cities: ["Zürich", "Geneva", "Basel", "Lugano", "Zug", "Lausanne"],
    currency: "CHF",
    symbol: "CHF",
    decimal: ".",
    group: "'",
    dateStyle: "dmy",
    law: "Swiss law",
    regulator: "FINMA",
    idDocument: "Swiss identity card",
    taxId: "AHV number",
    companySuffixes: ["AG", "SA", "GmbH"],
    firstNames: ["Luca", "Laura", "Noah", "Mia", "Reto", "Chiara", "Marco", "Nadine"],
    lastNames: ["Meier", "Keller", "Brunner", "Rossi", "Baumann", "Frei", "Gerber", "Favre"],
    streets: ["Bahnhofstrasse", "Rue du Rhône", "Seestrasse", "Via Nassa"],
  },
  {
    country: "Singapore",
    cities: ["Singapore"],
    currency: "SGD",
    symbol: "S$",
    decimal: ".",
    group: ",",
    dateStyle: "dmy",
    law: "the laws of Singapore",
    regulator: "Monetary Authority of Singapore",
    idDocument: "NRIC",
    taxId: "NRIC/FIN",
    companySuffixes: ["Pte. Ltd.", "Pte Ltd", "Limited"],
    firstNames: ["Wei Ling", "Arjun", "Siti", "Jun Jie", "Priya", "Marcus", "Hui Min", "Farhan"],
    lastNames: ["Tan", "Lim", "Ng", "Rahman", "Nair", "Goh", "Wong", "Chua"],
    streets: ["Raffles Place", "Orchard Road", "Shenton Way", "Cecil Street", "Robinson Road"],
  },
  {
    country: "India",
    cities: ["Mumbai", "Bengaluru", "New Delhi", "Pune", "Chennai", "Hyderabad"],
    currency: "INR",
    symbol: "₹",
    decimal: ".",
    group: ",",
    dateStyle: "dmy",
    law: "the laws of India",
    regulator: "Reserve Bank of India",
    idDocument: "Aadhaar card",
    taxId: "PAN",
    companySuffixes: ["Pvt. Ltd.", "Private Limited", "Ltd."],
    firstNames: ["Rahul", "Ananya", "Vikram", "Deepika", "Suresh", "Kavya", "Imran", "Lakshmi"],
    lastNames: ["Sharma", "Iyer", "Reddy", "Gupta", "Khan", "Menon", "Desai", "Banerjee"],
    streets: ["MG Road", "Nariman Point", "Brigade Road", "Linking Road", "Park Street"],
  },
  {
    country: "Australia",
    cities: ["Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide"],
    currency: "AUD",
    symbol: "A$",
    decimal: ".",
    group: ",",
    dateStyle: "dmy",
    law: "the laws of New South Wales",
    regulator: "ASIC",
    idDocument: "Australian passport",
    taxId: "Tax File Number",
    companySuffixes: ["Pty Ltd", "Limited", "Pty. Ltd."],
    firstNames: ["Jack", "Charlotte", "Liam", "Zoe", "Ethan", "Ruby", "Aditya", "Grace"],
    lastNames: ["Smith", "O'Brien", "Nguyen", "Taylor", "Kelly", "Papadopoulos", "Walsh"],
    streets: ["George Street", "Collins Street", "Queen Street", "Pitt Street", "Hay Street"],
  },
  {
    country: "Canada",
    cities: ["Toronto", "Montréal", "Vancouver", "Calgary", "Ottawa"],
    currency: "CAD",
    symbol: "C$",
    decimal: ".",
    group: ",",
    dateStyle: "ymd",
    law: "the laws of the Province of Ontario",
    regulator: "Ontario Securities Commission",
    idDocument: "Canadian passport",
    taxId: "Social Insurance Number",
    companySuffixes: ["Inc.", "Ltd.", "Corporation", "ULC"],
    firstNames: ["Olivia", "Étienne", "Aiden", "Sophie", "Raj", "Maya", "Connor", "Amélie"],
    lastNames: ["Tremblay", "Roy", "Singh", "MacDonald", "Gagnon", "Chen", "Bouchard"],
    streets: ["Bay Street", "King Street West", "Rue Sainte-Catherine", "Granville Street"],
  },
  {
    country: "Netherlands",
    cities: ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Den Haag"],
    currency: "EUR",
    symbol: "€",
    decimal: ",",
    group: ".",
    dateStyle: "dmy",
    law: "Dutch law",
    regulator: "AFM",
    idDocument: "Dutch identity card",
    taxId: "BSN",
    companySuffixes: ["B.V.", "N.V."],
    firstNames: ["Daan", "Sanne", "Bram", "Fleur", "Youssef", "Lotte", "Thijs", "Noor"],
    lastNames: ["de Vries", "Jansen", "van den Berg", "Bakker", "El Amrani", "Visser", "Smit"],
    streets: ["Herengracht", "Coolsingel", "Zuidas", "Oudegracht", "Stationsplein"],
  },
  {
    country: "United Arab Emirates",
    cities: ["Dubai", "Abu Dhabi"],
    currency: "AED",
    symbol: "AED",
    decimal: ".",
    group: ",",
    dateStyle: "dmy",
    law: "the laws of the Dubai International Financial Centre",
    regulator: "DFSA",
    idDocument: "Emirates ID",
    taxId: "TRN",
    companySuffixes: ["LLC", "FZE", "DMCC", "Ltd"],
    firstNames: ["Omar", "Fatima", "Rashid", "Aisha", "Khalid", "Layla", "Sanjay", "Noura"],
    lastNames: ["Al Mansoori", "Haddad", "Al Falasi", "Qureshi", "Saleh", "Farouk"],
    streets: ["Sheikh Zayed Road", "Al Maryah Island", "Gate Avenue", "Corniche Road"],
  },
  {
    country: "South Africa",
    cities: ["Johannesburg", "Cape Town", "Durban", "Pretoria"],
    currency: "ZAR",
    symbol: "R",
    decimal: ".",
    group: " ",
    dateStyle: "ymd",
    law: "the laws of the Republic of South Africa",
    regulator: "Financial Sector Conduct Authority",
    idDocument: "South African ID book",
    taxId: "income tax reference number",
    companySuffixes: ["(Pty) Ltd", "Ltd", "Inc."],
    firstNames: ["Thabo", "Naledi", "Pieter", "Zanele", "Ayesha", "Sipho", "Lerato", "Johan"],
    lastNames: ["Nkosi", "van der Merwe", "Dlamini", "Botha", "Naidoo", "Mokoena", "Pillay"],
    streets: ["Rivonia Road", "Long Street", "West Street", "Jan Smuts Avenue"],
  },
];

const COMPANY_STEMS = [
  "Northwind",
  "Bluewater",
  "Harbor",
  "Meridian",
  "Crescent",
  "Atlas",
  "Pinnacle",
  "Redwood",
  "Silverline",
  "Kestrel",
  "Orion",
  "Lighthouse",
  "Granite",
  "Summit",
  "Evergreen",
  "Blackfriars",
  "Ironbridge",
  "Halcyon",
  "Sterling",
  "Marlow",
  "Vantage",
  "Coastal",
  "Quantum",
  "Alder",
  "Brightpath",
  "Falcon",
  "Cobalt",
  "Juniper",
  "Westgate",
  "Helios",
  "Nordlicht",
  "Rheinwerk",
  "Lumière",
  "Sakura",
  "Banyan",
  "Tamarind",
  "Kilimanjaro",
];
const COMPANY_KINDS = [
  "Logistics",
  "Capital",
  "Software",
  "Foods",
  "Engineering",
  "Textiles",
  "Pharma",
  "Consulting",
  "Retail",
  "Energy",
  "Medical Supplies",
  "Print & Media",
  "Facilities",
  "Analytics",
  "Construction",
  "Trading",
  "Hospitality",
  "Agritech",
  "Marine",
  "Components",
  "Asset Management",
  "Securities",
  "Bank",
];

export function locale(g: Gen): Locale {
  return g.pick(LOCALES);
}

export function company(g: Gen, loc: Locale, kind?: string): string {
  return `${g.pick(COMPANY_STEMS)} ${kind ?? g.pick(COMPANY_KINDS)} ${g.pick(loc.companySuffixes)}`;
}

export function person(g: Gen, loc: Locale): string {
  return `${g.pick(loc.firstNames)} ${g.pick(loc.lastNames)}`;
}

export function address(g: Gen, loc: Locale): string {
  const n = g.int(1, 240);
  const street = g.pick(loc.streets);
  const city = g.pick(loc.cities);
  const postcode =
    loc.country === "United Kingdom"
      ? `${g.letters(2)}${g.int(1, 20)} ${g.int(1, 9)}${g.letters(2)}`
      : g.digits(g.pick([4, 5, 6]));
  return loc.decimal === ","
    ? `${street} ${n}, ${postcode} ${city}, ${loc.country}`
    : `${n} ${street}, ${city} ${postcode}, ${loc.country}`;
}

export function number(loc: Locale, value: number, decimals = 2): string {
  const [int, frac] = value.toFixed(decimals).split(".");
  const grouped = (int ?? "0").replace(/\B(?=(\d{3})+(?!\d))/g, loc.group);
  return frac ? `${grouped}${loc.decimal}${frac}` : grouped;
}

export function money(
  g: Gen,
  loc: Locale,
  min: number,
  max: number,
  style?: "symbol" | "code" | "suffix",
): string {
  const value = Math.round((min + g.random() * (max - min)) * 100) / 100;
  const amount = number(loc, value);
  const how = style ?? g.pick(["symbol", "code", "suffix"] as const);
  if (how === "code") return `${loc.currency} ${amount}`;
  if (how === "suffix") return `${amount} ${loc.currency}`;
  return loc.symbol.length > 1 && /^[A-Z]+$/.test(loc.symbol)
    ? `${loc.symbol} ${amount}`
    : `${loc.symbol}${amount}`;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export interface DateParts {
  y: number;
  m: number;
  d: number;
}

export function dateParts(g: Gen, fromYear = 2019, toYear = 2026): DateParts {
  return { y: g.int(fromYear, toYear), m: g.int(1, 12), d: g.int(1, 28) };
}

export function formatDate(g: Gen, loc: Locale, p: DateParts): string {
  const dd = String(p.d).padStart(2, "0");
  const mm = String(p.m).padStart(2, "0");
  const month = MONTHS[p.m - 1] as string;
  switch (g.chance(0.35) ? "long" : loc.dateStyle) {
    case "mdy":
      return `${mm}/${dd}/${p.y}`;
    case "ymd":
      return `${p.y}-${mm}-${dd}`;
    case "long":
      return loc.dateStyle === "mdy" ? `${month} ${p.d}, ${p.y}` : `${p.d} ${month} ${p.y}`;
    default:
      return loc.decimal === "," ? `${dd}.${mm}.${p.y}` : `${dd}/${mm}/${p.y}`;
  }
}

export function date(g: Gen, loc: Locale, fromYear?: number, toYear?: number): string {
  return formatDate(g, loc, dateParts(g, fromYear, toYear));
}

export function monthName(m: number): string {
  return MONTHS[m - 1] as string;
}

export function iban(g: Gen, loc: Locale): string {
  const codes: Record<string, [string, number]> = {
    "United Kingdom": ["GB", 18],
    Germany: ["DE", 18],
    France: ["FR", 23],
    Switzerland: ["CH", 17],
    Netherlands: ["NL", 14],
    "United Arab Emirates": ["AE", 19],
  };
  const code = codes[loc.country];
  if (!code) return `${g.digits(3)}-${g.digits(6)}-${g.digits(3)}`;
  const body = `${code[0]}${g.digits(2)}${loc.country === "Netherlands" ? `${g.letters(4)}${g.digits(10)}` : g.digits(code[1])}`;
  return body.replace(/(.{4})/g, "$1 ").trim();
}

export function ref(g: Gen, prefix: string): string {
  return `${prefix}${g.pick(["-", "/", "", "-"])}${g.int(2019, 2026)}${g.pick(["-", "/", ""])}${g.digits(g.int(3, 6))}`;
}

const OCR_SWAPS: [RegExp, string][] = [
  [/l/g, "1"],
  [/O/g, "0"],
  [/m/g, "rn"],
  [/e/g, "c"],
  [/ii/g, "u"],
  [/S/g, "5"],
  [/,/g, "."],
  [/h/g, "b"],
];

/** Scanner damage: swapped glyphs, split and merged words, stray marks and broken lines. */
export function ocr(g: Gen, text: string, rate = 0.04): string {
  const words = text.split(/(\s+)/);
  return words
    .map((w) => {
      if (/^\s+$/.test(w)) return g.chance(0.05) ? "\n" : g.chance(0.03) ? "" : w;
      if (!g.chance(rate * 3)) return w;
      const [pattern, replacement] = g.pick(OCR_SWAPS);
      const once = new RegExp(pattern.source);
      const damaged = w.replace(once, replacement);
      return g.chance(0.2) && damaged.length > 5 ? `${damaged.slice(0, 3)} ${damaged.slice(3)}` : damaged;
    })
    .join("")
    .concat(g.maybe(0.3, () => ` ${g.pick(["|", "~", "'", "■", ".."])} ${g.int(1, 4)}/${g.int(4, 9)}`));
}

/** The document pasted into an e-mail, as uploads from mail integrations arrive. */
export function emailWrap(g: Gen, loc: Locale, body: string, subject: string): string {
  const from = person(g, loc);
  const opener = g.pick([
    "Hi, please see below.",
    "Forwarding as discussed.",
    "See the text of the document below, the attachment did not come through.",
    "FYI",
    "Copying the document into the mail body for the archive.",
  ]);
  return `From: ${from}\nSubject: ${g.pick(["Fwd: ", "FW: ", "RE: ", ""])}${subject}\n\n${opener}\n\n${body}\n\n${g.pick(["Regards", "Best", "Thanks", "Kind regards"])},\n${from.split(" ")[0]}`;
}

/** A document cut short, as page one of a multi-page scan. */
export function truncate(g: Gen, text: string): string {
  const paragraphs = text.split("\n\n");
  if (paragraphs.length < 4) return text;
  return paragraphs.slice(0, g.int(Math.ceil(paragraphs.length / 2), paragraphs.length - 1)).join("\n\n");
}
