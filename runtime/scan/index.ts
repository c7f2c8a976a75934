// Virus scanning of uploads with ClamAV's clamd (README.md beside this file).
export {
  type ClamdAddress,
  ClamdClient,
  type ClamdClientOptions,
  formatClamdAddress,
  parseClamdAddress,
  ScannerUnavailableError,
  type ScanVerdict,
  StreamTooLargeError,
} from "./clamd-client.ts";
export { type ScanEnv, ScanEnvSchema, type ScanSettings, scanSettingsFromEnv } from "./config.ts";
export {
  type QuarantineDeps,
  type QuarantineEvent,
  type RefusedUpload,
  recordRefusedUpload,
} from "./quarantine.ts";
export {
  markUnscanned,
  type RescanDeps,
  type Rescanner,
  type RescanReport,
  rescanTenant,
  startRescanner,
} from "./rescan.ts";
export { scanUpload, type UploadScanDeps, type UploadScanState, type UploadToScan } from "./upload-scan.ts";
