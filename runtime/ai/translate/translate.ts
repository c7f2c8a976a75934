// Translation goes to a provider chosen by configuration: any endpoint speaking the OpenAI chat
// completions protocol (OpenAI, Azure OpenAI's compatible route, vLLM, Ollama, LiteLLM …). No
// model ships with the runtime, so without configuration translation is simply not available.
import { z } from "zod";

export interface TranslationRequest {
  text: string;
  /** BCP 47 tag, e.g. "de" or "pt-BR". */
  target: string;
  /** Omitted: the provider detects it. */
  source?: string;
}

export interface Translation {
  text: string;
  target: string;
  source?: string;
  provider: string;
  model: string;
}

export interface TranslationProvider {
  readonly name: string;
  translate(request: TranslationRequest, signal?: AbortSignal): Promise<Translation>;
}

/** The provider answered badly or not at all: the route maps it to 503. */
export class TranslationUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TranslationUnavailableError";
  }
}

export const TranslationEnvSchema = z.object({
  /** Base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1 */
  TRANSLATION_API_URL: z.url({ protocol: /^https?$/ }),
  TRANSLATION_API_KEY: z.string().min(1).optional(),
  TRANSLATION_MODEL: z.string().min(1).default("gpt-4o-mini"),
  TRANSLATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
});

export const HOW_TO_CONFIGURE =
  "translation is not configured: set TRANSLATION_API_URL to an OpenAI-compatible endpoint (e.g. https://api.openai.com/v1), and TRANSLATION_API_KEY and TRANSLATION_MODEL as it needs";

/** The provider from the environment; `val` undefined when TRANSLATION_API_URL is unset. */
export function translationFromEnv(
  env: Record<string, string | undefined>,
  fetchFn: typeof fetch = fetch,
): { val: TranslationProvider | undefined; err?: undefined } | { val?: undefined; err: string } {
  if (!env.TRANSLATION_API_URL) return { val: undefined };
  const parsed = TranslationEnvSchema.safeParse({
    TRANSLATION_API_URL: env.TRANSLATION_API_URL,
    TRANSLATION_API_KEY: env.TRANSLATION_API_KEY || undefined,
    TRANSLATION_MODEL: env.TRANSLATION_MODEL || undefined,
    TRANSLATION_TIMEOUT_MS: env.TRANSLATION_TIMEOUT_MS || undefined,
  });
  if (!parsed.success) {
    return {
      err: `invalid translation configuration: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")}`,
    };
  }
  const e = parsed.data;
  return {
    val: openAiCompatible({
      baseUrl: e.TRANSLATION_API_URL,
      model: e.TRANSLATION_MODEL,
      timeoutMs: e.TRANSLATION_TIMEOUT_MS,
      fetch: fetchFn,
      ...(e.TRANSLATION_API_KEY ? { apiKey: e.TRANSLATION_API_KEY } : {}),
    }),
  };
}

const Completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

export function openAiCompatible(options: {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): TranslationProvider {
  const { baseUrl, model, apiKey, timeoutMs = 30_000 } = options;
  const fetchFn = options.fetch ?? fetch;
  const url = `${baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return {
    name: "openai-compatible",
    async translate(request, signal) {
      const from = request.source ? ` from ${request.source}` : "";
      const body = {
        model,
        temperature: 0,
        messages: [
          {
            role: "system",
            content: `Translate the user's text${from} into ${request.target}. Keep numbers, amounts, dates, names and formatting. Answer with the translation only.`,
          },
          { role: "user", content: request.text },
        ],
      };
      let res: Response;
      try {
        res = await fetchFn(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal: signal
            ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
            : AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new TranslationUnavailableError(
          `the translation provider did not answer: ${(err as Error).message}`,
          { cause: err },
        );
      }
      if (!res.ok) {
        // The provider's body may echo the request; keep only the status in the error.
        throw new TranslationUnavailableError(`the translation provider answered HTTP ${res.status}`);
      }
      const parsed = Completion.safeParse(await res.json().catch(() => undefined));
      if (!parsed.success)
        throw new TranslationUnavailableError(
          "the translation provider's answer has no choices[0].message.content",
        );
      return {
        text: parsed.data.choices[0]?.message.content.trim() ?? "",
        target: request.target,
        ...(request.source ? { source: request.source } : {}),
        provider: "openai-compatible",
        model,
      };
    },
  };
}
