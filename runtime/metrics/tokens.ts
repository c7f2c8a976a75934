// Model tokens: a fetch for an OpenAI-compatible provider that counts the `usage` its answers
// report. It reads a clone of the answer, so the caller's parsing is untouched.
import type { RuntimeMetrics } from "./registry.ts";

export type TokenPurpose = "translation";

export function meteredFetch(
  metrics: RuntimeMetrics,
  purpose: TokenPurpose,
  fetchFn: typeof fetch = fetch,
): typeof fetch {
  return async (input, init) => {
    const res = await fetchFn(input, init);
    if (res.ok && (res.headers.get("content-type") ?? "").includes("json")) {
      try {
        const body = (await res.clone().json()) as {
          usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
        };
        const count = (kind: "prompt" | "completion", n: unknown) => {
          if (typeof n === "number" && Number.isFinite(n) && n > 0)
            metrics.modelTokens.inc({ purpose, kind }, n);
        };
        count("prompt", body?.usage?.prompt_tokens);
        count("completion", body?.usage?.completion_tokens);
      } catch {
        // Not JSON after all: the caller reports that; nothing to count.
      }
    }
    return res;
  };
}
