// Connects the documents module to the rest of the runtime: new bytes start the pipeline, every
// change is announced to the tenant's webhooks, and an upload carrying personal data is refused
// before anything is stored when the tenant's ComplianceProfile says `pii: block`.
import { readFile } from "node:fs/promises";
import type { Logger } from "pino";
import { applyPiiPolicy } from "./ai/entities/index.ts";
import { ApiError } from "./app/index.ts";
import type { DocumentHooks } from "./documents/events.ts";
import { within } from "./outbox/index.ts";
import { extractText, UnreadableDocumentError } from "./pipeline/extract/index.ts";
import type { PipelineEvent, TenantPolicy } from "./pipeline/handlers/index.ts";
import type { Pipeline } from "./pipeline/index.ts";
import { type DispatchDeps, fanOut } from "./webhooks/index.ts";

export interface DocumentHooksDeps {
  pipeline: Pick<Pipeline, "enqueue">;
  webhooks: DispatchDeps;
  policyFor(tenantId: string): TenantPolicy;
  logger: Logger;
  /** How long an upload waits for the pipeline's queue before leaving it to the outbox. @default 2000 */
  enqueueTimeoutMs?: number;
}

export function documentHooks(deps: DocumentHooksDeps): DocumentHooks {
  return {
    async screen({ tenantId, path, contentType }) {
      if (deps.policyFor(tenantId).pii !== "block") return;
      let text: string;
      try {
        text = (await extractText(await readFile(path), contentType)).text;
      } catch (err) {
        // Bytes that cannot be read as text hold no text to screen; the pipeline records why.
        if (err instanceof UnreadableDocumentError) return;
        throw err;
      }
      const decision = applyPiiPolicy(text, "block");
      if (decision.action === "reject") {
        throw new ApiError({
          code: "UNPROCESSABLE_ENTITY",
          message: `upload refused: ${decision.reason}; nothing was stored`,
          details: [{ field: "file", message: decision.reason }],
        });
      }
    },
    async onEvent(event) {
      if (event.version !== undefined) {
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
