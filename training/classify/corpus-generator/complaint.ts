import { company, date, type Gen, type Locale, locale, money, person, ref } from "./common.ts";
import type { Draft } from "./invoice.ts";

const SUBJECTS = [
  (g: Gen, l: Locale) =>
    `I was charged twice for invoice ${ref(g, "INV")}: ${money(g, l, 50, 5000)} left my account on two consecutive days and nobody will refund the duplicate`,
  (g: Gen, l: Locale) =>
    `my bank statement shows a monthly fee of ${money(g, l, 5, 30)} that I never agreed to, and the overdraft interest was applied even though I was in credit`,
  (g: Gen, l: Locale) =>
    `my loan repayment of ${money(g, l, 100, 2000)} was taken on the wrong date, causing an unpaid direct debit and a fee`,
  (_g: Gen, _l: Locale) =>
    `you froze my account for three weeks asking for the same KYC documents again, although I had sent my passport and proof of address twice`,
  (g: Gen, l: Locale) =>
    `my sell order was executed ${g.int(20, 90)} minutes late and at a worse price, costing me about ${money(g, l, 100, 9000)}; the trade confirmation shows a different time than the app`,
  (g: Gen, l: Locale) =>
    `my payslip for ${g.pick(["March", "June", "September"])} is wrong: overtime was not paid and too much tax was deducted, so I am short ${money(g, l, 80, 1200)}`,
  (_g: Gen, _l: Locale) =>
    "the adviser sold me an insurance product I did not need and did not explain the charges",
  (g: Gen, l: Locale) =>
    `a card payment of ${money(g, l, 20, 3000)} to a merchant I have never used was not refunded after I reported it as fraud`,
  (_g: Gen, _l: Locale) =>
    "the branch staff were rude and refused to let me withdraw my own money without an appointment",
  (_g: Gen, _l: Locale) =>
    "your mobile app has been down for days and I missed a payment deadline because of it",
  (g: Gen, l: Locale) =>
    `the early repayment charge of ${money(g, l, 200, 8000)} on my mortgage was never mentioned when I took out the loan agreement`,
  (_g: Gen, _l: Locale) =>
    "you shared my personal data with a debt collector even though the debt had been paid",
  (g: Gen, l: Locale) =>
    `the supplier invoiced us ${money(g, l, 500, 20000)} for goods that arrived damaged and their credit note never came`,
];

const OUTCOMES = [
  "I want a full refund and compensation for the time I have spent on this.",
  "Please correct the error, refund the fees and confirm in writing that my credit file has not been affected.",
  "I expect an apology and an explanation of how this happened.",
  "If this is not resolved within eight weeks I will take my complaint to the Financial Ombudsman Service.",
  "I am considering closing all my accounts and moving to another bank.",
  "I would like the charge removed and the interest recalculated.",
];

function letter(g: Gen): Draft {
  const loc = locale(g);
  const me = person(g, loc);
  const what = g.pick(SUBJECTS)(g, loc);
  const text = `${me}\n${date(g, loc)}\n\n${g.pick(["Complaints Department", "Customer Relations", "The Manager", "Customer Service Team"])}\n${company(g, loc, g.pick(["Bank", "Finance", "Securities", "Insurance", "Energy"]))}\n\n${g.pick(["Formal complaint", "Re: Complaint about my account", `Complaint – account ${g.digits(8)}`, "Subject: complaint"])}\n\nDear Sir or Madam,\n\nI am writing to ${g.pick(["make a formal complaint", "complain", "raise a complaint", "express my dissatisfaction"])} because ${what}. ${g.pick(
    [
      `I first raised this by phone on ${date(g, loc)} and was promised a call back that never came.`,
      `This is the ${g.pick(["second", "third", "fourth"])} time I have had to contact you about it.`,
      "I have attached copies of the relevant documents and my notes of the calls.",
      "Your staff told me it was a system error but nothing has been done.",
    ],
  )} ${g.pick([
    "I have been a customer for over ten years and I am very disappointed.",
    "This has caused me considerable stress and inconvenience.",
    "The situation has left me unable to pay my rent on time.",
    "",
  ])}\n\n${g.pick(OUTCOMES)}\n\nYours faithfully,\n${me}\n${g.maybe(0.5, `Customer number ${g.digits(9)}`)}`;
  return { text, subject: "Complaint" };
}

function angry(g: Gen): Draft {
  const loc = locale(g);
  const what = g.pick(SUBJECTS)(g, loc);
  const text = `${g.pick(["Absolutely unacceptable.", "I've had enough.", "Hello,", "Complaint!!", "To whoever reads this -"])} ${what[0]?.toUpperCase()}${what.slice(1)}. ${g.pick(
    [
      "I've been on hold for 2 hours across three calls.",
      "Your chatbot keeps sending me in circles.",
      "Nobody replies to my emails.",
      "The branch says it's head office, head office says it's the branch.",
    ],
  )} ${g.pick(["Sort it out NOW.", "I want this fixed today and my money back.", "Escalate this to a manager please.", "I'll be leaving a review and reporting you to the regulator."])}\n${g.maybe(0.6, `- ${person(g, loc).split(" ")[0]}`)}`;
  return { text, subject: "complaint" };
}

function form(g: Gen): Draft {
  const loc = locale(g);
  const text = `${g.pick(["Complaint form", "Customer complaint – online submission", "COMPLAINT REGISTRATION", "Feedback and complaints form"])}\nReference: ${g.pick(["CMP", "C", "CR"])}-${g.digits(7)}\nReceived: ${date(g, loc)} via ${g.pick(["web form", "telephone", "branch", "email", "social media"])}\n\nComplainant\nName: ${person(g, loc)}\nCustomer/account no.: ${g.digits(8)}\nPreferred contact: ${g.pick(["email", "phone", "post"])}\n\nProduct: ${g.pick(["Current account", "Credit card", "Mortgage", "Personal loan", "Investment ISA", "Business account", "Payroll service", "Invoice financing"])}\nCategory: ${g.pick(["Fees and charges", "Service quality", "Fraud and scams", "Errors in statement", "Delays", "Mis-selling", "Data protection"])}\n\nDetails of complaint\n${g.pick(SUBJECTS)(g, loc)}.\n\nDesired outcome\n${g.pick(OUTCOMES)}\n\nI consent to the firm processing my data to investigate this complaint. ${g.maybe(0.5, "Vulnerable customer flag: yes")}`;
  return { text, subject: "Complaint form" };
}

function record(g: Gen): Draft {
  const loc = locale(g);
  const upheld = g.pick(["Upheld", "Partially upheld", "Not upheld"]);
  const text = `Complaint handling record\nCase ${g.digits(6)} | Opened ${date(g, loc)} | Handler: ${person(g, loc)}\nRegulatory deadline (8 weeks): ${date(g, loc)}\n\nSummary of complaint: customer states that ${g.pick(SUBJECTS)(g, loc)}.\n\nInvestigation: ${g.pick(
    [
      "call recordings reviewed; system logs show the payment was processed twice due to a batch re-run.",
      "statement entries checked against the tariff; the fee was applied in line with the account terms.",
      "trade timestamps reconciled with the order management system; delay caused by a market data outage.",
      "payroll provider confirmed the overtime file was submitted late.",
    ],
  )}\n\nOutcome: ${upheld}. ${upheld === "Not upheld" ? "Final response letter sent explaining our position and referral rights to the ombudsman." : `Redress paid: ${money(g, loc, 25, 2500)} including ${money(g, loc, 25, 300)} for distress and inconvenience.`}\nRoot cause: ${g.pick(["process error", "system defect", "staff training", "third-party failure", "customer misunderstanding"])}\nFinal response issued: ${date(g, loc)}`;
  return { text, subject: "Complaint record" };
}

function response(g: Gen): Draft {
  const loc = locale(g);
  const text = `${company(g, loc, g.pick(["Bank", "Finance", "Insurance"]))}\nCustomer Resolution Team\n\nDear ${person(g, loc)},\n\nYour complaint – reference ${g.digits(8)}\n\nThank you for contacting us about your complaint. You told us that ${g.pick(SUBJECTS)(g, loc)}. I am sorry for the frustration this has caused.\n\n${g.pick(
    [
      `Having investigated, I agree we got this wrong. We have refunded ${money(g, loc, 10, 900)} to your account and added ${money(g, loc, 25, 250)} as a gesture of goodwill.`,
      "I have reviewed your account and the call notes. I do not think we made an error, because the charges are set out in the terms you accepted, but I have explained them again below.",
      "We need a little more time to complete our investigation. We will write to you again within four weeks.",
    ],
  )}\n\nThis is our final response. If you remain unhappy, you can refer your complaint to the ${g.pick(["Financial Ombudsman Service", "Ombudsman", "Banking Ombudsman", "Australian Financial Complaints Authority"])} within six months of the date of this letter. Their service is free.\n\nYours sincerely,\n${person(g, loc)}\nComplaints Manager`;
  return { text, subject: "Your complaint" };
}

function employee(g: Gen): Draft {
  const loc = locale(g);
  const text = `${g.pick(["Formal grievance", "Employee complaint", "Grievance letter"])}\n\nTo: HR Department, ${company(g, loc)}\nFrom: ${person(g, loc)}, ${g.pick(["warehouse team", "customer service", "trading desk", "finance"])}\nDate: ${date(g, loc)}\n\nI wish to raise a formal grievance ${g.pick(
    [
      "about the repeated errors in my payslips, which have underpaid my overtime for three months running",
      "about my line manager's conduct in meetings, which I consider bullying",
      "about the way my request for flexible working was handled",
      "because my expenses claim was rejected although it complied with the travel and expenses policy",
    ],
  )}. ${g.pick(["I raised this informally on several occasions without result.", "I have kept emails that support this.", "Colleagues witnessed the incidents described."])} I request a meeting under the grievance procedure and would like to be accompanied by a ${g.pick(["colleague", "trade union representative"])}.\n\n${person(g, loc)}`;
  return { text, subject: "Grievance" };
}

// A long complaint setting out what happened when, as customers write once they have given up on
// the phone line.
function chronology(g: Gen): Draft {
  const loc = locale(g);
  const me = person(g, loc);
  const firm = company(g, loc, g.pick(["Bank", "Finance", "Securities", "Payments"]));
  const events = g.some(
    [
      `${date(g, loc)}: I noticed that ${g.pick(SUBJECTS)(g, loc)}.`,
      `${date(g, loc)}: I called your helpline and waited ${g.int(30, 95)} minutes before being cut off.`,
      `${date(g, loc)}: I called again; the agent (${person(g, loc).split(" ")[0]}) said the matter was escalated and I would hear back within five working days. I did not.`,
      `${date(g, loc)}: I sent a secure message through online banking. The automated reply promised an answer within 48 hours.`,
      `${date(g, loc)}: I visited the ${g.pick(loc.cities)} branch with copies of my statements. Staff could not see the case on their system.`,
      `${date(g, loc)}: I received a letter asking me to send documents I had already provided twice.`,
      `${date(g, loc)}: A second ${g.pick(["fee", "charge", "debit"])} of ${money(g, loc, 5, 300)} was applied while the matter was supposedly under review.`,
      `${date(g, loc)}: My ${g.pick(["rent", "mortgage payment", "supplier payment", "child's school fees"])} bounced because of the money withheld.`,
    ],
    4,
    7,
  );
  const text = `${me}\n${g.pick(["Formal complaint", "Complaint and request for final response", "Complaint – chronology of events"])}\nTo: ${firm}, complaints department\n\nDear Sir or Madam,\n\nI am making a formal complaint about the way my ${g.pick(["account", "loan", "investment account", "card"])} has been handled. Because I have had to explain this so many times, I have set out below exactly what happened and when.\n\n${events.join("\n")}\n\n${g.pick(
    [
      "At no point has anyone taken ownership of the problem. Each contact has started from scratch.",
      "I have kept a note of every call, with dates, times and the names I was given.",
      "The stress this has caused has affected my health and my work.",
    ],
  )} ${g.pick(OUTCOMES)} I also ask you to explain what you will change so that this does not happen to other customers.\n\nPlease send me your final response in writing. If I do not hear from you within eight weeks I will refer the matter to the ombudsman.\n\nYours faithfully,\n${me}`;
  return { text, subject: "Formal complaint" };
}

export const complaintBuilders = [
  letter,
  letter,
  letter,
  angry,
  form,
  form,
  record,
  response,
  employee,
  chronology,
];
