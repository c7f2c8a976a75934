// A small JSON client for the runtime's /api/v2: the `data` of the envelope, or an error that
// carries the status and the API's own message.
export class ApiCallError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class RuntimeApi {
  readonly baseUrl: string;
  private token: string | undefined;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  authorize(token: string): void {
    this.token = token;
  }

  async call<T>(
    method: string,
    path: string,
    body?: { json: unknown } | { text: string; contentType: string },
  ): Promise<{ status: number; data: T }> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: string | undefined;
    if (body && "json" in body) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers["content-type"] = body.contentType;
      payload = body.text;
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await res.text();
    let parsed: { data?: T; error?: { code?: string; message?: string } } = {};
    try {
      parsed = JSON.parse(text);
    } catch {}
    if (!res.ok) {
      throw new ApiCallError(
        res.status,
        parsed.error?.code ?? "HTTP_ERROR",
        `${method} ${path}: ${res.status} ${parsed.error?.message ?? text.slice(0, 200)}`,
      );
    }
    return { status: res.status, data: parsed.data as T };
  }
}
