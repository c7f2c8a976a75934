// Trains the default model from the corpus and writes the runtime's model/default.json (commit the
// result).
//   npm run train:classify -- [--check]
// --check writes nothing and exits 1 when the committed model differs from a fresh training.
import { readFileSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { DEFAULT_MODEL_PATH } from "../../runtime/ai/classify/index.ts";
import { trainDefaultModel } from "./default-training.ts";
import { formatScores } from "./report.ts";

const started = performance.now();
const { model, report } = trainDefaultModel();
// Indented as the formatter (biome) would, so formatting the repository leaves the file alone.
const json = `${JSON.stringify(model.toJSON(), null, 2)}\n`;
const seconds = ((performance.now() - started) / 1000).toFixed(1);

if (process.argv.includes("--check")) {
  // Compared as data: the formatter may re-indent the committed file.
  const same = isDeepStrictEqual(JSON.parse(readFileSync(DEFAULT_MODEL_PATH, "utf8")), model.toJSON());
  console.log(
    same
      ? "model/default.json matches the corpus"
      : "model/default.json is stale: run npm run train:classify",
  );
  process.exit(same ? 0 : 1);
}
writeFileSync(DEFAULT_MODEL_PATH, json);
console.log(
  `trained on ${report.examples} examples in ${seconds}s; ${report.folds}-fold cross-validated accuracy ${(report.accuracy * 100).toFixed(1)}%, confidence scale ${report.scale}`,
);
console.log(
  formatScores({
    accuracy: report.accuracy,
    examples: report.examples,
    labels: report.perLabel,
    confusion: report.confusion,
  }),
);
console.log(`wrote ${DEFAULT_MODEL_PATH} (${(json.length / 1024).toFixed(0)} KiB)`);
