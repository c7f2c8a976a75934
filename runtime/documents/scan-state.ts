// Nothing unscanned is served: a document waiting for its virus scan (pending_scan) or found
// infected (quarantined) answers 409 to every read of its bytes or text, and takes no new version
// until its state is settled (runtime/scan).
import { ApiError } from "../app/index.ts";
import type { Document } from "../db/schema/index.ts";

export function refuseUnscanned(doc: Pick<Document, "id" | "status" | "virusSignature">): void {
  if (doc.status === "pending_scan") {
    throw new ApiError({
      code: "CONFLICT",
      message: `document ${doc.id} is waiting for its virus scan (status pending_scan): its content is served once the scan finds it clean`,
      details: [{ field: "status", message: "pending_scan: not yet virus-scanned" }],
      headers: { "Retry-After": "30" },
    });
  }
  if (doc.status === "quarantined") {
    const found = doc.virusSignature ? ` (${doc.virusSignature})` : "";
    throw new ApiError({
      code: "CONFLICT",
      message: `document ${doc.id} is quarantined: the virus scanner found malware${found} and its content was deleted`,
      details: [{ field: "status", message: `quarantined${found}` }],
    });
  }
}
