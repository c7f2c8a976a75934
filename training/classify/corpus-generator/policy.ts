import { company, date, type Gen, locale, person } from "./common.ts";
import type { Draft } from "./invoice.ts";

const TOPICS: { name: string; statements: string[]; terms: string }[] = [
  {
    name: "Information Security Policy",
    statements: [
      "All information assets must have an identified owner and be classified as Public, Internal, Confidential or Restricted.",
      "Access is granted on the principle of least privilege and reviewed at least quarterly.",
      "Multi-factor authentication is mandatory for remote access and privileged accounts.",
      "Security incidents must be reported to the Security Operations Centre immediately.",
      "Laptops must use full-disk encryption; removable media is blocked by default.",
    ],
    terms: "information security, ISO 27001",
  },
  {
    name: "Data Retention and Records Management Policy",
    statements: [
      "Records are retained for the periods set out in the Retention Schedule in Appendix A and then securely destroyed.",
      "Financial records, including invoices, bank statements and payslips, are kept for seven years after the end of the financial year.",
      "Customer due diligence records are retained for five years after the end of the business relationship.",
      "Legal holds suspend destruction of records relevant to litigation or investigations.",
      "Personal data must not be kept longer than necessary for the purpose for which it was collected.",
    ],
    terms: "records retention",
  },
  {
    name: "Anti-Money Laundering and Counter-Terrorist Financing Policy",
    statements: [
      "The Firm applies a risk-based approach to customer due diligence, with enhanced due diligence for high-risk customers and politically exposed persons.",
      "Staff must report suspicious activity to the Money Laundering Reporting Officer (MLRO) and must not tip off the customer.",
      "All customers are screened against sanctions lists at onboarding and daily thereafter.",
      "AML training is mandatory for all staff on joining and annually.",
    ],
    terms: "AML, CTF",
  },
  {
    name: "Anti-Bribery and Corruption Policy",
    statements: [
      "Employees must not offer, give, request or accept any bribe, facilitation payment or improper advantage.",
      "Gifts and hospitality above the threshold set out in the Gifts Register must be pre-approved and recorded.",
      "Third parties acting on our behalf are subject to risk-based due diligence and contractual anti-bribery clauses.",
      "Breaches will be treated as gross misconduct.",
    ],
    terms: "bribery, corruption",
  },
  {
    name: "Travel and Expenses Policy",
    statements: [
      "Business travel must be booked through the approved travel agency in economy class for flights under six hours.",
      "Expense claims must be submitted within 30 days with itemised receipts; a credit card slip alone is not sufficient.",
      "Alcohol is reimbursable only when entertaining clients and within the per-head limit.",
      "Managers approve claims; Finance audits a sample each month.",
    ],
    terms: "expenses",
  },
  {
    name: "Remote and Hybrid Working Policy",
    statements: [
      "Employees may work remotely up to three days a week subject to role requirements and manager approval.",
      "Remote workers must use the corporate VPN and must not work from public networks without it.",
      "Confidential documents must not be printed at home.",
      "The Company provides equipment and a home-office allowance as set out in Annex 2.",
    ],
    terms: "remote work",
  },
  {
    name: "Whistleblowing Policy",
    statements: [
      "Any worker may raise concerns about wrongdoing, including fraud, bribery, breaches of law or danger to health and safety.",
      "Concerns can be raised anonymously through the independent hotline.",
      "The Company will not tolerate retaliation against anyone who raises a concern in good faith.",
      "The Whistleblowing Champion reports annually to the Audit Committee on concerns received.",
    ],
    terms: "speak up",
  },
  {
    name: "Privacy and Data Protection Policy",
    statements: [
      "Personal data is processed lawfully, fairly and transparently, and only for specified purposes.",
      "Each processing activity must have a documented lawful basis and appear in the Record of Processing Activities.",
      "Data protection impact assessments are required for high-risk processing.",
      "Personal data breaches must be notified to the Data Protection Officer within 24 hours so the supervisory authority can be informed within 72 hours.",
    ],
    terms: "GDPR, personal data",
  },
  {
    name: "Conflicts of Interest Policy",
    statements: [
      "Employees must disclose any personal interest that could conflict with their duties to the Firm or its clients.",
      "Outside business interests and directorships require prior written approval from Compliance.",
      "Personal account dealing is subject to pre-clearance and a 30-day holding period.",
      "Conflicts that cannot be managed must be declined or disclosed to the client.",
    ],
    terms: "conflicts",
  },
  {
    name: "Acceptable Use Policy",
    statements: [
      "Company IT systems are provided for business purposes; limited personal use is permitted if it does not interfere with work.",
      "Users must not install unlicensed software or connect personal devices to the corporate network.",
      "E-mail and internet use may be monitored in accordance with applicable law.",
      "Passwords must not be shared and must meet the complexity standard.",
    ],
    terms: "IT use",
  },
  {
    name: "Credit Risk Policy",
    statements: [
      "All loans require an approved credit application and a risk rating before drawdown.",
      "Lending limits are delegated by the Board Credit Committee according to the authority matrix.",
      "Exposures are reviewed at least annually and on any early warning trigger.",
      "Concentration limits apply by sector, country and single obligor.",
    ],
    terms: "credit risk appetite",
  },
  {
    name: "Complaints Handling Policy",
    statements: [
      "Complaints may be made by any reasonable means and are acknowledged promptly.",
      "A final response must be issued within eight weeks, informing the customer of their right to refer the complaint to the ombudsman.",
      "Root causes are analysed monthly and reported to the Conduct Committee.",
      "Complaint handlers are independent of the matter complained about where possible.",
    ],
    terms: "complaints",
  },
  {
    name: "Overtime and Working Hours Policy",
    statements: [
      "Overtime must be authorised in advance by the line manager and recorded in the time system.",
      "Weekday overtime is paid at time and a half; Sunday and public holiday work at double time.",
      "Time off in lieu must be taken within three months or it lapses.",
      "No employee may work more than 48 hours a week on average unless they have signed an opt-out.",
    ],
    terms: "working time",
  },
  {
    name: "Social Media Policy",
    statements: [
      "Only authorised spokespeople may comment on behalf of the company on social media.",
      "Employees must not disclose client information, unpublished results or internal matters online.",
      "Harassment of colleagues online is treated the same as in the workplace.",
      "Posts that could be read as investment advice are prohibited.",
    ],
    terms: "social media",
  },
  {
    name: "Payments Authorisation Policy",
    statements: [
      "Payments above the threshold require two authorised signatories from the approved signatory list.",
      "Changes to supplier bank details must be verified by a call-back to a known contact before use.",
      "Urgent payment requests received by e-mail must be treated as potential fraud and verified.",
      "Nobody may approve a payment to themselves or to a supplier they set up.",
    ],
    terms: "payment controls",
  },
  {
    name: "Dress Code and Workplace Conduct Policy",
    statements: [
      "Business attire is expected when meeting clients; smart casual is acceptable otherwise.",
      "Identity badges must be worn visibly at all times on company premises.",
      "Visitors must be signed in at reception and accompanied.",
      "Alcohol and drugs are not permitted at work, except at approved company events.",
    ],
    terms: "conduct",
  },
  {
    name: "Outsourcing and Third-Party Risk Policy",
    statements: [
      "Material outsourcing arrangements require a risk assessment and Board approval before signing.",
      "Contracts with critical suppliers must include audit rights, data protection terms and exit provisions.",
      "Critical suppliers are reviewed at least annually against their service levels and risk rating.",
      "An exit plan is maintained for every critical outsourced service.",
    ],
    terms: "third parties",
  },
];

// The plain-language version many firms publish to staff: "how we do things here".
function plain(g: Gen): Draft {
  const loc = locale(g);
  const topic = g.pick(TOPICS);
  const [first, ...rest] = g.some(topic.statements, 3, 4) as [string, ...string[]];
  const text = `${g.pick(["How we handle", "Our rules on", "Our approach to", "The short version of our rules on", "What we expect:"])} ${topic.terms}\n\n${g.pick(["Everyone here", "All of us", "Every employee and contractor"])} ${g.pick(["needs to follow these rules", "is expected to know this", "signs up to this when they join"])}. ${first} ${rest.join(" ")}\n\n${g.pick(
    [
      "If you are not sure whether something is allowed, ask before you act, not after.",
      "Breaking these rules is a disciplinary matter.",
      "Managers are responsible for making sure their teams follow this.",
    ],
  )} ${g.pick(["Questions go to", "Owner:", "Contact"])} ${g.pick(["HR", "Compliance", "Finance", "the COO's office"])}${g.maybe(0.5, ` (${person(g, loc)})`)}. ${g.maybe(0.5, `Applies from ${date(g, loc)}.`)}`;
  return { text, subject: topic.name };
}

function structured(g: Gen): Draft {
  const loc = locale(g);
  const topic = g.pick(TOPICS);
  const org = company(g, loc);
  const version = `${g.int(1, 6)}.${g.int(0, 9)}`;
  const sections = [
    `${org}\n${topic.name}\n${g.pick(["Version", "Policy version", "Rev."])} ${version} | Effective ${date(g, loc)} | Owner: ${g.pick(["Chief Information Security Officer", "Head of Compliance", "Chief Financial Officer", "HR Director", "Data Protection Officer", "Chief Risk Officer"])}`,
    `1. ${g.pick(["Purpose", "Objective", "Introduction"])}\n${g.pick([
      `This policy sets out the principles and minimum requirements for ${topic.terms} across ${org} and its subsidiaries.`,
      `The purpose of this policy is to protect the organisation, its customers and staff, and to meet our legal and regulatory obligations in respect of ${topic.terms}.`,
      `This document defines what is expected of everyone working for or on behalf of the company in relation to ${topic.terms}.`,
    ])}`,
    `2. ${g.pick(["Scope", "Applicability", "Who this policy applies to"])}\n${g.pick([
      "This policy applies to all employees, contractors, temporary staff and third parties with access to company systems or information.",
      `It applies to all entities of the group worldwide, including branches in ${loc.country}; local procedures may add stricter requirements.`,
      "All permanent and fixed-term staff, directors and agents are within scope.",
    ])}`,
    g.maybe(
      0.5,
      `3. Definitions\n${g.pick(['"Staff" means any person working for the company in any capacity.', '"Must" denotes a mandatory requirement; "should" denotes a recommendation.', '"Policy Owner" means the executive accountable for this policy.'])}`,
    ),
    `4. ${g.pick(["Policy statements", "Policy", "Requirements", "Principles"])}\n${g
      .some(topic.statements, 2, topic.statements.length)
      .map((s, i) => `4.${i + 1} ${s}`)
      .join("\n")}`,
    `5. ${g.pick(["Roles and responsibilities", "Responsibilities", "Governance"])}\n${g.pick([
      "The Board approves this policy. The policy owner maintains it and monitors compliance. Line managers ensure their teams understand it. Internal Audit provides independent assurance.",
      "All staff are responsible for complying with this policy. The Compliance function advises on its interpretation and reports breaches to the Risk Committee.",
    ])}`,
    g.maybe(
      0.6,
      `6. ${g.pick(["Breaches", "Non-compliance", "Exceptions"])}\n${g.pick([
        "Failure to comply may result in disciplinary action up to and including dismissal.",
        "Exceptions must be requested in writing, risk-assessed and approved by the policy owner for a limited period.",
      ])}`,
    ),
    `7. ${g.pick(["Review", "Document control", "Review and approval"])}\nThis policy is reviewed ${g.pick(["annually", "every two years", "at least annually and after any significant regulatory change"])}. Approved by ${g.pick(["the Board of Directors", "the Executive Committee", "the Audit and Risk Committee"])} on ${date(g, loc)}.${g.maybe(0.4, ` Next review due ${date(g, loc, 2026, 2028)}.`)}`,
  ];
  return { text: sections.filter(Boolean).join("\n\n"), subject: topic.name };
}

function handbook(g: Gen): Draft {
  const loc = locale(g);
  const topic = g.pick(TOPICS);
  const text = `${g.pick(["Staff handbook – section", "Policy summary:", "Quick guide to our"])} ${topic.name.toLowerCase()}\n\n${g.pick(["What you need to know", "In short", "Key rules"])}:\n${g
    .some(topic.statements, 2, 4)
    .map((s) => `• ${s}`)
    .join(
      "\n",
    )}\n\nIf you are unsure, ask ${g.pick(["your line manager", "the Compliance team", "HR", "the policy owner"])} before acting. The full policy is on the intranet${g.maybe(0.5, ` and was last updated ${date(g, loc)}`)}. Everyone must read it and confirm they understand it as part of the annual attestation.`;
  return { text, subject: topic.name };
}

function procedure(g: Gen): Draft {
  const loc = locale(g);
  const topic = g.pick(TOPICS);
  const text = `${company(g, loc)} – ${topic.name}\nBoard-approved policy, classification: Internal\nPolicy owner: ${person(g, loc)}\n\nPolicy statement\nIt is the policy of the company that ${g.pick(topic.statements).replace(/^./, (c) => c.toLowerCase())} ${g.pick(topic.statements)}\n\nThe company will ${g.pick(["provide training and guidance", "monitor adherence through key risk indicators", "maintain supporting procedures and standards", "communicate this policy to all new joiners"])} to give effect to this policy. Where local law imposes stricter requirements, local law prevails.\n\nRelated documents: ${g.some(["Code of Conduct", "Risk Management Framework", "Disciplinary Procedure", "Information Classification Standard", "Retention Schedule", "Outsourcing Policy"], 2, 4).join(", ")}.\n\nRevision history: v1.0 ${date(g, loc, 2015, 2019)} initial issue; v${g.int(2, 5)}.0 ${date(g, loc, 2020, 2026)} updated for regulatory changes.`;
  return { text, subject: topic.name };
}

export const policyBuilders = [structured, structured, structured, handbook, procedure, plain, plain];
