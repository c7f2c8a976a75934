// The provider against a local HTTP server speaking the chat-completions protocol (no real model
// can run here; the server checks what a real endpoint would receive).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOW_TO_CONFIGURE, TranslationUnavailableError, translationFromEnv } from "./index.ts";

let server: Server;
let base: string;
const seen: {
  auth: string | undefined;
  body: { model: string; messages: { role: string; content: string }[] };
}[] = [];
let reply: (req: IncomingMessage) => [number, string] = () => [
  200,
  JSON.stringify({ choices: [{ message: { content: " Hallo Welt " } }] }),
];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    seen.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
    const [status, body] = reply(req);
    res.writeHead(status, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("translationFromEnv", () => {
  it("is off without TRANSLATION_API_URL, and the message says how to turn it on", () => {
    expect(translationFromEnv({})).toEqual({ val: undefined });
    expect(HOW_TO_CONFIGURE).toMatch(/TRANSLATION_API_URL/);
  });
  it("names a bad variable", () => {
    expect(translationFromEnv({ TRANSLATION_API_URL: "ftp://x" }).err).toMatch(
      /^invalid translation configuration: TRANSLATION_API_URL/,
    );
    expect(translationFromEnv({ TRANSLATION_API_URL: "https://x", TRANSLATION_TIMEOUT_MS: "5" }).err).toMatch(
      /TRANSLATION_TIMEOUT_MS/,
    );
  });
});

describe("the OpenAI-compatible provider", () => {
  it("sends the model, the target language and the text, with the key, and returns the answer", async () => {
    const provider = translationFromEnv({
      TRANSLATION_API_URL: `${base}/`,
      TRANSLATION_API_KEY: "sk-test",
      TRANSLATION_MODEL: "m1",
    }).val;
    const out = await provider?.translate({ text: "Hello world", target: "de", source: "en" });
    expect(out).toEqual({
      text: "Hallo Welt",
      target: "de",
      source: "en",
      provider: "openai-compatible",
      model: "m1",
    });
    const last = seen.at(-1);
    expect(last?.auth).toBe("Bearer sk-test");
    expect(last?.body.model).toBe("m1");
    expect(last?.body.messages[0]?.content).toMatch(/from en into de/);
    expect(last?.body.messages[1]).toEqual({ role: "user", content: "Hello world" });
  });
  it.each([
    [500, "{}", /HTTP 500/],
    [200, JSON.stringify({ choices: [] }), /no choices/],
    [200, "not json", /no choices/],
  ])("turns HTTP %i %s into TranslationUnavailableError", async (status, body, message) => {
    reply = () => [status, body];
    const provider = translationFromEnv({ TRANSLATION_API_URL: base }).val;
    const err = await provider?.translate({ text: "x", target: "fr" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TranslationUnavailableError);
    expect((err as Error).message).toMatch(message);
  });
  it("gives up when the provider cannot be reached", async () => {
    const provider = translationFromEnv({ TRANSLATION_API_URL: "http://127.0.0.1:1/v1" }).val;
    await expect(provider?.translate({ text: "x", target: "fr" })).rejects.toThrow(/did not answer/);
  });
});
