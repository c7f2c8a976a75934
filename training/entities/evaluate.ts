// Prints span-level precision, recall and F2 per entity type.
//   npm run eval:pii -- [--errors] [--exact] [--corpus fixtures|presidio|sec|wikigold|all]
//                       [--split dev|test] [fixtures.jsonl]
// The project's own labeled fixtures are the default; --corpus names public corpora this project
// did not write (training/entities/corpora/README.md). Their "test" split is the held-out half:
// rules are written looking at "dev" errors only.
// --exact counts a prediction only when its offsets equal the label's (default: half the union).
import { FIXTURE_PATH, loadFixtures } from "../../runtime/ai/entities/fixtures.ts";
import { type Entity, type ExtractOptions, extractEntities } from "../../runtime/ai/entities/index.ts";
import { formatTable, matchSpans, type Span, scoreDocuments } from "../../runtime/ai/entities/metrics.ts";
import { type CorpusDocument, PUBLIC_CORPORA, type PublicCorpusName } from "./public-corpora.ts";

const args = process.argv.slice(2);
const flagValue = (flag: string) => {
  const i = args.indexOf(flag);
  return i === -1 ? undefined : args[i + 1];
};
const showErrors = args.includes("--errors");
const minOverlap = args.includes("--exact") ? 1 : 0.5;
const corpusArg = flagValue("--corpus") ?? "fixtures";
const split = flagValue("--split") ?? "test";
const flagValues = new Set([flagValue("--corpus"), flagValue("--split")]);
const path = args.find((a) => !a.startsWith("--") && !flagValues.has(a)) ?? FIXTURE_PATH;

const CORPUS_NAMES = ["fixtures", ...Object.keys(PUBLIC_CORPORA), "all"];
if (!CORPUS_NAMES.includes(corpusArg)) {
  console.error(`--corpus must be one of ${CORPUS_NAMES.join(", ")}, got ${JSON.stringify(corpusArg)}`);
  process.exit(2);
}
if (split !== "dev" && split !== "test") {
  console.error(`--split must be dev or test, got ${JSON.stringify(split)}`);
  process.exit(2);
}

interface Scored {
  id: string;
  text: string;
  gold: Span[];
  predicted: Entity[];
}

function report(title: string, documents: Scored[]): void {
  const scores = scoreDocuments(documents, minOverlap);
  const spans = documents.reduce((n, d) => n + d.gold.length, 0);
  console.log(`${title}: ${documents.length} documents, ${spans} labeled spans`);
  console.log(formatTable(scores));
  console.log("");
  if (!showErrors) return;
  console.log("Errors:");
  for (const { id, text, gold, predicted } of documents) {
    const { missed, spurious } = matchSpans(gold, predicted, minOverlap);
    for (const s of missed)
      console.log(`  missed   ${id} ${s.type} ${JSON.stringify(text.slice(s.start, s.end))}`);
    for (const s of spurious)
      console.log(`  spurious ${id} ${s.type} ${JSON.stringify(text.slice(s.start, s.end))}`);
  }
  console.log("");
}

/** Predictions of types the corpus does not label, or inside a region labeled with such a type, are not scored. */
function scoredPredictions(
  doc: CorpusDocument,
  scored: ReadonlySet<string>,
  options: ExtractOptions,
): Entity[] {
  return extractEntities(doc.text, options).filter(
    (e) => scored.has(e.type) && !doc.ignored.some((r) => e.start < r.end && r.start < e.end),
  );
}

console.log(
  minOverlap === 1
    ? "A prediction counts when its type and offsets equal a label's.\n"
    : "A prediction counts when its type matches and it overlaps a label by at least half their union.\n",
);

if (corpusArg === "fixtures" || corpusArg === "all") {
  const documents = loadFixtures(path).map((doc) => ({
    id: doc.id,
    text: doc.text,
    gold: doc.spans,
    predicted: extractEntities(doc.text),
  }));
  report(`Project fixtures (${path})`, documents);
}

const chosen = (corpusArg === "all" ? Object.keys(PUBLIC_CORPORA) : [corpusArg]).filter(
  (name): name is PublicCorpusName => name in PUBLIC_CORPORA,
);
const pooled: Scored[] = [];
for (const name of chosen) {
  const corpus = PUBLIC_CORPORA[name]();
  const scored = new Set<string>(corpus.scored);
  const documents = corpus[split].map((doc) => ({
    id: doc.id,
    text: doc.text,
    gold: doc.spans,
    predicted: scoredPredictions(doc, scored, {}),
  }));
  pooled.push(...documents);
  report(`${corpus.name} (${corpus.licence}), ${split} split`, documents);
}
if (chosen.length > 1) report(`Public corpora pooled, ${split} split`, pooled);
