// The demo's client for the runtime's /api/v2: the typed client generated from the server's
// OpenAPI document (runtime/client), signed in once with `authorize`, and `dataOf`, which turns a
// call's result into the envelope's `data` or an error carrying the status and the API's message.
import { type WspecClient, wspecClient } from "../../runtime/client/index.ts";

export class ApiCallError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

interface Envelope<T> {
  data: T;
}

/** What an openapi-fetch call resolves to, as far as dataOf needs it. */
interface CallResult<T> {
  data?: Envelope<T>;
  error?: { error?: { code?: string; message?: string } } | unknown;
  response: Response;
}

/** The envelope's data of a typed call, or ApiCallError naming `what`, the status and the API's message. */
export async function dataOf<T>(
  what: string,
  call: Promise<CallResult<T>>,
): Promise<{ status: number; data: T }> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) {
    const e = (error as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiCallError(
      response.status,
      e?.code ?? "HTTP_ERROR",
      `${what}: ${response.status} ${e?.message ?? response.statusText}`,
    );
  }
  return { status: response.status, data: data.data };
}

export class RuntimeApi {
  readonly baseUrl: string;
  /** Every path, parameter, body and response typed from the server's document. */
  readonly client: WspecClient;
  private token: string | undefined;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
    this.client = wspecClient(baseUrl);
    this.client.use({
      onRequest: ({ request }) => {
        if (this.token) request.headers.set("authorization", `Bearer ${this.token}`);
        return request;
      },
    });
  }

  authorize(token: string): void {
    this.token = token;
  }

  /**
   * Uploads a document. The upload streams its body (busboy) instead of declaring it to the
   * validator, so the OpenAPI document does not describe it yet and the typed client cannot send
   * it: a plain request, answered in the same envelope.
   */
  async upload<T>(name: string, body: string, contentType: string): Promise<{ status: number; data: T }> {
    const res = await fetch(`${this.baseUrl}/api/v2/documents?name=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: {
        "content-type": contentType,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body,
    });
    const parsed = (await res.json().catch(() => ({}))) as {
      data?: T;
      error?: { code?: string; message?: string };
    };
    if (!res.ok || parsed.data === undefined) {
      throw new ApiCallError(
        res.status,
        parsed.error?.code ?? "HTTP_ERROR",
        `POST /api/v2/documents: ${res.status} ${parsed.error?.message ?? res.statusText}`,
      );
    }
    return { status: res.status, data: parsed.data };
  }
}
