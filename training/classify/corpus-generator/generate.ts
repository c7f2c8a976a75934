// Writes the labeled corpus (corpus/<type>.jsonl) from the hand-written fragments in this folder.
// The corpus is committed as static text; this script exists so its making is reviewable and
// repeatable. It refuses candidates too similar to an example already written, so every example
// adds something.
//   npm run corpus:generate -- [--write]
import { writeFileSync } from "node:fs";
import { DOCUMENT_TYPES, type DocumentType } from "../../../runtime/ai/document-types.ts";
import { CORPUS_DIR, jaccard, wordSet } from "../corpus.ts";
import { auditReportBuilders } from "./audit-report.ts";
import { bankStatementBuilders } from "./bank-statement.ts";
import { emailWrap, Gen, locale, ocr, truncate } from "./common.ts";
import { complaintBuilders } from "./complaint.ts";
import { HANDWRITTEN } from "./handwritten.ts";
import { type Draft, invoiceBuilders } from "./invoice.ts";
import { kycFormBuilders } from "./kyc-form.ts";
import { loanAgreementBuilders } from "./loan-agreement.ts";
import { ndaBuilders } from "./nda.ts";
import { payslipBuilders } from "./payslip.ts";
import { policyBuilders } from "./policy.ts";
import { tradeConfirmationBuilders } from "./trade-confirmation.ts";

const PER_TYPE = 50;
const SEED = 7;
/** Stricter than the corpus test's 0.8, so the test has margin. */
const MAX_SIMILARITY = 0.7;

const BUILDERS: Record<DocumentType, ((g: Gen) => Draft)[]> = {
  loan_agreement: loanAgreementBuilders,
  invoice: invoiceBuilders,
  bank_statement: bankStatementBuilders,
  kyc_form: kycFormBuilders,
  nda: ndaBuilders,
  audit_report: auditReportBuilders,
  policy: policyBuilders,
  trade_confirmation: tradeConfirmationBuilders,
  payslip: payslipBuilders,
  complaint: complaintBuilders,
};

function damage(g: Gen, draft: Draft): string {
  let text = draft.text.replace(/\n{3,}/g, "\n\n").trim();
  if (g.chance(0.12)) text = truncate(g, text);
  if (g.chance(0.1)) text = emailWrap(g, locale(g), text, draft.subject);
  // One surface style at most: a scan, a shouting all-caps print, or text that lost its line breaks.
  const style = g.random();
  if (style < 0.15) text = ocr(g, text, g.pick([0.02, 0.05, 0.1]));
  else if (style < 0.22) text = text.toUpperCase();
  else if (style < 0.29) text = text.replace(/\n+/g, " ");
  return text;
}

const g = Gen.seeded(SEED);
const written: Set<string>[] = [];
const files: Record<string, string[]> = {};
let rejected = 0;
for (const type of DOCUMENT_TYPES) {
  const texts: { text: string; source: "handwritten" | "generated" }[] = HANDWRITTEN[type].map((text) => ({
    text,
    source: "handwritten",
  }));
  for (const t of texts) written.push(wordSet(t.text));
  while (texts.length < PER_TYPE) {
    const text = damage(g, g.pick(BUILDERS[type])(g));
    const words = wordSet(text);
    if (written.some((w) => jaccard(w, words) > MAX_SIMILARITY)) {
      rejected++;
      if (rejected > 20000) throw new Error(`cannot find ${PER_TYPE} distinct ${type} examples`);
      continue;
    }
    written.push(words);
    texts.push({ text, source: "generated" });
  }
  // Hand-written examples are spread through the file rather than all at its head.
  files[type] = g
    .shuffle(texts)
    .map((t, i) =>
      JSON.stringify({ id: `${type}-${String(i + 1).padStart(3, "0")}`, source: t.source, text: t.text }),
    );
}

const total = Object.values(files).reduce((n, lines) => n + lines.length, 0);
if (process.argv.includes("--write")) {
  for (const [type, lines] of Object.entries(files))
    writeFileSync(`${CORPUS_DIR}${type}.jsonl`, `${lines.join("\n")}\n`);
  console.log(`wrote ${total} examples to ${CORPUS_DIR} (${rejected} near-duplicate candidates refused)`);
} else {
  console.log(`${total} examples ready (${rejected} refused); pass --write to write them`);
}
