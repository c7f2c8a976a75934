import { address, company, date, type Gen, type Locale, locale, money, number, person } from "./common.ts";
import type { Draft } from "./invoice.ts";

function clauses(g: Gen, loc: Locale, lender: string, borrower: string) {
  const amount = money(g, loc, 5000, 50000000, "code");
  const margin = `${number(loc, 0.5 + g.random() * 5, 2)}%`;
  const pick = {
    facility: g.pick([
      `The Lender agrees to make available to the Borrower a term loan facility in an aggregate amount equal to ${amount} (the "Facility").`,
      `Subject to the terms of this Agreement, the Lender shall lend to the Borrower the principal sum of ${amount} (the "Loan").`,
      `The Lender grants the Borrower a ${g.pick(["revolving credit facility", "term loan", "bridge loan", "working capital facility"])} of up to ${amount}.`,
    ]),
    purpose: g.pick([
      "The Borrower shall apply all amounts borrowed towards general corporate purposes and the refinancing of existing indebtedness.",
      "The Loan shall be used solely to finance the acquisition of the Property and related costs.",
      "Proceeds may be used only for the purchase of equipment listed in Schedule 2.",
      "The Borrower shall use the Loan for working capital, and not for any purpose prohibited by sanctions laws.",
    ]),
    drawdown: g.pick([
      `The Borrower may deliver a Utilisation Request not later than 11:00 a.m. three Business Days before the proposed Utilisation Date. The Availability Period ends on ${date(g, loc)}.`,
      "The Loan shall be advanced in a single drawing on the Closing Date upon satisfaction of the conditions precedent listed in Schedule 1.",
      "Drawdowns shall be in minimum amounts of 100,000 and integral multiples thereof.",
    ]),
    interest: g.pick([
      `Interest accrues daily on the outstanding principal at a rate equal to ${g.pick(["Term SOFR", "EURIBOR", "compounded SONIA", "SARON", "the Bank's base rate"])} plus a margin of ${margin} per annum, payable ${g.pick(["quarterly in arrears", "monthly", "on the last day of each Interest Period"])}.`,
      `The Loan bears fixed interest at ${margin} per annum calculated on the basis of a 365-day year.`,
      `Default interest: any overdue amount bears interest at 2% per annum above the rate otherwise applicable.`,
    ]),
    repayment: g.pick([
      `The Borrower shall repay the Loan in ${g.int(4, 120)} equal ${g.pick(["monthly", "quarterly", "semi-annual"])} instalments, the first falling due on ${date(g, loc)}, with the balance due on the Final Maturity Date.`,
      `The Loan shall be repaid in full in a single bullet payment on ${date(g, loc, 2026, 2035)}.`,
      `Repayment shall follow the amortisation schedule in Schedule 3; all outstanding amounts are due on the Termination Date.`,
    ]),
    prepayment: g.pick([
      "The Borrower may prepay the whole or any part of the Loan on giving not less than 10 Business Days' prior notice, subject to a prepayment fee of 1% in the first year.",
      "Voluntary prepayment is permitted without premium on any Interest Payment Date.",
      "If it becomes unlawful for the Lender to maintain the Loan, the Borrower shall prepay it on the date specified by the Lender (illegality).",
    ]),
    covenants: g.pick([
      `Financial covenants: the Borrower shall ensure that Leverage does not exceed ${g.int(2, 5)}.${g.int(0, 9)}:1 and Interest Cover is not less than ${g.int(2, 5)}.0:1, tested on each Quarter Date by reference to the audited financial statements and a Compliance Certificate.`,
      "The Borrower shall not create or permit to subsist any Security over any of its assets (negative pledge), nor dispose of material assets, without the Lender's prior written consent.",
      "The Borrower shall deliver its annual audited accounts within 120 days of each financial year end and maintain insurance over the secured assets.",
    ]),
    default: g.pick([
      "Each of the following is an Event of Default: non-payment within three Business Days of the due date; breach of the financial covenants; misrepresentation; cross default; insolvency or insolvency proceedings; cessation of business; material adverse change.",
      "If an Event of Default occurs and is continuing, the Lender may by notice declare the Loan, together with accrued interest, immediately due and payable (acceleration).",
      "Failure to pay any sum when due, or the Borrower becoming insolvent, entitles the Lender to terminate the Facility and enforce the Security.",
    ]),
    security: g.pick([
      `The obligations of the Borrower are secured by a first-ranking ${g.pick(["mortgage over the Property", "debenture over all assets", "share pledge", "assignment of receivables"])} and a guarantee from ${company(g, loc)}.`,
      "The Loan is unsecured and ranks pari passu with the Borrower's other senior unsecured obligations.",
      `${person(g, loc)} personally guarantees the repayment of the Loan and all interest and costs.`,
    ]),
    law: `This Agreement and any non-contractual obligations arising out of it are governed by ${loc.law}. The courts of ${g.pick(loc.cities)} have exclusive jurisdiction.`,
  };
  return { ...pick, amount, lender, borrower };
}

function facility(g: Gen): Draft {
  const loc = locale(g);
  const lender = company(g, loc, g.pick(["Bank", "Capital", "Credit Fund", "Finance"]));
  const borrower = company(g, loc);
  const c = clauses(g, loc, lender, borrower);
  const title = g.pick([
    "FACILITY AGREEMENT",
    "TERM LOAN AGREEMENT",
    "Loan Agreement",
    "SENIOR FACILITIES AGREEMENT",
    "REVOLVING CREDIT FACILITY AGREEMENT",
    "Darlehensvertrag (Loan Agreement)",
  ]);
  const sections = [
    `${title}\ndated ${date(g, loc)}`,
    `BETWEEN\n(1) ${borrower}, a company incorporated in ${loc.country} with registered number ${g.digits(8)} whose registered office is at ${address(g, loc)} (the "Borrower"); and\n(2) ${lender} (the "Lender").`,
    g.maybe(
      0.6,
      "WHEREAS the Borrower has requested and the Lender has agreed to provide financing on the terms set out below.",
    ),
    `1. DEFINITIONS AND INTERPRETATION\n"Business Day" means a day (other than a Saturday or Sunday) on which banks are open for general business in ${g.pick(loc.cities)}. "Event of Default" means any event specified as such in Clause ${g.int(18, 24)}. ${g.pick(['"Margin" means the rate per annum specified in Schedule 4.', '"Security" means any mortgage, charge, pledge or lien.', '"Termination Date" means the fifth anniversary of the date of this Agreement.'])}`,
    `2. THE FACILITY\n${c.facility}`,
    `3. PURPOSE\n${c.purpose}`,
    g.maybe(0.7, `4. UTILISATION\n${c.drawdown}`),
    `5. INTEREST\n${c.interest}`,
    `6. REPAYMENT\n${c.repayment}`,
    g.maybe(0.6, `7. PREPAYMENT AND CANCELLATION\n${c.prepayment}`),
    g.maybe(0.6, `8. SECURITY\n${c.security}`),
    g.maybe(0.7, `9. UNDERTAKINGS\n${c.covenants}`),
    `10. EVENTS OF DEFAULT\n${c.default}`,
    `11. GOVERNING LAW\n${c.law}`,
    `Signed for and on behalf of the Borrower by ${person(g, loc)}, Director\nSigned for and on behalf of the Lender by ${person(g, loc)}, Authorised Signatory`,
  ];
  return { text: sections.filter(Boolean).join("\n\n"), subject: title };
}

function consumer(g: Gen): Draft {
  const loc = locale(g);
  const lender = company(g, loc, g.pick(["Bank", "Finance", "Credit Union", "Lending"]));
  const borrower = person(g, loc);
  const n = g.pick([12, 24, 36, 48, 60, 84]);
  const text = `${g.pick(["Fixed Sum Loan Agreement regulated by the Consumer Credit Act 1974", "Personal Loan Agreement", "Consumer credit agreement", "Car finance – hire purchase and loan agreement", "Student loan agreement"])}\n\nLender: ${lender}, ${address(g, loc)}\nBorrower: ${borrower}, ${address(g, loc)}\n\nKey financial information\nAmount of credit: ${money(g, loc, 1000, 60000)}\nDuration: ${n} months\nRepayments: ${n} monthly payments of ${money(g, loc, 40, 1500)}\nTotal amount payable: ${money(g, loc, 1100, 80000)}\nRate of interest: ${number(loc, 2 + g.random() * 18, 1)}% fixed\nAPR: ${number(loc, 2 + g.random() * 20, 1)}%\n\n${g.pick(
    [
      "Right of withdrawal: you may withdraw from this agreement without giving any reason within 14 days beginning the day after the day the agreement is made, by repaying the credit and interest accrued.",
      "Early settlement: you may repay the loan early at any time. We may charge compensation of up to 1% of the amount repaid early.",
      "Missing payments could have severe consequences, including legal proceedings and making it harder to obtain credit.",
    ],
  )}\n\n${g.pick([
    "The borrower authorises the lender to collect the monthly instalments by direct debit.",
    "Before signing, the borrower confirms receipt of the pre-contract credit information (SECCI) and an adequate explanation.",
    "The lender has assessed the borrower's creditworthiness using information from a credit reference agency.",
  ])}\n\nSignature of borrower: ${borrower}    Date: ${date(g, loc)}\nSigned on behalf of the lender: ${person(g, loc)}`;
  return { text, subject: "Loan agreement" };
}

function note(g: Gen): Draft {
  const loc = locale(g);
  const borrower = person(g, loc);
  const lender = g.chance(0.5) ? person(g, loc) : company(g, loc);
  const text = `${g.pick(["PROMISSORY NOTE", "SECURED PROMISSORY NOTE", "Loan note", "Private loan agreement"])}\n\n${money(g, loc, 1000, 2000000)}    ${g.pick(loc.cities)}, ${date(g, loc)}\n\nFOR VALUE RECEIVED, the undersigned ${borrower} ("Borrower") promises to pay to the order of ${lender} ("Lender") the principal sum stated above, together with interest on the unpaid principal balance at the rate of ${number(loc, 2 + g.random() * 10, 2)}% per annum.\n\n${g.pick(
    [
      "Principal and interest shall be payable in consecutive monthly installments beginning on the first day of the month following the date of this Note.",
      "The entire unpaid principal and accrued interest shall be due and payable on demand, but in no event later than twenty-four months from the date hereof.",
      "Borrower may prepay this Note in whole or in part at any time without penalty.",
    ],
  )} ${g.pick([
    "If any installment is not paid within ten days of its due date, the holder may declare the entire balance immediately due.",
    "This Note is secured by a deed of trust on real property of even date herewith.",
    "Borrower waives presentment, demand, protest and notice of dishonor.",
  ])}\n\nThis Note shall be governed by ${loc.law}.\n\n_____________________\n${borrower}, Borrower`;
  return { text, subject: "Promissory note" };
}

function intercompany(g: Gen): Draft {
  const loc = locale(g);
  const a = company(g, loc, "Holdings");
  const b = company(g, loc);
  const text = `Intercompany loan agreement\n\nThis agreement is made on ${date(g, loc)} between ${a} ("Lender") and its subsidiary ${b} ("Borrower").\n\n1. Loan. The Lender shall lend ${money(g, loc, 100000, 90000000, "code")} to the Borrower to fund ${g.pick(["the construction of the new distribution centre", "working capital needs", "the acquisition of the shares of a competitor", "the repayment of the third-party bank facility"])}.\n2. Interest. Interest at an arm's length rate of ${number(loc, 1 + g.random() * 6, 2)}% per annum, supported by the group transfer pricing study, accrues and is capitalised annually.\n3. Repayment. The Borrower shall repay the loan ${g.pick(["on demand", "within five years", "in annual instalments"])}; the Lender may set the loan off against any dividend payable.\n4. Subordination. The loan is subordinated to the Borrower's obligations under its senior facilities.\n5. Law. ${loc.law}.\n\nSigned: ${person(g, loc)} for the Lender; ${person(g, loc)} for the Borrower.`;
  return { text, subject: "Intercompany loan" };
}

function amendment(g: Gen): Draft {
  const loc = locale(g);
  const lender = company(g, loc, "Bank");
  const borrower = company(g, loc);
  const text = `${g.pick(["Amendment and restatement agreement", "FIRST AMENDMENT TO CREDIT AGREEMENT", "Side letter", "Waiver and amendment letter"])}\n\nTo: ${borrower}\nFrom: ${lender}\nDate: ${date(g, loc)}\n\nWe refer to the ${g.pick(["term facility agreement", "credit agreement", "loan agreement"])} dated ${date(g, loc, 2015, 2023)} between you as borrower and us as lender (the "Loan Agreement"). Terms defined in the Loan Agreement have the same meaning in this letter.\n\n${g.pick(
    [
      `With effect from the Effective Date the Termination Date is extended to ${date(g, loc, 2026, 2032)} and the Margin is increased to ${number(loc, 1 + g.random() * 4, 2)}% per annum.`,
      "We agree to waive the breach of the leverage covenant for the test date ending 31 December, on condition that no further Event of Default occurs and an amendment fee is paid.",
      `The Facility amount is increased by ${money(g, loc, 100000, 10000000, "code")}; all other terms of the Loan Agreement remain in full force and effect.`,
    ],
  )}\n\nThis letter is a Finance Document and is governed by ${loc.law}. Please countersign to confirm your agreement.\n\nFor the Lender: ${person(g, loc)}\nAgreed and accepted for the Borrower: ${person(g, loc)}`;
  return { text, subject: "Amendment to loan agreement" };
}

function termSheet(g: Gen): Draft {
  const loc = locale(g);
  const text = `Summary of terms – ${g.pick(["secured term loan", "equipment finance loan", "commercial mortgage loan", "SME growth loan"])} (binding upon signature of the loan agreement)\n\nBorrower: ${company(g, loc)}\nLender: ${company(g, loc, "Bank")}\nLoan amount: ${money(g, loc, 50000, 20000000)}\nTerm: ${g.int(2, 25)} years\nInterest: ${g.pick(["base rate +", "SOFR +", "fixed"])} ${number(loc, 1 + g.random() * 5, 2)}%\nArrangement fee: ${number(loc, 0.5 + g.random() * 1.5, 2)}% of the loan amount\nLoan-to-value: max ${g.int(50, 80)}%\nRepayment: ${g.pick(["capital and interest monthly", "interest only for 24 months, then amortising", "balloon of 40% at maturity"])}\nSecurity: ${g.pick(["first legal charge over the property", "chattel mortgage over the financed equipment", "all-asset debenture and personal guarantees"])}\nConditions precedent: valuation, satisfactory KYC on the borrower and its beneficial owners, legal opinion, board resolution\nDefault: non-payment, insolvency, breach of covenants`;
  return { text, subject: "Loan terms" };
}

export const loanAgreementBuilders = [
  facility,
  facility,
  facility,
  consumer,
  note,
  intercompany,
  amendment,
  termSheet,
];
