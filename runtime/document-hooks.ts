// Connects the documents module to the rest of the runtime: new bytes start the pipeline, every
// change is announced to the tenant's webhooks, an upload is virus-scanned before anything is
// stored (runtime/scan: infected refused, scanner down held in pending_scan), and an upload
// carrying personal data is refused when the tenant's ComplianceProfile says `pii: block`.
import { readFile } from "node:fs/promises";
import type { Logger } from "pino";
import { applyPiiPolicy, extractEntitiesOffThread } from "./ai/entities/index.ts";
import { ApiError } from "./app/index.ts";
import { type AuditOptions, entryFromContext } from "./audit/index.ts";
import type { DocumentHooks, ScreenInput } from "./documents/events.ts";
import { within } from "./outbox/index.ts";
import { extractText, UnreadableDocumentError } from "./pipeline/extract/index.ts";
import type { PipelineEvent, TenantPolicy } from "./pipeline/handlers/index.ts";
import type { Pipeline } from "./pipeline/index.ts";
import {
  type ClamdClient,
  markUnscanned,
  type QuarantineDeps,
  recordRefusedUpload,
  scanUpload,
} from "./scan/index.ts";
import { type DispatchDeps, fanOut } from "./webhooks/index.ts";

export interface DocumentHooksDeps {
  pipeline: Pick<Pipeline, "enqueue">;
  webhooks: DispatchDeps;
  policyFor(tenantId: string): TenantPolicy;
  logger: Logger;
  /** How long an upload waits for the pipeline's queue before leaving it to the outbox. @default 2000 */
  enqueueTimeoutMs?: number;
  /** Told when an upload is refused as infected (notifications). */
  onQuarantined?: QuarantineDeps["onQuarantined"];
  /** The virus scanner (runtime/scan); without it uploads are stored unscanned. */
  scanner?: Pick<ClamdClient, "scan" | "streamMaxBytes">;
  /** The audit chain's HMAC key(s), for the entry of a refused infected upload. */
  auditKey?: AuditOptions["key"];
}

export function documentHooks(deps: DocumentHooksDeps): DocumentHooks {
  return {
    async screen(input) {
      // Scanned first: nothing parses the bytes (the PII screen below does) before the scanner saw them.
      const virusScan = deps.scanner ? await virusScreen(deps, deps.scanner, input) : undefined;
      await piiScreen(deps, input);
      return virusScan ? { virusScan } : undefined;
    },
    async onEvent(event) {
      // A document held for its virus scan is processed once the scan finds it clean (runtime/scan).
      if (event.version !== undefined && event.data.status !== "pending_scan") {
        // Bounded: with Redis down the client would hold the upload's answer through its
        // reconnects. The version's outbox row (written with it) lets the worker's relay enqueue
        // it later, and the job id keeps a late duplicate single.
        await within(
          deps.pipeline.enqueue({
            tenantId: event.tenantId,
            documentId: event.documentId,
            version: event.version,
          }),
          deps.enqueueTimeoutMs ?? 2_000,
          "pipeline enqueue",
        ).catch((err: Error) =>
          deps.logger.warn(
            { err: err.message, document: event.documentId, version: event.version },
            "pipeline not reached; the outbox relay will enqueue this version",
          ),
        );
      }
      await fanOut(deps.webhooks, {
        id: `evt_${event.type.replace(".", "_")}_${event.changeId}`,
        type: event.type,
        tenantId: event.tenantId,
        data: {
          document_id: event.documentId,
          ...(event.version === undefined ? {} : { version: event.version }),
          ...event.data,
        },
      });
    },
  };
}

async function virusScreen(
  deps: DocumentHooksDeps,
  scanner: NonNullable<DocumentHooksDeps["scanner"]>,
  input: ScreenInput,
) {
  const { tenantId } = input;
  const outcome = await scanUpload(
    {
      client: scanner,
      failOpen: (t) => deps.policyFor(t).virusScanFailOpen === true,
      logger: deps.logger,
      onInfected: (signature) =>
        recordRefusedUpload(
          {
            databases: deps.webhooks.databases,
            webhooks: deps.webhooks,
            ...(deps.auditKey ? { auditKey: deps.auditKey } : {}),
            ...(deps.onQuarantined ? { onQuarantined: deps.onQuarantined } : {}),
          },
          {
            tenantId,
            actor: input.context
              ? entryFromContext(input.context, { action: "document.quarantined", resourceType: "document" })
              : { actorType: "system" },
            name: input.name ?? "",
            contentType: input.contentType,
            sha256: input.sha256 ?? "",
            size: input.size,
            signature,
            ...(input.documentId ? { documentId: input.documentId } : {}),
          },
        ),
    },
    { tenantId, path: input.path, size: input.size, kind: input.kind ?? "document" },
  );
  // A version accepted unscanned (fail open) makes its document one the worker scans again later.
  if (outcome === "unscanned" && input.kind === "version" && input.documentId) {
    await markUnscanned(deps.webhooks.databases, tenantId, input.documentId);
  }
  return outcome;
}

async function piiScreen(
  deps: DocumentHooksDeps,
  { tenantId, path, contentType }: ScreenInput,
): Promise<void> {
  if (deps.policyFor(tenantId).pii !== "block") return;
  let text: string;
  try {
    text = (await extractText(await readFile(path), contentType)).text;
  } catch (err) {
    // Bytes that cannot be read as text hold no text to screen; the pipeline records why.
    if (err instanceof UnreadableDocumentError) return;
    throw err;
  }
  // The screen runs on the upload's request: extraction goes to a worker thread, so a large
  // document does not stall the API's other requests.
  const decision = applyPiiPolicy(text, "block", { entities: await extractEntitiesOffThread(text) });
  if (decision.action === "reject") {
    throw new ApiError({
      code: "UNPROCESSABLE_ENTITY",
      message: `upload refused: ${decision.reason}; nothing was stored`,
      details: [{ field: "file", message: decision.reason }],
    });
  }
}

/** The pipeline's notify step → webhooks, with ids derived from the version so a re-run adds nothing. */
export function pipelineNotifier(webhooks: DispatchDeps): (event: PipelineEvent) => Promise<number> {
  return (event) =>
    fanOut(webhooks, {
      id: `evt_${event.type.replace(".", "_")}_${String(event.data.document_id)}_v${String(event.data.version)}`,
      type: event.type,
      tenantId: event.tenantId,
      data: event.data,
    });
}
