import {
  address,
  company,
  date,
  type Gen,
  iban,
  type Locale,
  locale,
  money,
  number,
  person,
  ref,
} from "./common.ts";

export interface Draft {
  text: string;
  subject: string;
}

const ITEMS: Record<string, [string, number, number][]> = {
  consulting: [
    ["Strategy workshop facilitation (day rate)", 900, 2400],
    ["Regulatory gap analysis – phase 1", 3000, 12000],
    ["Senior consultant hours", 120, 260],
    ["Project management", 80, 180],
    ["Travel and subsistence (at cost)", 50, 900],
  ],
  software: [
    ["Annual subscription – Professional plan", 1200, 24000],
    ["Additional user seats", 10, 60],
    ["Implementation and onboarding", 1500, 8000],
    ["Premium support (12 months)", 900, 5000],
    ["API overage – 1.2M calls", 40, 600],
  ],
  goods: [
    ["Stainless steel fasteners M8 (box of 500)", 18, 60],
    ['Hydraulic hose assembly 1/2"', 25, 140],
    ["Pallet of A4 copy paper 80gsm", 150, 420],
    ["LED panel light 600x600 40W", 22, 75],
    ["Delivery and handling", 15, 250],
    ["Industrial gloves, nitrile, size L", 4, 12],
  ],
  services: [
    ["Office cleaning – monthly contract", 600, 3200],
    ["Window cleaning (external)", 120, 600],
    ["Security guarding, 168 hrs", 2500, 6000],
    ["HVAC quarterly maintenance visit", 300, 1400],
    ["Waste collection and recycling", 90, 450],
  ],
  legal: [
    ["Professional fees re: share purchase agreement", 4000, 30000],
    ["Disbursements – court fees", 100, 2000],
    ["Review of lease and title documents", 800, 5000],
    ["Companies House filing fee", 10, 100],
  ],
  creative: [
    ["Logo concepts (3 rounds)", 400, 2500],
    ["Photography – half day shoot", 350, 1200],
    ["Copywriting, website (12 pages)", 600, 3000],
    ["Licensed stock images", 20, 300],
  ],
};

const TAX: [string, number][] = [
  ["VAT", 20],
  ["VAT", 19],
  ["TVA", 20],
  ["MwSt.", 19],
  ["GST", 9],
  ["GST", 18],
  ["GST", 10],
  ["Sales tax", 8.875],
  ["BTW", 21],
  ["VAT", 5],
  ["MWST", 8.1],
];

function lines(g: Gen, loc: Locale) {
  const kind = g.pick(Object.keys(ITEMS));
  const items = g.some(ITEMS[kind] ?? [], 1, 5).map(([label, lo, hi]) => {
    const qty = g.pick([1, 1, 1, 2, 3, 4, 5, 8, 10, 12, 20, 40]);
    const unit = Math.round((lo + g.random() * (hi - lo)) * 100) / 100;
    return { label, qty, unit, total: Math.round(qty * unit * 100) / 100 };
  });
  const subtotal = items.reduce((s, i) => s + i.total, 0);
  const [taxName, rate] = g.pick(TAX);
  const tax = Math.round(subtotal * rate) / 100;
  const fmt = (v: number) => `${loc.currency} ${number(loc, v)}`;
  return { kind, items, subtotal, taxName, rate, tax, total: subtotal + tax, fmt };
}

function formal(g: Gen): Draft {
  const loc = locale(g);
  const seller = company(g, loc);
  const buyer = company(g, g.chance(0.3) ? locale(g) : loc);
  const no = ref(g, g.pick(["INV", "IN", "RE", "FAC", "SI", ""]));
  const l = lines(g, loc);
  const header = g.pick([
    "INVOICE",
    "Tax Invoice",
    "Invoice",
    "COMMERCIAL INVOICE",
    "Rechnung / Invoice",
    "Facture / Invoice",
    "VAT INVOICE",
  ]);
  const table = g.chance(0.5)
    ? `Description | Qty | Unit price | Amount\n${l.items.map((i) => `${i.label} | ${i.qty} | ${number(loc, i.unit)} | ${number(loc, i.total)}`).join("\n")}`
    : l.items
        .map((i, n) => `${n + 1}. ${i.label}\n   ${i.qty} x ${l.fmt(i.unit)} = ${l.fmt(i.total)}`)
        .join("\n");
  const terms = g.pick([
    `Payment terms: net ${g.pick([14, 30, 45, 60])} days.`,
    `Payable within ${g.pick([7, 10, 14, 30])} days of the invoice date without deduction.`,
    "Due on receipt.",
    `Please pay by ${date(g, loc, 2024, 2026)}. Late payments accrue interest at ${g.pick([2, 4, 8])}% above base rate under applicable late payment legislation.`,
    `2% discount if paid within 10 days, otherwise net 30.`,
  ]);
  const bank = g.pick([
    `Bank transfer to ${g.pick(["Barclays", "Deutsche Bank", "BNP Paribas", "DBS", "HSBC", "Chase", "ING", "UBS", "ICICI Bank"])}, IBAN/Account ${iban(g, loc)}, quoting the invoice number as reference.`,
    `Remit to account ${g.digits(8)}, sort/routing ${g.digits(6)}. Reference: ${no}.`,
    `Payment by card via the link in the accompanying email, or by wire to ${iban(g, loc)}.`,
  ]);
  const parts = [
    header,
    `${seller}\n${address(g, loc)}${g.maybe(0.7, `\n${loc.taxId === "Steuer-ID" ? "USt-IdNr." : "VAT/Tax reg. no."} ${g.letters(2)}${g.digits(9)}`)}`,
    `${g.pick(["Bill to", "Invoice to", "Customer", "Billed to", "Sold to"])}:\n${buyer}\n${g.maybe(0.6, `Attn: ${person(g, loc)}, Accounts Payable\n`)}${address(g, loc)}`,
    `Invoice number: ${no}\nInvoice date: ${date(g, loc, 2022, 2026)}${g.maybe(0.6, `\nDue date: ${date(g, loc, 2022, 2026)}`)}${g.maybe(0.5, `\nPurchase order: PO-${g.digits(6)}`)}${g.maybe(0.3, `\nSupply date: ${date(g, loc)}`)}`,
    table,
    `Subtotal: ${l.fmt(l.subtotal)}\n${l.taxName} ${l.rate}%: ${l.fmt(l.tax)}\n${g.pick(["Total due", "TOTAL", "Amount due", "Balance due", "Invoice total"])}: ${l.fmt(l.total)}`,
    terms,
    bank,
    g.maybe(
      0.4,
      g.pick([
        "Thank you for your business.",
        "Goods remain our property until paid in full.",
        "Reverse charge: customer to account for VAT (Article 196 Directive 2006/112/EC).",
        "Queries about this invoice must be raised within 14 days.",
        `Registered in ${loc.country}, company no. ${g.digits(8)}.`,
      ]),
    ),
  ];
  if (g.chance(0.35)) parts.push(conditions(g));
  return { text: parts.filter(Boolean).join("\n\n"), subject: `Invoice ${no}` };
}

// The small print many suppliers put under the invoice, which makes a one-page invoice.
function conditions(g: Gen): string {
  const clauses = g.some(
    [
      "Prices are quoted exclusive of value added tax, which is charged at the rate in force at the tax point.",
      "Title to the goods passes to the buyer only when payment has been received in full; risk passes on delivery.",
      "Shortages or damage must be notified in writing within three working days of delivery, failing which the goods are deemed accepted.",
      "We reserve the right to charge interest on overdue amounts and to recover reasonable costs of collection.",
      "Any dispute about part of this invoice does not entitle the customer to withhold payment of the undisputed balance.",
      "Returned goods are accepted only with a returns authorisation number and may be subject to a restocking fee of 15%.",
      "Services are invoiced monthly in arrears on the basis of time sheets approved by the customer.",
      "Please notify us of any change to your invoicing address or purchase order requirements.",
      "Bank charges for international transfers are for the payer's account; the full invoice amount must be received.",
    ],
    4,
    7,
  );
  return `${g.pick(["Terms and conditions of sale", "Conditions", "Small print"])}\n${clauses.map((c, i) => `${i + 1}. ${c}`).join("\n")}`;
}

function covering(g: Gen): Draft {
  const loc = locale(g);
  const name = person(g, loc);
  const no = ref(g, "#");
  const amount = money(g, loc, 200, 40000);
  const what = g.pick([
    "the advisory work delivered in",
    "licences and support for",
    "the maintenance visits carried out in",
    "translation services provided in",
    "the event catering we supplied in",
    "freight from Rotterdam to Felixstowe shipped in",
  ]);
  const text = g.pick([
    () =>
      `Dear ${name},\n\nPlease find below our invoice ${no} for ${what} ${g.pick(["March", "Q2", "the last month", "October and November"])}. The amount of ${amount} (including ${g.pick(["VAT", "GST", "sales tax"])}) is due ${g.pick(["within 30 days", "by the end of the month", "on receipt"])}.\n\nItemised: ${g.pick(["12 hours at the agreed hourly rate", "3 site visits plus parts", "2,400 words plus proofreading", "one container, door to door"])}; expenses billed at cost with receipts attached.\n\nPayment details are unchanged: ${iban(g, loc)}. Please use ${no} as the payment reference so our accounts team can match it.\n\nMany thanks,\n${person(g, loc)}\n${company(g, loc)}`,
    () =>
      `Invoice ${no} – ${company(g, loc)}\nTo: ${name}\nFor: ${what} ${g.pick(["January", "the spring term", "week 32"])}\nAmount payable: ${amount}\nTerms: ${g.pick(["14 days", "net 30", "payment on delivery"])}\nThis invoice was issued electronically and is valid without signature.`,
  ])();
  return { text, subject: `Invoice ${no}` };
}

function subscription(g: Gen): Draft {
  const loc = locale(g);
  const vendor = company(g, loc, g.pick(["Cloud", "Software", "Analytics", "Telecom"]));
  const period = `${date(g, loc, 2024, 2026)} – ${date(g, loc, 2024, 2026)}`;
  const seats = g.int(2, 400);
  const text = `${vendor}\n${g.pick(["Receipt & invoice", "Billing statement / invoice", "Your invoice"])} ${ref(g, "")}\n\nAccount: ${company(g, locale(g))}\nBilling period: ${period}\nPlan: ${g.pick(["Business", "Enterprise", "Team", "Growth"])} (${g.pick(["monthly", "annual"])})\nSeats: ${seats}\nUsage: ${g.int(10, 900)} GB storage, ${g.int(1, 90)}k API requests\n\nCharges ${money(g, loc, 20, 30000, "code")}\nCredits applied -${money(g, loc, 0, 200, "code")}\nTax ${money(g, loc, 1, 3000, "code")}\nAmount due ${money(g, loc, 20, 33000, "code")}\n\n${g.pick(
    [
      `This amount will be charged automatically to the ${g.pick(["Visa", "Mastercard", "Amex"])} card ending ${g.digits(4)} on ${date(g, loc)}.`,
      "Pay by bank transfer within 30 days; the account will be suspended after 45 days overdue.",
      "Paid in full by direct debit. No action required.",
    ],
  )}\n${g.maybe(0.5, "Questions about your bill? Contact billing support from the admin console.")}`;
  return { text, subject: "Your invoice" };
}

function freelancer(g: Gen): Draft {
  const loc = locale(g);
  const me = person(g, loc);
  const days = g.int(1, 20);
  const rate = money(g, loc, 200, 900, "symbol");
  const text = `${g.pick(["invoice", "INVOICE no.", "Invoice #"])} ${g.int(1, 240)}\n\nfrom: ${me}, ${g.pick(["freelance illustrator", "independent data engineer", "copy editor", "sound technician", "interpreter", "UX researcher"])}\n${address(g, loc)}\n\nto: ${company(g, loc)}\n\nwork done: ${g.pick(["illustrations for the annual report", "migration of reporting pipelines", "editing of the autumn catalogue", "live sound for the product launch", "interpreting at the supplier audit", "usability study, 8 participants"])}\n${days} day(s) @ ${rate}/day\n${g.maybe(0.5, `mileage ${g.int(20, 400)} miles @ 0.45\n`)}\ntotal to pay: ${money(g, loc, 300, 18000, "symbol")}\n${g.pick(["not VAT registered", "VAT not applicable, art. 293 B du CGI", "Kleinunternehmer gem. § 19 UStG – keine Umsatzsteuer", "GST included"])}\n\nplease pay into ${iban(g, loc)} within ${g.pick([7, 14, 21, 30])} days. thanks!`;
  return { text, subject: "invoice" };
}

function proforma(g: Gen): Draft {
  const loc = locale(g);
  const l = lines(g, loc);
  const kind = g.pick([
    "PRO FORMA INVOICE",
    "Credit note",
    "Debit note",
    `Corrective invoice (correcting invoice no. ${ref(g, "FV")})`,
  ]);
  const text = `${kind}\nNo. ${ref(g, "PF")}\nIssued: ${date(g, loc)}\nSupplier: ${company(g, loc)}\nCustomer: ${company(g, locale(g))}\n${g.pick(["Incoterms: FOB Shanghai", "Incoterms: DAP Hamburg", "Incoterms: EXW", `Country of origin: ${loc.country}`])}\n\n${l.items.map((i) => `- ${i.label}: ${i.qty} @ ${number(loc, i.unit)} = ${number(loc, i.total)}`).join("\n")}\n\nNet ${l.fmt(l.subtotal)}, ${l.taxName} ${l.fmt(l.tax)}, gross ${l.fmt(l.total)}.\n${g.pick(
    [
      "Advance payment of 50% required before shipment; balance against copy of bill of lading.",
      "This credit note reduces the amount owed on the original invoice; it will be offset against your next payment.",
      "The original invoice stated the wrong VAT rate; this document replaces it for tax purposes.",
      "Valid for 30 days. Prices ex works, excluding duties and customs clearance.",
    ],
  )}`;
  return { text, subject: kind };
}

function reminder(g: Gen): Draft {
  const loc = locale(g);
  const no = ref(g, "INV");
  const amount = money(g, loc, 100, 60000);
  const text = `${g.pick(["Payment reminder", "Second reminder", "FINAL NOTICE – overdue invoice", "Statement of outstanding invoices"])}\n\n${company(g, loc)}\nAccounts receivable\n\nTo ${company(g, loc)}\n\nOur records show that invoice ${no} dated ${date(g, loc)} for ${amount} remains unpaid ${g.int(5, 90)} days after its due date. ${g.pick(
    [
      "If payment has already been made, please disregard this notice and send us the remittance advice.",
      "Please settle the balance within 7 days to avoid a late payment fee and suspension of deliveries.",
      "Statutory interest and a fixed recovery charge have been added as shown below.",
    ],
  )}\n\nInvoice ${no}   ${amount}\n${g.maybe(0.6, `Invoice ${ref(g, "INV")}   ${money(g, loc, 50, 9000)}\n`)}Late payment charge   ${money(g, loc, 10, 150)}\nTotal outstanding   ${money(g, loc, 200, 70000)}\n\nPay to: ${iban(g, loc)}`;
  return { text, subject: "Invoice reminder" };
}

function utility(g: Gen): Draft {
  const loc = locale(g);
  const text = `${company(g, loc, g.pick(["Energy", "Water", "Telecom"]))}\n${g.pick(["Your electricity bill", "Water and sewerage invoice", "Mobile & broadband invoice", "Gas bill"])}\nCustomer account ${g.digits(10)} | Invoice ${g.digits(9)} | Issue date ${date(g, loc)}\n\n${person(g, loc)}\n${address(g, loc)}\n\nPrevious balance ${money(g, loc, 0, 300)}\nPayment received, thank you -${money(g, loc, 0, 300)}\nStanding charge ${g.int(28, 95)} days x ${number(loc, 0.2 + g.random(), 4)}\nUnits used ${g.int(120, 4800)} kWh (meter read ${g.pick(["actual", "estimated"])}: ${g.digits(6)} → ${g.digits(6)})\n${g.pick(["VAT 5%", "GST", "tax"])} ${money(g, loc, 2, 90)}\nTotal amount due ${money(g, loc, 30, 900)}\n\nWe will collect this by direct debit on or after ${date(g, loc)}. ${g.maybe(0.5, "Switching tariff could save you money – see your annual summary.")}`;
  return { text, subject: "Your bill" };
}

export const invoiceBuilders = [
  formal,
  formal,
  formal,
  covering,
  subscription,
  freelancer,
  proforma,
  reminder,
  utility,
];
