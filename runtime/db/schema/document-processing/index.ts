export { PROCESSING_STATUSES } from "./constants.ts";
export {
  type DocumentAnalysis,
  type DocumentProcessing,
  documentAnalyses,
  documentProcessing,
} from "./document-processing.ts";
