/**
 * pending_scan: stored while the virus scanner was unreachable, served only once a scan finds it
 * clean; quarantined: a scan found malware, its bytes are gone (runtime/scan).
 */
export const DOCUMENT_STATUSES = [
  "uploaded",
  "processing",
  "ready",
  "failed",
  "pending_scan",
  "quarantined",
] as const;
/** documents.virus_scan: the scan's state of the current version (NULL: stored with scanning off). */
export const VIRUS_SCAN_STATES = ["clean", "pending", "unscanned", "infected", "failed"] as const;
export type VirusScanState = (typeof VIRUS_SCAN_STATES)[number];
