// The upload path's scan, before anything is stored: clean bytes go on; infected bytes are
// refused (422 naming the signature) after the caller records and announces them; bytes longer
// than the scanner takes are refused (413). With the scanner unreachable, a new document is held
// in pending_scan (fail closed) unless the tenant's profile allows fail open, and a new version
// is refused with 503 (its document's current version stays served).
import { createReadStream } from "node:fs";
import type { Logger } from "pino";
import { ApiError } from "../app/index.ts";
import {
  type ClamdClient,
  ScannerUnavailableError,
  type ScanVerdict,
  StreamTooLargeError,
} from "./clamd-client.ts";

/** What the upload goes on with: clean, held (pending_scan), or accepted unscanned (fail open). */
export type UploadScanState = "clean" | "pending" | "unscanned";

export interface UploadToScan {
  tenantId: string;
  /** The spooled upload on local disk. */
  path: string;
  size: number;
  /** A new document can wait in pending_scan; a new version of a served document cannot. */
  kind: "document" | "version";
}

export interface UploadScanDeps {
  client: Pick<ClamdClient, "scan" | "streamMaxBytes">;
  /** The tenant's ComplianceProfile allows serving uploads the scanner could not see. */
  failOpen(tenantId: string): boolean;
  /** Records and announces an infected upload; runs before the refusal is answered. */
  onInfected(signature: string): Promise<void>;
  logger: Logger;
}

export async function scanUpload(deps: UploadScanDeps, upload: UploadToScan): Promise<UploadScanState> {
  const limit = deps.client.streamMaxBytes;
  if (limit !== undefined && upload.size > limit) throw tooLargeToScan(upload.size, limit);
  let verdict: ScanVerdict;
  try {
    verdict = await deps.client.scan(createReadStream(upload.path));
  } catch (err) {
    if (err instanceof StreamTooLargeError) throw tooLargeToScan(upload.size, err.limit);
    if (!(err instanceof ScannerUnavailableError)) throw err;
    return unavailable(deps, upload, err);
  }
  if (verdict.status === "clean") return "clean";
  await deps.onInfected(verdict.signature);
  throw new ApiError({
    code: "UNPROCESSABLE_ENTITY",
    message: `upload refused: the virus scanner found ${verdict.signature}; nothing was stored`,
    details: [{ field: "file", message: `infected: ${verdict.signature}` }],
  });
}

function unavailable(deps: UploadScanDeps, upload: UploadToScan, err: Error): UploadScanState {
  const failOpen = deps.failOpen(upload.tenantId);
  deps.logger.warn(
    { err: err.message, tenant: upload.tenantId, kind: upload.kind, failOpen },
    failOpen
      ? "virus scanner unavailable: upload accepted unscanned (fail open)"
      : "virus scanner unavailable",
  );
  if (failOpen) return "unscanned";
  if (upload.kind === "document") return "pending";
  throw new ApiError({
    code: "SERVICE_UNAVAILABLE",
    message:
      "the virus scanner is unavailable and new versions are stored only once scanned; the current version is unchanged, retry shortly",
    details: [{ field: "file", message: "not scanned: the virus scanner is unavailable" }],
    headers: { "Retry-After": "30" },
  });
}

function tooLargeToScan(size: number, limit: number | undefined): ApiError {
  const max = limit === undefined ? "its StreamMaxLength" : `${limit} bytes`;
  return new ApiError({
    code: "PAYLOAD_TOO_LARGE",
    message: `upload refused: ${size} bytes is more than the virus scanner accepts (${max}), and unscanned files are not stored; nothing was stored`,
    details: [{ field: "file", message: `at most ${max} can be virus-scanned` }],
  });
}
