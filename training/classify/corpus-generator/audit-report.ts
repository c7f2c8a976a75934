import { company, date, type Gen, type Locale, locale, money, person } from "./common.ts";
import type { Draft } from "./invoice.ts";

const KAMS = [
  [
    "Revenue recognition",
    "We tested a sample of invoices and delivery records around the year end to assess cut-off and agreed contract terms to the revenue recognised.",
  ],
  [
    "Expected credit losses on loans and advances",
    "We assessed the staging criteria, tested key inputs to the model and challenged the management overlays with reference to macroeconomic scenarios.",
  ],
  [
    "Valuation of level 3 financial instruments",
    "With the help of our valuation specialists we independently re-priced a sample of positions and evaluated the unobservable inputs.",
  ],
  [
    "Impairment of goodwill",
    "We evaluated the cash flow forecasts, discount rates and long-term growth rates used in the value-in-use calculation.",
  ],
  [
    "IT general controls",
    "We tested user access management, change management and the payroll application's automated controls.",
  ],
  [
    "Going concern",
    "We reviewed the cash flow forecasts, the availability of the revolving credit facility and compliance with loan covenants.",
  ],
];

const FINDINGS = [
  [
    "Segregation of duties in accounts payable",
    "The same user can create suppliers and approve payments in the ERP system.",
    "High",
  ],
  [
    "Payroll changes not independently reviewed",
    "Changes to employee bank details and salaries were processed without a second approval in 7 of 25 cases tested.",
    "High",
  ],
  [
    "Incomplete KYC files",
    "12 of 60 customer files sampled lacked proof of address or an up-to-date risk assessment.",
    "Medium",
  ],
  [
    "Privileged access reviews",
    "Quarterly reviews of administrator accounts were not evidenced for Q2 and Q3.",
    "Medium",
  ],
  [
    "Policy documents out of date",
    "The information security policy had not been reviewed within the required 12 months.",
    "Low",
  ],
  [
    "Bank reconciliations",
    "Reconciliations for two foreign currency accounts were performed late and unreconciled items older than 90 days were not investigated.",
    "Medium",
  ],
  [
    "Complaint handling timeliness",
    "9% of complaints sampled received the final response after the eight-week deadline.",
    "Medium",
  ],
  [
    "Vendor master data",
    "Duplicate supplier records increase the risk of duplicate invoice payments.",
    "Low",
  ],
  [
    "Backup restoration testing",
    "No restoration test has been performed for the trade booking system in the last year.",
    "High",
  ],
];

function external(g: Gen, loc: Locale): string {
  const entity = company(g, loc);
  const firm = g.pick([
    "Harcourt & Lane LLP",
    "Moreau Audit SAS",
    "Keller Revision AG",
    "Tan & Partners PAC",
    "Brightwater Assurance LLP",
    "Dekker Accountants N.V.",
    "Iyer Mehta & Co. Chartered Accountants",
  ]);
  const opinion = g.pick(["unqualified", "unqualified", "unqualified", "qualified", "emphasis"]);
  const kams = g.some(KAMS, 1, 3);
  return [
    `${g.pick(["INDEPENDENT AUDITOR'S REPORT", "Independent auditors' report", "Report of Independent Registered Public Accounting Firm", "Report on the audit of the financial statements"])}\nTo the ${g.pick(["members", "shareholders and the Board of Directors", "Board of Directors"])} of ${entity}`,
    `Opinion\n${opinion === "qualified" ? "In our opinion, except for the effects of the matter described in the Basis for qualified opinion section" : "In our opinion"}, the financial statements of ${entity} for the year ended ${date(g, loc)} give a true and fair view of the financial position of the company and of its financial performance and cash flows in accordance with ${g.pick(["IFRS as adopted by the UK", "International Financial Reporting Standards", "US GAAP", "the Companies Act and applicable accounting standards", "Ind AS"])}.`,
    `${opinion === "qualified" ? "Basis for qualified opinion" : "Basis for opinion"}\n${opinion === "qualified" ? `We were unable to obtain sufficient appropriate audit evidence about inventory of ${money(g, loc, 100000, 9000000)} held at a third-party warehouse. ` : ""}We conducted our audit in accordance with ${g.pick(["International Standards on Auditing (UK)", "ISAs", "the standards of the PCAOB", "Standards on Auditing issued by ICAI"])}. We are independent of the company in accordance with the ethical requirements relevant to our audit. We believe the audit evidence we have obtained is sufficient and appropriate to provide a basis for our opinion.`,
    opinion === "emphasis"
      ? `Material uncertainty related to going concern\nWe draw attention to note ${g.int(2, 30)}, which indicates that the company's loan facility matures within twelve months and refinancing has not been agreed. Our opinion is not modified in respect of this matter.`
      : "",
    `Key audit matters\n${kams.map(([title, response]) => `${title}: ${response}`).join("\n")}`,
    g.maybe(
      0.5,
      `Materiality\nWe determined overall materiality to be ${money(g, loc, 50000, 20000000)}, based on ${g.pick(["5% of profit before tax", "1% of revenue", "1% of net assets"])}.`,
    ),
    `Responsibilities of directors\nThe directors are responsible for the preparation of the financial statements and for such internal control as they determine necessary.\n\nAuditor's responsibilities\nOur objectives are to obtain reasonable assurance about whether the financial statements as a whole are free from material misstatement, whether due to fraud or error, and to issue an auditor's report that includes our opinion.`,
    `${person(g, loc)} (Senior Statutory Auditor / engagement partner)\nfor and on behalf of ${firm}, ${g.pick(["Chartered Accountants", "Statutory Auditor", "Certified Public Accountants"])}\n${g.pick(loc.cities)}, ${date(g, loc)}`,
  ]
    .filter(Boolean)
    .join("\n\n");
}

function internal(g: Gen, loc: Locale): string {
  const findings = g.some(FINDINGS, 1, 4);
  const area = g.pick([
    "Procure-to-pay",
    "Payroll",
    "Customer onboarding (KYC)",
    "IT access management",
    "Treasury and cash management",
    "Complaints handling",
    "Trade settlement",
    "Loan origination",
  ]);
  return [
    `${g.pick(["Internal Audit Report", "INTERNAL AUDIT – FINAL REPORT", "Group Internal Audit", "Audit report"])}: ${area}\n${company(g, loc)}\nReport ref IA-${g.int(2019, 2026)}-${g.digits(3)} | Issued ${date(g, loc)} | Distribution: ${g.pick(["Audit Committee, CFO, COO", "Executive Committee", "Head of Operations, CRO"])}`,
    `Overall rating: ${g.pick(["Satisfactory", "Needs improvement", "Unsatisfactory", "Limited assurance", "Reasonable assurance"])}`,
    `Scope and objectives\n${g.pick([
      `The audit assessed the design and operating effectiveness of key controls over ${area.toLowerCase()} for the period ${date(g, loc)} to ${date(g, loc)}.`,
      `We reviewed whether ${area.toLowerCase()} processes comply with group policy and regulatory requirements.`,
    ])}`,
    g.maybe(
      0.6,
      `Methodology\n${g.pick(["Walkthroughs, interviews with process owners, sample testing of transactions and data analytics over the full population.", "Control testing on a sample of 25 items per control, re-performance of reconciliations and review of system configuration."])}`,
    ),
    `Findings\n${findings.map(([title, detail, rating], i) => `${i + 1}. ${title} (${rating} risk)\n${detail}`).join("\n")}`,
    `Recommendations and management actions\n${findings.map(([title], i) => `${i + 1}. ${g.pick(["Management agrees", "Agreed", "Partially agreed"])}. Action owner: ${person(g, loc)}. Target date: ${date(g, loc, 2025, 2027)}. (${title})`).join("\n")}`,
    g.maybe(
      0.5,
      `Conclusion\n${g.pick(["Controls are generally well designed but not consistently applied.", "Significant weaknesses require prompt remediation; a follow-up audit will be performed in six months.", "No significant issues were identified."])}`,
    ),
  ]
    .filter(Boolean)
    .join("\n\n");
}

function assurance(g: Gen, loc: Locale): string {
  return `${g.pick(["SOC 2 Type II report – summary", "ISAE 3402 assurance report", "Independent service auditor's report", "Limited assurance report on sustainability information"])}\n\nService organisation: ${company(g, loc)}\nPeriod: ${date(g, loc)} to ${date(g, loc)}\nService auditor: ${g.pick(["Brightwater Assurance LLP", "Keller Revision AG", "Harcourt & Lane LLP"])}\n\nWe have examined the description of the system and the suitability of the design and operating effectiveness of controls to meet the criteria for ${g.pick(["security, availability and confidentiality", "the trust services criteria", "the control objectives stated in the description"])}.\n\nTests of controls: ${g.int(40, 160)} controls tested; ${g.int(0, 6)} exceptions noted. ${g.pick(["Exceptions related to untimely removal of leavers' access.", "One exception: change tickets lacked evidence of approval.", "No exceptions were noted."])}\n\nOpinion: in our opinion, in all material respects, the controls ${g.pick(["operated effectively throughout the period", "were suitably designed and operated effectively, except for the matter described"])}.\n\nComplementary user entity controls are listed in section 4.`;
}

function memo(g: Gen, loc: Locale): string {
  return `Audit memo – ${g.pick(["interim visit", "year-end fieldwork", "management letter points", "summary of audit differences"])}\nClient: ${company(g, loc)}   FY ${g.int(2019, 2025)}\nPrepared by ${person(g, loc)}, reviewed by ${person(g, loc)}\n\n${g.pick(
    [
      `Unadjusted misstatements total ${money(g, loc, 1000, 900000)}, below performance materiality. Management declined to adjust the accrual for unbilled invoices.`,
      "Control deficiencies communicated to those charged with governance: no review of journal entries posted by the finance director; payroll exception reports not retained.",
      "Bank confirmations received for all accounts; differences traced to outstanding cheques. Loan confirmation from the lender agreed to the facility agreement and covenant calculation.",
    ],
  )}\n\n${g.pick(["No fraud risk indicators identified.", "Subsequent events review to be completed before signing.", "Representation letter to be obtained from the directors."])}`;
}

function audit(g: Gen): Draft {
  const loc = locale(g);
  const text = g.pick([external, external, internal, internal, assurance, memo])(g, loc);
  return { text, subject: "Audit report" };
}

export const auditReportBuilders = [audit];
