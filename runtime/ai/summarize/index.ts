export { nlp } from "./nlp.ts";
export { type Summary, type SummaryOptions, summarize } from "./summarize.ts";
