// The pinned transport over TLS: it connects to the vetted address yet still checks the
// certificate against the URL's host name. The certificate in testing/ is a self-signed test
// fixture for "receiver.test" only.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver } from "./deliver.ts";
import { createEvent } from "./events.ts";
import { generateSecret } from "./secrets.ts";
import { pinnedTransport } from "./transport.ts";

const fixture = (name: string) => readFileSync(new URL(`./testing/${name}`, import.meta.url));
const cert = fixture("receiver.test.crt");
const secret = generateSecret();
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer({ cert, key: fixture("receiver.test.key") }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        new Webhook(secret).verify(
          Buffer.concat(chunks).toString("utf8"),
          req.headers as Record<string, string>,
        );
        res.writeHead(200).end("ok");
      } catch (err) {
        res.writeHead(400).end((err as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const loopback = [{ address: "127.0.0.1", family: 4 }];
const lookup = async () => loopback;

describe("https delivery through the pinned transport", () => {
  it("verifies the certificate for the URL's name while connecting to the vetted address", async () => {
    const r = await deliver(
      { url: `https://receiver.test:${port}/in`, secrets: [secret] },
      createEvent("ai.processing_completed", { documentId: "d" }),
      {
        allowPrivate: true,
        lookup,
        fetch: pinnedTransport(loopback, { ca: cert }),
      },
    );
    expect(r).toMatchObject({ outcome: "delivered", status: 200, responseSnippet: "ok" });
  });

  it("refuses a certificate that does not name the host, and retries", async () => {
    const r = await deliver(
      { url: `https://other.test:${port}/in`, secrets: [secret] },
      createEvent("document.updated", {}),
      {
        allowPrivate: true,
        lookup,
        fetch: pinnedTransport(loopback, { ca: cert }),
      },
    );
    expect(r).toMatchObject({
      outcome: "retry",
      status: null,
      error: "request failed: ERR_TLS_CERT_ALTNAME_INVALID",
    });
  });

  it("refuses a certificate from an untrusted issuer", async () => {
    const r = await deliver(
      { url: `https://receiver.test:${port}/in`, secrets: [secret] },
      createEvent("document.updated", {}),
      {
        allowPrivate: true,
        lookup,
      },
    );
    expect(r).toMatchObject({
      outcome: "retry",
      status: null,
      error: "request failed: DEPTH_ZERO_SELF_SIGNED_CERT",
    });
  });
});
