// Prints the classifier's accuracy on a fixed-seed stratified held-out split of the corpus, the
// per-type precision/recall table and the confusion matrix; then the same for the hand-written
// examples, which test what the generated majority of the corpus cannot: wording no template has.
//   npm run eval:classify -- [--errors]
import { DEFAULT_THRESHOLD } from "../../runtime/ai/classify/index.ts";
import { loadCorpus } from "./corpus.ts";
import { tokenizeCorpus } from "./default-training.ts";
import {
  evaluateHandwritten,
  evaluateHandwrittenUnseen,
  evaluateHeldOut,
  HELD_OUT_FRACTION,
  HELD_OUT_SEED,
  reliability,
  thresholdSweep,
} from "./evaluation.ts";
import { formatConfusion, formatScores } from "./report.ts";

const showErrors = process.argv.includes("--errors");
const examples = tokenizeCorpus(loadCorpus());
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

type Result = ReturnType<typeof evaluateHeldOut>;
function print(title: string, result: Result) {
  console.log(`\n${title}`);
  console.log(
    `trained on ${result.train}, tested on ${result.test}: accuracy ${pct(result.scores.accuracy)}\n`,
  );
  console.log(formatScores(result.scores));
  console.log(`\nConfusion matrix (rows: actual, columns: predicted)\n${formatConfusion(result.scores)}`);
  const sweep = thresholdSweep(result.predictions)
    .map((t) => `${t.threshold.toFixed(1)}: ${pct(t.accuracy)} right, ${pct(t.unknown)} unknown`)
    .join(" | ");
  console.log(`\nBy threshold (default ${DEFAULT_THRESHOLD}; 0.0 is plain top-1): ${sweep}`);
  const bands = reliability(result.predictions)
    .map((b) => `${b.from.toFixed(2)}-${b.to.toFixed(2)}: ${b.right}/${b.count}`)
    .join(" | ");
  console.log(`Best label right, by confidence: ${bands}`);
  const wrong = result.predictions.filter((p) => p.actual !== p.predicted);
  if (showErrors && wrong.length > 0) {
    console.log("\nErrors:");
    for (const p of wrong)
      console.log(`  ${p.id}: predicted ${p.predicted} (confidence ${p.confidence.toFixed(3)})`);
  }
}

console.log(
  `Document classification: ${examples.length} labeled examples, ${new Set(examples.map((e) => e.label)).size} types`,
);
print(
  `== Held-out split: ${pct(HELD_OUT_FRACTION)} of each type, seed ${HELD_OUT_SEED} ==`,
  evaluateHeldOut(examples),
);
print(
  "== Hand-written examples, 5-fold: trained on all generated plus the other folds' hand-written ==",
  evaluateHandwritten(examples),
);
const unseen = evaluateHandwrittenUnseen(examples);
console.log(
  `\nHand-written examples classified by a model trained on generated examples only: ${pct(unseen.scores.accuracy)} of ${unseen.test} (top-1 ${pct(thresholdSweep(unseen.predictions, [0])[0]?.accuracy ?? 0)})`,
);
