import { address, company, date, type Gen, type Locale, locale, person } from "./common.ts";
import type { Draft } from "./invoice.ts";

const OCCUPATIONS = [
  "Software engineer",
  "Self-employed builder",
  "Retired teacher",
  "Doctor",
  "Student",
  "Company director",
  "Nurse",
  "Restaurant owner",
  "Investment banker",
  "Farmer",
];
const FUNDS = [
  "Salary",
  "Sale of property",
  "Inheritance",
  "Business income / dividends",
  "Savings",
  "Pension",
  "Investment returns",
  "Gift from family",
];

const box = (g: Gen, checked: boolean) =>
  checked ? g.pick(["[X]", "☒", "[x]", "(X)"]) : g.pick(["[ ]", "☐", "( )"]);

function individual(g: Gen, loc: Locale): string {
  const name = person(g, loc);
  const pep = g.chance(0.15);
  return [
    `${g.pick(["Know Your Customer (KYC) form – individuals", "Customer due diligence questionnaire", "Account opening form – personal details", "KYC Application Form", "Customer Information Form (CIF)"])}\n${company(g, loc, g.pick(["Bank", "Wealth Management", "Securities", "Payments"]))}`,
    `Section A – Personal details\nFull name: ${name}\nDate of birth: ${date(g, loc, 1945, 2004)}\nPlace of birth: ${g.pick(loc.cities)}\nNationality: ${loc.country}${g.maybe(0.2, ` / ${locale(g).country} (dual)`)}\nGender: ${g.pick(["F", "M", "prefer not to say"])}`,
    `Section B – Residential address\n${address(g, loc)}\nTime at address: ${g.int(0, 30)} years ${g.maybe(0.3, "(previous address required if under 3 years)")}\nProof of address provided: ${g.pick(["utility bill", "bank statement", "council tax bill", "tenancy agreement"])} dated ${date(g, loc)}`,
    `Section C – Identification\nDocument type: ${g.pick([loc.idDocument, "Passport", "National ID card", "Residence permit"])}\nDocument number: ${g.letters(2)}${g.digits(7)}\nIssuing country: ${loc.country}\nExpiry date: ${date(g, loc, 2026, 2034)}\n${loc.taxId}: ${g.digits(3)}-${g.digits(3)}-${g.digits(3)}\nTax residency: ${loc.country}${g.maybe(0.3, `, ${locale(g).country}`)}`,
    `Section D – Employment and source of funds\nOccupation: ${g.pick(OCCUPATIONS)}\nEmployer: ${g.chance(0.7) ? company(g, loc) : "n/a"}\nAnnual income: ${g.pick(["< 25,000", "25,000 – 75,000", "75,000 – 150,000", "> 150,000"])} ${loc.currency}\nSource of funds for this account: ${g.pick(FUNDS)}\nSource of wealth: ${g.pick(FUNDS)}\nExpected monthly deposits: ${g.pick(["under 5,000", "5,000–20,000", "over 20,000"])}; international transfers expected: ${box(g, g.chance(0.4))} yes ${box(g, g.chance(0.6))} no`,
    `Section E – Politically exposed persons and sanctions\nAre you, or is a family member or close associate, a politically exposed person (PEP)? ${box(g, pep)} Yes ${box(g, !pep)} No${pep ? `\nIf yes, give details: ${g.pick(["former member of parliament", "spouse is a senior official at a state-owned enterprise", "ambassador"])}` : ""}\nAre you subject to any sanctions? ${box(g, false)} Yes ${box(g, true)} No`,
    `Declaration\nI confirm that the information provided is true and complete, and I will notify the bank of any change. I understand the bank may verify my identity electronically and carry out screening checks.\nSignature: ________  Name: ${name}  Date: ${date(g, loc)}`,
    g.maybe(
      0.5,
      `For bank use only\nCDD level: ${g.pick(["simplified", "standard", "enhanced (EDD)"])}   Risk rating: ${g.pick(["low", "medium", "high"])}   Verified by: ${person(g, loc)}   Screening ref: ${g.digits(9)}`,
    ),
  ]
    .filter(Boolean)
    .join("\n\n");
}

function corporate(g: Gen, loc: Locale): string {
  const entity = company(g, loc);
  const owners = Array.from(
    { length: g.int(1, 3) },
    () => `${person(g, loc)} – ${g.int(25, 100)}% – ${locale(g).country} – DOB ${date(g, loc, 1950, 1995)}`,
  );
  return `${g.pick(["Know Your Business (KYB) questionnaire", "Corporate client due diligence form", "Entity KYC form", "Legal entity onboarding questionnaire"])}\n\n1. Entity information\nRegistered name: ${entity}\nTrading name: ${g.pick(["same", entity.split(" ")[0]])}\nCompany registration number: ${g.digits(8)}\nLEI: ${g.digits(4)}00${g.letters(4)}${g.digits(10)}\nDate and place of incorporation: ${date(g, loc, 1980, 2024)}, ${loc.country}\nRegistered office: ${address(g, loc)}\nLegal form: ${g.pick(loc.companySuffixes)}\nRegulated by: ${g.pick([loc.regulator, "not regulated"])}\nListed on a regulated market: ${box(g, g.chance(0.2))} yes ${box(g, g.chance(0.8))} no\n\n2. Nature of business\n${g.pick(["Wholesale of electronic components", "Software development and licensing", "Import and export of textiles", "Real estate holding", "Crypto-asset trading", "Shipping and freight forwarding"])}; countries of operation: ${g.some(["UK", "UAE", "Germany", "China", "Nigeria", "USA", "Singapore", "Brazil"], 1, 4).join(", ")}\n\n3. Ultimate beneficial owners (25% or more)\n${owners.join("\n")}\n\n4. Directors and authorised signatories\n${person(g, loc)} (director), ${person(g, loc)} (director, signatory)\n\n5. Documents enclosed\n${box(g, true)} Certificate of incorporation ${box(g, true)} Register of members ${box(g, g.chance(0.5))} Latest audited financial statements ${box(g, g.chance(0.5))} Group structure chart ${box(g, true)} ID and proof of address for each UBO\n\n6. Purpose of the account and expected activity\n${g.pick(["Receiving customer payments and paying suppliers", "Holding investment proceeds", "Payroll and tax payments", "Trade finance"])}, approx. ${g.int(10, 900)} transactions per month\n\nDeclaration: we certify the above is correct and will inform you of changes in ownership or control within 30 days.\nSigned ${person(g, loc)}, ${date(g, loc)}`;
}

function selfCert(g: Gen, loc: Locale): string {
  const name = person(g, loc);
  return `${g.pick(["Tax residency self-certification (CRS / FATCA)", "FATCA and CRS individual self-certification form", "Entity tax self-certification"])}\n\nPart 1 – Identification of account holder\nName: ${name}\nCurrent residence address: ${address(g, loc)}\nDate of birth: ${date(g, loc, 1950, 2003)}\n\nPart 2 – Jurisdiction of residence for tax purposes and TIN\n1) ${loc.country}  TIN: ${g.digits(9)}\n${g.maybe(0.4, `2) ${locale(g).country}  TIN: ${g.digits(10)}\n`)}If no TIN is available, reason: ${g.pick(["A – country does not issue TINs", "B – unable to obtain", "n/a"])}\n\nPart 3 – US person\nAre you a US citizen or resident for tax purposes? ${box(g, g.chance(0.1))} Yes ${box(g, g.chance(0.9))} No (if yes, complete form W-9)\n\nPart 4 – Declaration\nI understand that the information supplied is covered by the terms governing my relationship with the financial institution and may be reported to the tax authorities and exchanged with other jurisdictions. I undertake to advise of any change in circumstances within 30 days.\nSignature ${name}   Date ${date(g, loc)}   Capacity: ${g.pick(["account holder", "authorised person", "attorney"])}`;
}

function refresh(g: Gen, loc: Locale): string {
  return `${g.pick(["Periodic review – please update your information", "KYC refresh request", "Customer information update form"])}\n\nDear ${person(g, loc)},\n\nAs a regulated firm we are required by anti-money laundering regulations to keep the information we hold about our customers up to date. Please complete and return this form within ${g.pick([14, 30, 60])} days, together with a certified copy of a valid photo ID and a proof of address issued within the last three months.\n\n1. Has your name, address, nationality or tax residency changed? ${box(g, false)} yes ${box(g, false)} no\n2. Current occupation and employer: ____________\n3. Main source of the funds in your account(s): ____________\n4. Do you expect to send or receive payments from countries outside ${loc.country}? ____________\n5. Do you hold a prominent public function (PEP)? ____________\n\nIf we do not receive this information, we may have to restrict your accounts.\n\nCustomer signature: ____________ Date: ____________`;
}

function kyc(g: Gen): Draft {
  const loc = locale(g);
  const text = g.pick([individual, individual, individual, corporate, corporate, selfCert, refresh])(g, loc);
  return { text, subject: "KYC form" };
}

function filled(g: Gen): Draft {
  const loc = locale(g);
  const name = person(g, loc);
  const text = `KYC / CDD CHECKLIST – ${g.pick(["remote onboarding", "branch onboarding", "wealth client", "payment account"])}\nCustomer: ${name}  CIF ${g.digits(8)}\nID verified ${box(g, true)} (${g.pick([loc.idDocument, "passport"])}, liveness check passed)\nAddress verified ${box(g, true)} (${g.pick(["credit bureau", "utility bill", "bank statement"])})\nSanctions screening ${box(g, true)} no match | PEP screening ${box(g, true)} ${g.pick(["no match", "match – EDD required", "false positive cleared"])}\nAdverse media ${box(g, g.chance(0.8))}\nSource of funds evidence: ${g.pick(["3 months' payslips", "sale contract for property", "bank statements showing savings", "probate documents"])}\nRisk score ${g.int(1, 100)} / 100 → ${g.pick(["Low", "Medium", "High"])}\nApproved by ${person(g, loc)} on ${date(g, loc)}; next review ${date(g, loc, 2026, 2030)}`;
  return { text, subject: "CDD checklist" };
}

export const kycFormBuilders = [kyc, kyc, kyc, kyc, filled];
