import { address, company, date, type Gen, locale, person } from "./common.ts";
import type { Draft } from "./invoice.ts";

const PURPOSES = [
  'evaluating a possible acquisition of the share capital of the Company (the "Transaction")',
  "discussing a potential joint development of a payments platform",
  "assessing a supply and distribution relationship",
  "the provision of consulting services relating to the migration of core banking systems",
  "exploring a co-investment in renewable energy projects",
  "negotiating a licence of proprietary trading algorithms",
  "due diligence on a loan portfolio the Disclosing Party intends to sell",
];

function formal(g: Gen): Draft {
  const loc = locale(g);
  const a = company(g, loc);
  const b = company(g, g.chance(0.4) ? locale(g) : loc);
  const mutual = g.chance(0.6);
  const years = g.int(1, 7);
  const title = g.pick(
    mutual
      ? ["MUTUAL NON-DISCLOSURE AGREEMENT", "Mutual Confidentiality Agreement", "Two-way NDA"]
      : [
          "NON-DISCLOSURE AGREEMENT",
          "Confidentiality Agreement",
          "Unilateral Non-Disclosure Agreement",
          "Geheimhaltungsvereinbarung (NDA)",
        ],
  );
  const sections = [
    `${title}\n\nThis Agreement is made on ${date(g, loc)}`,
    `BETWEEN: ${a}, ${address(g, loc)} ${mutual ? "" : '(the "Disclosing Party")'}\nAND: ${b}${mutual ? "" : ' (the "Recipient")'}\n${mutual ? '(each a "Party", and together the "Parties")' : ""}`,
    `1. Purpose\nThe Parties wish to exchange information for the purpose of ${g.pick(PURPOSES)} (the "Purpose").`,
    `2. Confidential Information\n${g.pick([
      '"Confidential Information" means all information, in whatever form, disclosed by or on behalf of a Party, including business plans, customer lists, financial information, know-how, source code, pricing and the existence and terms of the discussions.',
      "Confidential Information includes any information marked or identified as confidential, or which a reasonable person would consider confidential, whether disclosed orally, in writing or by inspection.",
      "All technical, commercial and financial information, trade secrets and personal data made available in the data room constitute Confidential Information.",
    ])}`,
    `3. Obligations\n${g.pick([
      "The Recipient shall keep the Confidential Information secret, use it only for the Purpose, and not disclose it to any third party other than its Representatives who need to know it and are bound by equivalent obligations.",
      "Each Party shall protect the other's Confidential Information with at least the degree of care it uses for its own, and in any event no less than reasonable care.",
      "The receiving party shall not copy, reverse engineer or exploit the Confidential Information, and shall notify the disclosing party promptly of any unauthorised disclosure.",
    ])}`,
    `4. Exclusions\n${g.pick([
      "These obligations do not apply to information that is or becomes public other than through breach of this Agreement, was lawfully known to the Recipient before disclosure, is independently developed, or is received from a third party without restriction.",
      "Nothing in this Agreement prevents disclosure required by law, regulation or a court order, provided the Recipient gives prompt notice where lawful.",
    ])}`,
    g.maybe(
      0.7,
      `5. Return or destruction\nOn request, or when discussions end, the Recipient shall return or destroy all Confidential Information and certify destruction in writing, save for copies retained under automatic back-up or as required by law.`,
    ),
    g.maybe(
      0.5,
      `6. No licence; no obligation\nNo licence under any intellectual property right is granted. Neither Party is obliged to proceed with any transaction.`,
    ),
    g.maybe(
      0.5,
      `7. Remedies\nDamages may not be an adequate remedy for breach, and the Disclosing Party is entitled to seek injunctive relief and specific performance.`,
    ),
    g.maybe(
      0.4,
      `8. Non-solicitation\nFor ${g.int(6, 24)} months neither Party shall solicit any employee of the other with whom it had contact in connection with the Purpose.`,
    ),
    `9. Term\nThis Agreement continues for ${years} year${years > 1 ? "s" : ""} from its date; obligations of confidentiality survive ${g.pick(["termination", "for a further two years", "indefinitely for trade secrets"])}.`,
    `10. Governing law\n${loc.law} governs this Agreement.`,
    `Signed: ${person(g, loc)} for ${a}\nSigned: ${person(g, loc)} for ${b}`,
  ];
  return { text: sections.filter(Boolean).join("\n\n"), subject: title };
}

function employee(g: Gen): Draft {
  const loc = locale(g);
  const who = person(g, loc);
  const text = `${g.pick(["Confidentiality undertaking", "Employee confidentiality and non-disclosure agreement", "Contractor NDA", "Confidentiality and IP assignment deed"])}\n\nI, ${who}, ${g.pick(["in consideration of my engagement as a contractor", "as a condition of my employment", "in connection with my secondment"])} by ${company(g, loc)} (the "Company"), undertake that:\n\n(a) I will not, during or after my engagement, disclose to any person any confidential information of the Company or its clients, including ${g.pick(["client portfolios and trading positions", "patient and customer data", "unpublished financial results", "product roadmaps and source code"])};\n(b) I will use confidential information only to perform my duties;\n(c) on leaving I will return all documents, devices and copies, and delete information held on personal devices;\n(d) ${g.pick(["any inventions I create in the course of my work belong to the Company", "I will comply with the Company's information security rules", "I understand breach may lead to dismissal and legal action"])}.\n\nThis undertaking does not prevent me from reporting wrongdoing to a regulator or making a protected disclosure.\n\nSigned ${who}   Date ${date(g, loc)}`;
  return { text, subject: "Confidentiality undertaking" };
}

function letter(g: Gen): Draft {
  const loc = locale(g);
  const text = `Strictly private and confidential\n\n${company(g, loc)}\nFor the attention of ${person(g, loc)}\n\n${date(g, loc)}\n\nDear Sirs,\n\nProject ${g.pick(["Falcon", "Neptune", "Granite", "Aurora", "Bluebird", "Kingfisher"])} – confidentiality letter\n\nIn connection with ${g.pick(PURPOSES)}, we will make available to you certain information concerning ${company(g, loc)}, including its ${g.pick(["audited accounts, loan agreements and management reports", "customer contracts, invoices and payroll data", "policies, audit reports and regulatory correspondence"])}. In consideration of our doing so, you agree to treat that information as confidential on the terms of this letter: you will not disclose it except to your advisers and financiers who need to know it, you will not contact employees, customers or suppliers of the target without our consent, and you will comply with applicable insider dealing and market abuse rules.\n\nThis letter is governed by ${loc.law} and lasts ${g.int(1, 3)} years.\n\nPlease sign and return a copy to confirm your agreement.\n\nYours faithfully,\n${person(g, loc)}`;
  return { text, subject: "Confidentiality letter" };
}

function clickwrap(g: Gen): Draft {
  const loc = locale(g);
  const text = `${g.pick(["Data room access terms", "Confidentiality terms for evaluation access", "Beta programme non-disclosure terms"])}\n\nBy clicking "I agree" you, on behalf of ${g.pick(["yourself and your organisation", "the entity you represent"])}, accept these terms. Everything you see in ${g.pick(["the virtual data room", "the beta product", "the evaluation environment"])} is confidential information of ${company(g, loc)}. You must not download, screenshot, share or discuss it outside your team, and you must not use it for anything other than ${g.pick(["evaluating the opportunity", "testing and giving feedback", "preparing a bid"])}. Access is logged. These confidentiality obligations last ${g.int(2, 5)} years after your access ends. Disputes are governed by ${loc.law}.`;
  return { text, subject: "Access terms" };
}

function short(g: Gen): Draft {
  const loc = locale(g);
  const text = `NDA – key terms\nParties: ${company(g, loc)} / ${company(g, loc)}\nType: ${g.pick(["mutual", "one-way"])}\nPurpose: ${g.pick(PURPOSES)}\nConfidentiality period: ${g.int(2, 5)} years\nCarve-outs: public domain, prior knowledge, independently developed, legally compelled\nPermitted recipients: employees, professional advisers, ${g.pick(["lenders", "auditors", "insurers"])}\nReturn/destroy on request: yes\nLaw: ${loc.law}\nSignatories: ${person(g, loc)}, ${person(g, loc)}`;
  return { text, subject: "NDA" };
}

export const ndaBuilders = [formal, formal, formal, employee, letter, clickwrap, short];
