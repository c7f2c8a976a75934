// The package ships no types; these cover the calls the classifier makes.
declare module "wink-naive-bayes-text-classifier" {
  export interface NaiveBayesTextClassifier {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    learn(tokens: string[], label: string): boolean;
    consolidate(): boolean;
    /** log2 odds of each label against all the others, best first; [["unknown", 0]] when no token is known. */
    computeOdds(tokens: string[]): [string, number][];
    exportJSON(): string;
    importJSON(json: string): boolean;
    stats(): {
      labelWiseSamples: Record<string, number>;
      labelWiseWords: Record<string, number>;
      vocabulary: number;
    };
  }
  const naiveBayesTextClassifier: () => NaiveBayesTextClassifier;
  export default naiveBayesTextClassifier;
}
