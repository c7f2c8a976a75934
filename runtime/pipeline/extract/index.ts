export {
  baseType,
  type ExtractedText,
  type ExtractOptions,
  extractText,
  UnreadableDocumentError,
} from "./extract-text.ts";
