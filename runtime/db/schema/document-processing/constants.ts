export const PROCESSING_STATUSES = ["pending", "running", "succeeded", "failed"] as const;
