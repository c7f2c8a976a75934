import {
  address,
  company,
  type DateParts,
  dateParts,
  formatDate,
  type Gen,
  iban,
  type Locale,
  locale,
  money,
  monthName,
  number,
  person,
} from "./common.ts";
import type { Draft } from "./invoice.ts";

const BANKS = [
  "Barclays Bank UK PLC",
  "Lloyds Bank",
  "NatWest",
  "HSBC UK",
  "Monzo Bank",
  "Chase",
  "Bank of America, N.A.",
  "Wells Fargo",
  "Deutsche Bank AG",
  "Commerzbank",
  "Sparkasse KölnBonn",
  "BNP Paribas",
  "Crédit Agricole",
  "UBS Switzerland AG",
  "DBS Bank Ltd",
  "OCBC Bank",
  "HDFC Bank",
  "State Bank of India",
  "Commonwealth Bank",
  "Westpac",
  "RBC Royal Bank",
  "TD Canada Trust",
  "ING Bank N.V.",
  "ABN AMRO",
  "Emirates NBD",
  "Standard Bank",
  "FNB",
];

const DEBITS = [
  "CARD PAYMENT TO TESCO STORES",
  "DIRECT DEBIT BRITISH GAS",
  "STANDING ORDER RENT",
  "ATM WITHDRAWAL",
  "POS AMAZON MKTPLACE",
  "UBER *TRIP",
  "NETFLIX.COM",
  "DD COUNCIL TAX",
  "LOAN REPAYMENT",
  "MORTGAGE PAYMENT",
  "SEPA LASTSCHRIFT VODAFONE",
  "FASTER PAYMENT TO J SMITH",
  "CHQ 000412",
  "BILL PAYMENT VISA CARD",
  "INSURANCE PREMIUM",
  "GYM MEMBERSHIP",
  "PAYROLL BATCH",
  "SUPPLIER PAYMENT INV 20931",
  "HMRC VAT",
  "IRS USATAXPYMT",
  "Überweisung Miete",
  "PRLV SEPA EDF",
  "CARTE SNCF",
  "NETS SHENG SIONG",
  "UPI/PAYTM",
  "EFTPOS WOOLWORTHS",
  "INTERAC E-TRANSFER",
  "MONTHLY ACCOUNT FEE",
  "FOREIGN TXN FEE",
  "WIRE OUT REF 88213",
];
const CREDITS = [
  "SALARY",
  "BANK GIRO CREDIT",
  "TRANSFER FROM SAVINGS",
  "INTEREST",
  "REFUND AMAZON",
  "CASH DEPOSIT",
  "CUSTOMER PAYMENT",
  "SEPA GUTSCHRIFT",
  "VIR SEPA RECU",
  "DIVIDEND",
  "TAX REFUND",
  "INWARD REMITTANCE",
  "GIRO CREDIT",
  "CHQ DEPOSIT",
];

function transactions(g: Gen, loc: Locale, start: DateParts, count: number, opening: number) {
  let balance = opening;
  const rows: string[] = [];
  let day = start.d;
  for (let i = 0; i < count; i++) {
    day = Math.min(28, day + g.int(0, 3));
    const credit = g.chance(0.28);
    const amount =
      Math.round((credit ? 200 + g.random() * 4000 : 3 + g.random() * (g.chance(0.1) ? 2500 : 180)) * 100) /
      100;
    balance += credit ? amount : -amount;
    const description = credit
      ? `${g.pick(CREDITS)} ${g.pick([company(g, loc), "", g.digits(6)])}`
      : g.pick(DEBITS);
    const d = formatDate(
      g,
      { ...loc, dateStyle: loc.dateStyle === "mdy" ? "mdy" : "dmy" },
      { ...start, d: day },
    );
    rows.push(
      g.chance(0.5)
        ? `${d}  ${description.trim()}  ${credit ? "" : number(loc, amount)}  ${credit ? number(loc, amount) : ""}  ${number(loc, balance)}`
        : `${d} | ${description.trim()} | ${credit ? "+" : "-"}${number(loc, amount)} | ${number(loc, balance)}`,
    );
  }
  return { rows, closing: balance };
}

function current(g: Gen): Draft {
  const loc = locale(g);
  const bank = g.pick(BANKS);
  const holder = g.chance(0.7) ? person(g, loc) : company(g, loc);
  const start = dateParts(g, 2021, 2026);
  const opening = Math.round(g.random() * 12000 * 100) / 100 - (g.chance(0.15) ? 1500 : 0);
  const { rows, closing } = transactions(g, loc, start, g.int(4, 22), opening);
  const heading = g.pick([
    "Statement of account",
    "Your statement",
    "Current account statement",
    "Kontoauszug / Account statement",
    "Relevé de compte",
    "ACCOUNT STATEMENT",
    "Monthly statement",
  ]);
  const text = [
    `${bank}\n${heading}${g.maybe(0.5, ` no. ${g.int(1, 12)}/${start.y}`)}`,
    `${holder}\n${address(g, loc)}`,
    `Account ${g.pick(["number", "no."])}: ${g.digits(8)}${g.maybe(0.5, `   Sort code ${g.digits(2)}-${g.digits(2)}-${g.digits(2)}`)}\nIBAN: ${iban(g, loc)}${g.maybe(0.4, `\nBIC: ${g.letters(6)}${g.letters(2)}`)}\nStatement period: ${monthName(start.m)} ${start.y}${g.maybe(0.5, ` (${formatDate(g, loc, start)} to ${formatDate(g, loc, { ...start, d: 28 })})`)}`,
    `${g.pick(["Opening balance", "Balance brought forward", "Previous balance", "Alter Kontostand"])}: ${number(loc, opening)} ${loc.currency}`,
    `${g.pick(["Date  Description  Paid out  Paid in  Balance", "Date | Details | Amount | Balance", "Booking date  Transaction  Debit  Credit  Balance"])}\n${rows.join("\n")}`,
    `${g.pick(["Closing balance", "Balance carried forward", "New balance", "Ending balance"])}: ${number(loc, closing)} ${loc.currency}`,
    g.maybe(
      0.6,
      g.pick([
        `Your arranged overdraft limit is ${money(g, loc, 250, 5000)}. Overdraft interest ${g.int(15, 40)}.${g.int(0, 9)}% EAR variable.`,
        "Your eligible deposits are protected up to the statutory limit by the national deposit guarantee scheme.",
        "Please check this statement and tell us about any entry you do not recognise as soon as possible.",
        `Interest paid this period: ${money(g, loc, 0, 20)} gross. AER ${g.int(0, 4)}.${g.int(0, 99)}%.`,
        "Rechnungsabschluss: Bitte erheben Sie Einwendungen gegen einzelne Buchungen unverzüglich.",
      ]),
    ),
  ];
  return { text: text.filter(Boolean).join("\n\n"), subject: heading };
}

function business(g: Gen): Draft {
  const loc = locale(g);
  const start = dateParts(g, 2021, 2026);
  const credits = g.int(3, 220);
  const debits = g.int(5, 480);
  const text = `${g.pick(BANKS)} – ${g.pick(["Business banking", "Corporate account services", "Commercial banking"])}\n\n${company(g, loc)}\nAccount summary for ${monthName(start.m)} ${start.y}\nAccount: ${iban(g, loc)} (${g.pick(["Business current account", "Operating account", "Treasury account", `Multi-currency account – ${loc.currency} wallet`])})\n\nOpening balance ${money(g, loc, 1000, 900000, "code")}\nTotal credits (${credits}) ${money(g, loc, 1000, 2000000, "code")}\nTotal debits (${debits}) ${money(g, loc, 1000, 2000000, "code")}\nFees and charges ${money(g, loc, 5, 900, "code")}\nClosing balance ${money(g, loc, 1000, 900000, "code")}\nAverage ledger balance ${money(g, loc, 1000, 900000, "code")}\n\n${g.pick(
    [
      "Largest items: incoming payments from customers settling invoices, outgoing payroll run on the 25th, VAT payment to the tax authority.",
      "Detailed transaction listing follows on pages 2 to 6.",
      `Cheques returned unpaid: ${g.int(0, 3)}. Standing orders active: ${g.int(1, 14)}.`,
      "Interest on credit balances is paid quarterly; see our rate sheet.",
    ],
  )}\n${g.maybe(0.5, `Relationship manager: ${person(g, loc)}`)}`;
  return { text, subject: "Account summary" };
}

function card(g: Gen): Draft {
  const loc = locale(g);
  const start = dateParts(g, 2021, 2026);
  const { rows } = transactions(g, loc, start, g.int(3, 14), 0);
  const text = `${g.pick(BANKS)} ${g.pick(["Visa Platinum", "Mastercard World", "Rewards credit card", "Cashback card"])} statement\n${person(g, loc)}\nCard number ending ${g.digits(4)}\nStatement date ${formatDate(g, loc, start)}\n\nPrevious balance ${money(g, loc, 0, 4000)}\nPayments and credits ${money(g, loc, 0, 4000)}\nPurchases ${money(g, loc, 10, 5000)}\nInterest charged ${money(g, loc, 0, 90)}\nNew balance ${money(g, loc, 10, 6000)}\nCredit limit ${money(g, loc, 1000, 20000)} | Available credit ${money(g, loc, 100, 20000)}\n\nMinimum payment due ${money(g, loc, 25, 200)} by ${formatDate(g, loc, { ...start, m: (start.m % 12) + 1 })}\n\nTransactions\n${rows.join("\n")}\n\nIf you make only the minimum payment each period, you will pay more in interest and it will take longer to pay off your balance. Purchase rate ${g.int(17, 34)}.${g.int(0, 9)}% APR.`;
  return { text, subject: "Card statement" };
}

function savings(g: Gen): Draft {
  const loc = locale(g);
  const y = g.int(2020, 2025);
  const text = `${g.pick(BANKS)}\n${g.pick(["Annual savings statement", "Fixed-term deposit statement", "ISA statement", "Savings account – yearly summary"])} ${y}\n\nDear ${person(g, loc)},\n\nHere is the summary of your ${g.pick(["instant access saver", "1-year fixed rate bond", "cash ISA", "Tagesgeldkonto", "Livret A"])} account ending ${g.digits(4)} for the period 1 January ${y} to 31 December ${y}.\n\nBalance on 1 January: ${money(g, loc, 100, 80000)}\nDeposits: ${money(g, loc, 0, 20000)}\nWithdrawals: ${money(g, loc, 0, 15000)}\nInterest credited: ${money(g, loc, 1, 3000)} (rate ${g.int(0, 5)}.${g.int(0, 99)}% AER)\nTax withheld: ${money(g, loc, 0, 300)}\nBalance on 31 December: ${money(g, loc, 100, 90000)}\n\n${g.pick(
    [
      "Keep this statement for your tax return.",
      "Your fixed term matures next year; we will write to you with your options beforehand.",
      "No action is needed. The interest rate on this account is variable.",
    ],
  )}`;
  return { text, subject: "Savings statement" };
}

function mini(g: Gen): Draft {
  const loc = locale(g);
  const start = dateParts(g, 2022, 2026);
  const { rows, closing } = transactions(g, loc, start, g.int(3, 8), g.random() * 3000);
  const text = `${g.pick(["MINI STATEMENT", "Recent transactions", "e-statement", "Transaction history export"])}\n${g.pick(BANKS)}\nA/C ${"X".repeat(g.int(4, 8))}${g.digits(4)}\nAs at ${formatDate(g, loc, start)} ${g.int(8, 22)}:${g.digits(2)}\n\n${rows.join("\n")}\n\nAVAILABLE BAL ${number(loc, closing)}\nLEDGER BAL ${number(loc, closing)}`;
  return { text, subject: "Recent transactions" };
}

function letterStyle(g: Gen): Draft {
  const loc = locale(g);
  const text = `${g.pick(BANKS)}\n${address(g, loc)}\n\n${person(g, loc)}\n\nConfirmation of balance / account statement\n\nWe confirm that as at close of business on ${formatDate(g, loc, dateParts(g))} the following accounts held by ${g.pick([person(g, loc), company(g, loc)])} showed these balances:\n\n${Array.from({ length: g.int(1, 4) }, () => `${g.pick(["Current account", "Savings account", "Call deposit", "Loan account"])} ${g.digits(8)}   ${money(g, loc, -5000, 250000, "code")}`).join("\n")}\n\nMovements during the period are listed in the enclosed transaction schedule. This statement is issued at the request of the account holder ${g.pick(["for the purposes of the annual audit", "in support of a visa application", "for a mortgage application", ""])}.\n\n${g.pick(["Yours faithfully", "Sincerely"])},\n${person(g, loc)}\nBranch operations`;
  return { text, subject: "Balance confirmation" };
}

export const bankStatementBuilders = [current, current, current, business, card, savings, mini, letterStyle];
