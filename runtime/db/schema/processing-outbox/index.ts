export { type ProcessingOutboxRow, processingOutbox } from "./processing-outbox.ts";
