export { ExtractionLimitError, UnreadableDocumentError } from "./errors.ts";
export { baseType, type ExtractedText, type ExtractOptions } from "./extract-text.ts";
export {
  ExtractorPool,
  type ExtractorPoolOptions,
  extractText,
  type RunOptions,
  sharedExtractorPool,
} from "./pool.ts";
export { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./zip-guard.ts";
