// Extractive summaries: the document's own most informative sentences, in their original order.
// A sentence scores by the document-level frequency of its content words (stop words and
// punctuation excluded), normalized by length so long sentences do not win by size alone, with a
// small bonus for the opening sentences, where regulated documents state their purpose.
import { nlp } from "./nlp.ts";

export interface SummaryOptions {
  /** Sentences to keep. @default 3 */
  maxSentences?: number;
  /** Cap on the summary's characters (whole sentences only). @default 1200 */
  maxChars?: number;
}

export interface Summary {
  summary: string;
  /** The picked sentences with their position in the document and score. */
  sentences: { index: number; text: string; score: number }[];
  /** Sentences in the document. */
  total: number;
}

export function summarize(text: string, { maxSentences = 3, maxChars = 1200 }: SummaryOptions = {}): Summary {
  const engine = nlp();
  const its = engine.its;
  const doc = engine.readDoc(text);
  const sentences: { index: number; text: string; words: string[] }[] = [];
  doc.sentences().each((s, index) => {
    const words = s
      .tokens()
      .filter((t) => t.out(its.type) === "word" && !t.out(its.stopWordFlag))
      .out(its.normal) as string[];
    sentences.push({ index, text: s.out().trim(), words });
  });
  const frequency = new Map<string, number>();
  for (const s of sentences) for (const w of s.words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const top = Math.max(1, ...frequency.values());
  const scored = sentences
    .filter((s) => s.words.length >= 3)
    .map((s) => {
      const weight = s.words.reduce((sum, w) => sum + (frequency.get(w) ?? 0) / top, 0);
      const lead = s.index < 2 ? 1.15 : 1;
      return {
        index: s.index,
        text: s.text,
        score: Math.round((weight / Math.sqrt(s.words.length)) * lead * 1000) / 1000,
      };
    })
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const picked: typeof scored = [];
  let chars = 0;
  for (const s of scored) {
    if (picked.length >= maxSentences) break;
    if (chars + s.text.length > maxChars && picked.length > 0) continue;
    picked.push(s);
    chars += s.text.length + 1;
  }
  picked.sort((a, b) => a.index - b.index);
  return { summary: picked.map((s) => s.text).join(" "), sentences: picked, total: sentences.length };
}
