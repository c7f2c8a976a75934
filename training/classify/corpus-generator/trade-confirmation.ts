import { company, date, type Gen, type Locale, locale, money, number, person } from "./common.ts";
import type { Draft } from "./invoice.ts";

const EQUITIES = [
  ["Apple Inc.", "US0378331005", "AAPL"],
  ["Vodafone Group PLC", "GB00BH4HKS39", "VOD"],
  ["SAP SE", "DE0007164600", "SAP"],
  ["Nestlé SA", "CH0038863350", "NESN"],
  ["TotalEnergies SE", "FR0000120271", "TTE"],
  ["DBS Group Holdings", "SG1L01001701", "D05"],
  ["Reliance Industries", "INE002A01018", "RELIANCE"],
  ["BHP Group", "AU000000BHP4", "BHP"],
  ["Shopify Inc.", "CA82509L1076", "SHOP"],
  ["ASML Holding", "NL0010273215", "ASML"],
  ["Microsoft Corp.", "US5949181045", "MSFT"],
  ["HSBC Holdings", "GB0005405286", "HSBA"],
];
const BONDS = [
  "UK Treasury 4.25% 07/06/2032",
  "US Treasury Note 3.875% 15-Aug-2033",
  "Bund 2.30% 15.02.2033",
  "OAT 3.00% 25/05/2033",
  "Siemens Financieringsmaat 3.5% 2028",
  "Apple Inc 4.421% 05/08/2026",
  "EIB 2.75% 2030 green bond",
];
const VENUES = [
  "XLON",
  "XNYS",
  "XNAS",
  "XETR",
  "XPAR",
  "XSWX",
  "XSES",
  "XNSE",
  "XASX",
  "XTSE",
  "OTC",
  "Turquoise",
  "Cboe Europe",
];

function header(g: Gen, loc: Locale) {
  const broker = company(
    g,
    loc,
    g.pick(["Securities", "Capital Markets", "Brokerage", "Investment Bank", "Wealth Management"]),
  );
  return {
    broker,
    client: g.chance(0.5)
      ? person(g, loc)
      : company(g, loc, g.pick(["Asset Management", "Capital", "Pension Fund"])),
  };
}

function equity(g: Gen): Draft {
  const loc = locale(g);
  const { broker, client } = header(g, loc);
  const [name, isin, ticker] = g.pick(EQUITIES) as [string, string, string];
  const side = g.pick(["BOUGHT", "SOLD", "Purchase", "Sale", "BUY", "SELL"]);
  const qty = g.pick([10, 25, 100, 150, 500, 1200, 5000, 20000]);
  const price = 5 + g.random() * 600;
  const gross = qty * price;
  const text = [
    `${broker}\n${g.pick(["CONTRACT NOTE", "Trade confirmation", "Confirmation of transaction", "Execution confirmation", "Avis d'opéré"])}`,
    `Client: ${client}\nAccount: ${g.letters(2)}${g.digits(7)}\n${g.maybe(0.5, `Order ref: ${g.letters(3)}${g.digits(8)}\n`)}`,
    g.pick([
      `We confirm that we have today ${side.toLowerCase()} on your behalf and subject to the rules of the relevant exchange:`,
      `In accordance with your instructions we have executed the following ${side.toLowerCase()} order:`,
      "Details of your executed trade:",
    ]),
    `Security: ${name} (${ticker})\nISIN: ${isin}\n${side} ${number(loc, qty, 0)} shares @ ${number(loc, price, 4)} ${loc.currency}\nTrade date: ${date(g, loc)}${g.maybe(0.6, ` ${g.int(8, 16)}:${g.digits(2)}:${g.digits(2)}`)}\nSettlement date: ${date(g, loc)} (${g.pick(["T+1", "T+2", "T+2", "T+3"])})\nVenue: ${g.pick(VENUES)}\nCapacity: ${g.pick(["Agent", "Principal", "Riskless principal"])}`,
    `Consideration ${number(loc, gross)}\nCommission ${number(loc, gross * 0.001 + 5)}\n${g.pick(["Stamp duty reserve tax", "SEC fee", "Financial transaction tax", "Exchange fee", "STT", "Clearing fee"])} ${number(loc, gross * 0.002)}\nNet amount ${side.startsWith("S") ? "due to you" : "due from you"}: ${loc.currency} ${number(loc, gross * (side.startsWith("S") ? 0.997 : 1.003))}`,
    g.pick([
      "Settlement will be made against your custody account unless we hear from you.",
      "Please check the details immediately and inform us of any discrepancy within 24 hours, otherwise this confirmation is deemed accepted.",
      "This transaction was executed under our order execution policy. Details of venues used are available on request.",
      `Settle DVP via ${g.pick(["CREST", "DTC", "Clearstream", "Euroclear", "CDP", "NSDL"])} participant ${g.digits(5)}.`,
    ]),
  ];
  return { text: text.filter(Boolean).join("\n\n"), subject: `Trade confirmation ${ticker}` };
}

function fx(g: Gen): Draft {
  const loc = locale(g);
  const { broker, client } = header(g, loc);
  // Roughly where each pair has traded, so a confirmation's rate is believable.
  const pairs: [string, number][] = [
    ["EUR/USD", 1.08],
    ["GBP/USD", 1.27],
    ["USD/JPY", 148],
    ["USD/CHF", 0.88],
    ["EUR/GBP", 0.85],
    ["AUD/USD", 0.66],
    ["USD/SGD", 1.34],
    ["USD/INR", 83.2],
    ["EUR/CHF", 0.95],
    ["USD/CAD", 1.36],
  ];
  const [pair, mid] = g.pick(pairs);
  const [base, quote] = pair.split("/") as [string, string];
  const rate = mid * (0.96 + g.random() * 0.08);
  const notional = g.pick([250000, 1000000, 5000000, 12500000, 40000]);
  const text = `${g.pick(["FX CONFIRMATION", "Foreign exchange deal confirmation", "Confirmation: FX spot", "Confirmation: FX forward", "FX swap confirmation"])}\n\nFrom: ${broker}\nTo: ${client}\nOur reference: FX${g.digits(9)}\n\nTrade date: ${date(g, loc)}\nValue date: ${date(g, loc)}\nCurrency pair: ${pair}\n${g.pick(["We buy", "You buy", "Party A buys"])}: ${base} ${number(loc, notional)}\n${g.pick(["We sell", "You sell", "Party B buys"])}: ${quote} ${number(loc, notional * rate)}\nExchange rate: ${number(loc, rate, 5)}\n${g.maybe(0.5, `Forward points: ${g.int(-90, 90)}\n`)}\nOur settlement instructions: ${quote} to ${g.pick(["JPMorgan Chase NY", "Deutsche Bank Frankfurt", "HSBC London", "Citibank Singapore"])}, SWIFT ${g.letters(4)}${g.letters(2)}${g.letters(2)}\nYour settlement instructions: standing SSI on file\n\n${g.pick(
    [
      "This confirmation is governed by the 1998 FX and Currency Option Definitions and the ISDA Master Agreement between us.",
      "Please sign and return, or confirm electronically via the matching platform, within one business day.",
      "Deal done on recorded line with your dealer.",
    ],
  )}`;
  return { text, subject: `FX ${pair}` };
}

function swap(g: Gen): Draft {
  const loc = locale(g);
  const { broker, client } = header(g, loc);
  const index = g.pick([
    "USD-SOFR-COMPOUND",
    "EUR-EURIBOR-Reuters 6M",
    "GBP-SONIA-COMPOUND",
    "CHF-SARON-OIS-COMPOUND",
    "SGD-SORA-COMPOUND",
  ]);
  const notional = g.pick([10, 25, 50, 100, 250]) * 1000000;
  const text = `Date: ${date(g, loc)}\nTo: ${client}\nFrom: ${broker}\nRe: ${g.pick(["Interest Rate Swap Transaction", "Swap Transaction", "Cross Currency Swap"])} – Reference ${g.letters(2)}${g.digits(7)}\n\nDear Sir or Madam,\n\nThe purpose of this letter agreement is to confirm the terms and conditions of the Transaction entered into between us on the Trade Date specified below. This Confirmation constitutes a "Confirmation" as referred to in, and supplements, forms part of and is subject to, the ISDA Master Agreement dated as of ${date(g, loc, 2008, 2020)} between us.\n\nThe definitions contained in the ${g.pick(["2006", "2021"])} ISDA Definitions are incorporated into this Confirmation.\n\n1. General terms\nTrade Date: ${date(g, loc)}\nEffective Date: ${date(g, loc)}\nTermination Date: ${date(g, loc, 2027, 2040)}\nNotional Amount: ${loc.currency} ${number(loc, notional, 0)}\nBusiness Days: ${g.pick(["New York and London", "TARGET", "London", "Zurich", "Singapore"])}\n\n2. Fixed Amounts\nFixed Rate Payer: ${g.pick(["Party A", "Party B", "Counterparty"])}\nFixed Rate: ${number(loc, 1 + g.random() * 4, 4)}%\nFixed Rate Day Count Fraction: ${g.pick(["30/360", "Actual/365 (Fixed)", "30E/360"])}\nPayment Dates: ${g.pick(["semi-annually", "annually", "quarterly"])}, subject to the Modified Following Business Day Convention\n\n3. Floating Amounts\nFloating Rate Option: ${index}\nSpread: ${g.pick(["None", "plus 0.15%", "minus 0.05%"])}\nFloating Rate Day Count Fraction: Actual/360\nReset Dates: first day of each Calculation Period\n\n4. Calculation Agent: ${g.pick(["Party A", broker])}\n\n5. Account details: as per standing settlement instructions.\n\nPlease confirm that the foregoing correctly sets forth the terms of our agreement by signing and returning this Confirmation.\n\nYours faithfully,\n${broker}\nBy: ${person(g, loc)}, Authorised Signatory`;
  return { text, subject: "Swap confirmation" };
}

function bond(g: Gen): Draft {
  const loc = locale(g);
  const { broker, client } = header(g, loc);
  const nominal = g.pick([50000, 100000, 250000, 1000000, 3000000]);
  const price = 88 + g.random() * 20;
  const text = `${broker} | Fixed income trade confirmation\n\nCounterparty: ${client}\nDirection: ${g.pick(["Client buys", "Client sells", "We sell to you", "We buy from you"])}\nInstrument: ${g.pick(BONDS)}\nNominal: ${loc.currency} ${number(loc, nominal, 0)}\nClean price: ${number(loc, price, 3)}\nAccrued interest (${g.int(1, 180)} days): ${number(loc, nominal * 0.01 * g.random())}\nYield to maturity: ${number(loc, 2 + g.random() * 3, 3)}%\nSettlement amount: ${loc.currency} ${number(loc, (nominal * price) / 100)}\nTrade date ${date(g, loc)}, settlement ${date(g, loc)} via ${g.pick(["Euroclear", "Clearstream", "Fedwire", "CREST"])}\n${g.maybe(0.5, `Trader: ${person(g, loc)}\n`)}${g.maybe(0.5, "MiFID II: executed OTC; post-trade transparency report published by us as systematic internaliser.")}`;
  return { text, subject: "Bond trade" };
}

function brief(g: Gen): Draft {
  const loc = locale(g);
  const [name, , ticker] = g.pick(EQUITIES) as [string, string, string];
  const qty = g.int(1, 900);
  const text = g.pick([
    () =>
      `Order executed: ${g.pick(["Buy", "Sell"])} ${qty} ${ticker} (${name}) at ${money(g, loc, 5, 600, "code")} on ${date(g, loc)}. Commission ${money(g, loc, 0, 15, "code")}. The trade will settle on ${date(g, loc)}. View the full confirmation in your account documents.`,
    () =>
      `Your ${g.pick(["limit", "market", "stop"])} order ${g.digits(9)} has been filled.\n${g.pick(["Bought", "Sold"])}: ${qty} x ${name}\nAverage price: ${money(g, loc, 5, 600)}\nTotal ${money(g, loc, 100, 90000)} incl. fees\nSettlement: T+${g.int(1, 2)}`,
    () =>
      `Confirmation of fund dealing: ${g.pick(["subscription", "redemption", "switch"])} of ${number(loc, g.random() * 5000, 3)} units in ${g.pick(["Global Equity Fund Acc", "Sterling Corporate Bond Fund Inc", "Emerging Markets Index Fund", "Money Market Fund"])} at NAV ${number(loc, 1 + g.random() * 300, 4)} dealt ${date(g, loc)}. Consideration ${money(g, loc, 100, 90000)}. Initial charge waived.`,
  ])();
  return { text, subject: "Order executed" };
}

function derivative(g: Gen): Draft {
  const loc = locale(g);
  const { broker, client } = header(g, loc);
  const [contract, exchange] = g.pick([
    ["E-mini S&P 500 Dec", "CME"],
    ["Euro Stoxx 50 Future Mar", "Eurex"],
    ["Brent Crude Future Jun", "ICE Futures Europe"],
    ["FTSE 100 Index Option Call 8000 Sep", "ICE Futures Europe"],
    ["Bund Future Dec", "Eurex"],
    ["Nifty 50 Put 22000 weekly", "NSE"],
    ["SGX Nikkei 225 Future Mar", "SGX"],
  ] as const);
  const text = `${broker}\nDaily confirmation – listed derivatives\nAccount ${client} / ${g.digits(6)}\n\nTrade date ${date(g, loc)}\n${g.pick(["BUY", "SELL"])} ${g.int(1, 200)} ${contract} @ ${number(loc, 50 + g.random() * 5000, 2)}\nExchange: ${exchange}\nPremium / margin: ${money(g, loc, 100, 400000)}\nExecution fee ${money(g, loc, 1, 90)}  Clearing fee ${money(g, loc, 1, 50)}\nOpen position after trade: ${g.int(-50, 300)} lots\nGive-up to clearing broker: ${company(g, loc)}\n\nDiscrepancies must be notified on the trade date.`;
  return { text, subject: "Derivatives confirmation" };
}

export const tradeConfirmationBuilders = [equity, equity, fx, swap, bond, brief, derivative];
