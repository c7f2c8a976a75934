// Step 1: the version's bytes from storage → plain text, kept in the analysis row.
import { extractText, UnreadableDocumentError } from "../extract/index.ts";
import { PermanentStepError, type StepHandler } from "../pipeline.ts";
import type { HandlerDeps } from "./deps.ts";
import { loadVersion, saveAnalysis } from "./load.ts";

const DEFAULT_MAX = 100 * 1024 * 1024;

export function extractStep(deps: HandlerDeps): StepHandler {
  return async ({ ref }) => {
    const { version } = await deps.databases.withTenant(ref.tenantId, (tx) => loadVersion(tx, ref));
    const max = deps.maxBytes ?? DEFAULT_MAX;
    if (version.sizeBytes > max) {
      throw new PermanentStepError(
        `the document is ${version.sizeBytes} bytes; text is extracted from at most ${max}`,
      );
    }
    const { body } = await deps.storage.get(version.storageKey);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    let extracted: Awaited<ReturnType<typeof extractText>>;
    try {
      extracted = await extractText(Buffer.concat(chunks), version.contentType);
    } catch (err) {
      if (err instanceof UnreadableDocumentError) throw new PermanentStepError(err.message, { cause: err });
      throw err;
    }
    const { text, ...about } = extracted;
    await deps.databases.withTenant(ref.tenantId, (tx) =>
      saveAnalysis(tx, ref, { extraction: { ...about, chars: text.length, text } }),
    );
    return { ...about, chars: text.length };
  };
}
