import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { createEvent, eventBody } from "./events.ts";
import { activeSecrets, generateSecret, isSecret, rotateSecrets, SECRET_PREFIX } from "./secrets.ts";
import { signatureHeaders } from "./signing.ts";

const event = createEvent("document.created", { documentId: "d-1", name: "loan.pdf" });
const body = eventBody(event);

describe("generateSecret", () => {
  it("makes whsec_ secrets of 32 random bytes that the reference library accepts", () => {
    const a = generateSecret();
    const b = generateSecret();
    expect(a).not.toBe(b);
    expect(a.startsWith(SECRET_PREFIX)).toBe(true);
    expect(Buffer.from(a.slice(SECRET_PREFIX.length), "base64")).toHaveLength(32);
    expect(isSecret(a)).toBe(true);
    expect(() => new Webhook(a)).not.toThrow();
  });

  it("tells a secret from other strings", () => {
    expect(isSecret("whsec_")).toBe(false);
    expect(isSecret("whsec_c2hvcnQ=")).toBe(false); // 5 bytes
    expect(isSecret("sk_live_abc")).toBe(false);
  });
});

describe("signatureHeaders", () => {
  it("signs id.timestamp.body as v1 HMAC-SHA256, verified by the Standard Webhooks verifier", () => {
    const secret = generateSecret();
    const h = signatureHeaders(event.id, new Date(), body, [secret]);
    expect(h["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(h["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(h["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, { ...h })).toEqual({
      type: "document.created",
      timestamp: event.timestamp.toISOString(),
      data: { documentId: "d-1", name: "loan.pdf" },
    });
  });

  it("carries one signature per active secret, each verifiable alone", () => {
    const [oldSecret, newSecret] = [generateSecret(), generateSecret()];
    const h = signatureHeaders(event.id, new Date(), body, [newSecret, oldSecret]);
    expect(h["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(newSecret).verify(body, { ...h })).not.toThrow();
    expect(() => new Webhook(oldSecret).verify(body, { ...h })).not.toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, { ...h })).toThrow("No matching signature found");
  });

  it("is rejected when the signature, body, id or timestamp is tampered with", () => {
    const secret = generateSecret();
    const verifier = new Webhook(secret);
    const h = signatureHeaders(event.id, new Date(), body, [secret]);
    const sig = h["webhook-signature"];
    const flipped = `v1,${sig.charAt(3) === "A" ? "B" : "A"}${sig.slice(4)}`;
    expect(() => verifier.verify(body, { ...h, "webhook-signature": flipped })).toThrow(
      WebhookVerificationError,
    );
    expect(() => verifier.verify(body.replace("loan.pdf", "loan2.pdf"), { ...h })).toThrow(
      "No matching signature",
    );
    expect(() => verifier.verify(body, { ...h, "webhook-id": "msg_other" })).toThrow("No matching signature");
    const later = String(Number(h["webhook-timestamp"]) + 1);
    expect(() => verifier.verify(body, { ...h, "webhook-timestamp": later })).toThrow(
      "No matching signature",
    );
  });

  it("is rejected when its timestamp is outside the verifier's five-minute tolerance", () => {
    const secret = generateSecret();
    const verifier = new Webhook(secret);
    const old = signatureHeaders(event.id, new Date(Date.now() - 10 * 60_000), body, [secret]);
    expect(() => verifier.verify(body, { ...old })).toThrow("Message timestamp too old");
    const future = signatureHeaders(event.id, new Date(Date.now() + 10 * 60_000), body, [secret]);
    expect(() => verifier.verify(body, { ...future })).toThrow("Message timestamp too new");
  });

  it("refuses to sign with no secret", () => {
    expect(() => signatureHeaders(event.id, new Date(), body, [])).toThrow("at least one active secret");
  });
});

describe("rotateSecrets", () => {
  const t0 = new Date("2026-11-26T10:00:00Z");
  const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);

  it("keeps the previous secret active for the overlap, then drops it", () => {
    const first = rotateSecrets([], t0);
    expect(first.secrets).toHaveLength(1);
    const second = rotateSecrets(first.secrets, hours(1));
    expect(activeSecrets(second.secrets, hours(1)).map((s) => s.secret)).toEqual([
      second.created.secret,
      first.created.secret,
    ]);
    expect(second.secrets[1]?.expiresAt).toEqual(hours(25));
    expect(activeSecrets(second.secrets, hours(25)).map((s) => s.secret)).toEqual([second.created.secret]);
  });

  it("never keeps more than two: a second rotation within the overlap drops the oldest", () => {
    const a = rotateSecrets([], t0);
    const b = rotateSecrets(a.secrets, hours(1));
    const c = rotateSecrets(b.secrets, hours(2));
    expect(c.secrets.map((s) => s.secret)).toEqual([c.created.secret, b.created.secret]);
    expect(activeSecrets(c.secrets, hours(2))).toHaveLength(2);
  });
});
