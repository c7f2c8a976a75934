// Prints span-level precision, recall and F2 per entity type on the labeled fixture set.
//   npm run eval:pii -- [--errors] [--exact] [fixtures.jsonl]
// --exact counts a prediction only when its offsets equal the label's (default: half the union).
// The labeled fixtures and the span metrics stay beside the detectors, whose tests score them too.
import { FIXTURE_PATH, loadFixtures } from "../../runtime/ai/entities/fixtures.ts";
import { extractEntities } from "../../runtime/ai/entities/index.ts";
import { formatTable, matchSpans, scoreDocuments } from "../../runtime/ai/entities/metrics.ts";

const args = process.argv.slice(2);
const showErrors = args.includes("--errors");
const minOverlap = args.includes("--exact") ? 1 : 0.5;
const path = args.find((a) => !a.startsWith("--")) ?? FIXTURE_PATH;

const documents = loadFixtures(path).map((doc) => ({
  doc,
  gold: doc.spans,
  predicted: extractEntities(doc.text),
}));
const scores = scoreDocuments(documents, minOverlap);
const spans = documents.reduce((n, d) => n + d.gold.length, 0);

console.log(`PII evaluation: ${documents.length} documents, ${spans} labeled spans (${path})`);
console.log(
  minOverlap === 1
    ? "A prediction counts when its type and offsets equal a label's.\n"
    : "A prediction counts when its type matches and it overlaps a label by at least half their union.\n",
);
console.log(formatTable(scores));

if (showErrors) {
  console.log("\nErrors:");
  for (const { doc, gold, predicted } of documents) {
    const { missed, spurious } = matchSpans(gold, predicted, minOverlap);
    for (const s of missed)
      console.log(`  missed   ${doc.id} ${s.type} ${JSON.stringify(doc.text.slice(s.start, s.end))}`);
    for (const s of spurious)
      console.log(`  spurious ${doc.id} ${s.type} ${JSON.stringify(doc.text.slice(s.start, s.end))}`);
  }
}
