import { createHmac } from "node:crypto";
import { base64url, importPKCS8, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { type AccessTokenService, createAccessTokenService, generateAccessTokenKey } from "./access-token.ts";

const subject = { sub: "user-1", tenant: "tenant-a", role: "document-manager" as const, scopes: ["*"] };
const base = { issuer: "https://api.wspec.local", audience: "wspec-runtime" };
let key: Awaited<ReturnType<typeof generateAccessTokenKey>>;
let service: AccessTokenService;

beforeAll(async () => {
  key = await generateAccessTokenKey("k1");
  service = await createAccessTokenService({
    ...base,
    signingKey: { kid: "k1", privateKeyPem: key.privateKeyPem },
  });
});

async function forge(payload: Record<string, unknown>, header: Record<string, unknown>, pem: string) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "EdDSA", ...header })
    .sign(await importPKCS8(pem, "EdDSA"));
}

describe("access tokens", () => {
  it("issues a short-lived EdDSA at+jwt with sub, tenant, role, scopes and jti, and verifies it", async () => {
    const now = new Date("2026-11-26T08:00:00Z");
    const { token, jti, expiresAt } = await service.issue(subject, now);
    expect(expiresAt.toISOString()).toBe("2026-11-26T08:15:00.000Z");
    const header = JSON.parse(Buffer.from(base64url.decode(token.split(".")[0] ?? "")).toString());
    expect(header).toEqual({ alg: "EdDSA", typ: "at+jwt", kid: "k1" });
    const { val, err } = await service.verify(token, new Date(now.getTime() + 60_000));
    expect(err).toBeUndefined();
    expect(val).toMatchObject({ ...subject, jti, iss: base.issuer, aud: base.audience });
  });

  it("expired → expired", async () => {
    const now = new Date("2026-11-26T08:00:00Z");
    const { token } = await service.issue(subject, now);
    const { err } = await service.verify(token, new Date(now.getTime() + 15 * 60_000 + 6_000));
    expect(err).toMatchObject({ name: "AccessTokenError", code: "expired", message: "access token expired" });
  });

  it("not yet valid → not_yet_valid", async () => {
    const { token } = await service.issue(subject, new Date(Date.now() + 3600_000));
    expect((await service.verify(token)).err?.code).toBe("not_yet_valid");
  });

  it("signed by another key with the same kid → bad_signature", async () => {
    const other = await generateAccessTokenKey("k1");
    const impostor = await createAccessTokenService({
      ...base,
      signingKey: { kid: "k1", privateKeyPem: other.privateKeyPem },
    });
    const { token } = await impostor.issue(subject);
    expect((await service.verify(token)).err).toMatchObject({
      code: "bad_signature",
      message: "access token signature is invalid",
    });
  });

  it("tampered payload (role escalated) → bad_signature", async () => {
    const { token } = await service.issue(subject);
    const [h, p, s] = token.split(".");
    const payload = JSON.parse(Buffer.from(base64url.decode(p ?? "")).toString());
    const forged = base64url.encode(JSON.stringify({ ...payload, role: "global-admin" }));
    expect((await service.verify(`${h}.${forged}.${s}`)).err?.code).toBe("bad_signature");
  });

  it("alg none and HS256 keyed with the public key (alg confusion) are refused", async () => {
    const { token } = await service.issue(subject);
    const p = token.split(".")[1];
    const none = `${base64url.encode(JSON.stringify({ alg: "none", typ: "at+jwt", kid: "k1" }))}.${p}.`;
    expect((await service.verify(none)).err?.code).toMatch(/bad_signature|malformed/);
    const hsHeader = base64url.encode(JSON.stringify({ alg: "HS256", typ: "at+jwt", kid: "k1" }));
    const mac = createHmac("sha256", key.publicKeyPem).update(`${hsHeader}.${p}`).digest();
    expect((await service.verify(`${hsHeader}.${p}.${base64url.encode(mac)}`)).err?.code).toBe(
      "bad_signature",
    );
  });

  it("unknown kid → bad_signature", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await forge(
      { ...subject, jti: "j", iat: now, nbf: now, exp: now + 60, iss: base.issuer, aud: base.audience },
      { typ: "at+jwt", kid: "k9" },
      key.privateKeyPem,
    );
    expect((await service.verify(token)).err?.code).toBe("bad_signature");
  });

  it("wrong audience → wrong_audience; wrong issuer → wrong_issuer", async () => {
    const elsewhere = await createAccessTokenService({
      issuer: "https://evil.example",
      audience: "other-api",
      signingKey: { kid: "k1", privateKeyPem: key.privateKeyPem },
    });
    const { token } = await elsewhere.issue(subject);
    expect((await service.verify(token)).err?.code).toMatch(/wrong_issuer|wrong_audience/);
    const audOnly = await createAccessTokenService({
      ...base,
      audience: "other-api",
      signingKey: { kid: "k1", privateKeyPem: key.privateKeyPem },
    });
    expect((await service.verify((await audOnly.issue(subject)).token)).err).toMatchObject({
      code: "wrong_audience",
      message: "access token audience is not this API",
    });
    const issOnly = await createAccessTokenService({
      ...base,
      issuer: "https://evil.example",
      signingKey: { kid: "k1", privateKeyPem: key.privateKeyPem },
    });
    expect((await service.verify((await issOnly.issue(subject)).token)).err?.code).toBe("wrong_issuer");
  });

  it("a validly signed token of another type or with bad claims is refused", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      ...subject,
      jti: "j",
      iat: now,
      nbf: now,
      exp: now + 60,
      iss: base.issuer,
      aud: base.audience,
    };
    const idToken = await forge(claims, { typ: "JWT", kid: "k1" }, key.privateKeyPem);
    expect((await service.verify(idToken)).err?.code).toBe("invalid_claims");
    const badRole = await forge({ ...claims, role: "root" }, { typ: "at+jwt", kid: "k1" }, key.privateKeyPem);
    expect((await service.verify(badRole)).err).toMatchObject({
      code: "invalid_claims",
      message: 'access token claim "role" invalid: not a known role',
    });
    const noJti = await forge({ ...claims, jti: undefined }, { typ: "at+jwt", kid: "k1" }, key.privateKeyPem);
    expect((await service.verify(noJti)).err?.code).toBe("invalid_claims");
  });

  it("garbage → malformed", async () => {
    for (const t of ["", "abc", "a.b.c", "x".repeat(9000)]) {
      expect((await service.verify(t)).err?.code).toBe("malformed");
    }
  });

  it("accepts tokens of a retired key listed in verificationKeys (rotation) and publishes both in jwks", async () => {
    const next = await generateAccessTokenKey("k2");
    const rotated = await createAccessTokenService({
      ...base,
      signingKey: { kid: "k2", privateKeyPem: next.privateKeyPem },
      verificationKeys: [{ kid: "k1", publicKeyPem: key.publicKeyPem }],
    });
    const { token } = await service.issue(subject);
    expect((await rotated.verify(token)).val?.sub).toBe("user-1");
    const jwks = rotated.jwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual(["k2", "k1"]);
    expect(jwks.keys.every((k) => k.d === undefined && k.kty === "OKP" && k.crv === "Ed25519")).toBe(true);
  });

  it("rejects a bad configuration naming the field", async () => {
    await expect(
      createAccessTokenService({
        issuer: "",
        audience: "a",
        ttlSeconds: 86400,
        signingKey: { kid: "k", privateKeyPem: "nope" },
      }),
    ).rejects.toThrow(
      /auth\.accessToken\.issuer: is required.*auth\.accessToken\.ttlSeconds:.*auth\.accessToken\.signingKey\.privateKeyPem: must be a PKCS#8 PEM/,
    );
  });

  it("records how the user authenticated (amr), default pwd", async () => {
    expect((await service.verify((await service.issue(subject)).token)).val?.amr).toEqual(["pwd"]);
    const mfa = await service.issue({ ...subject, amr: ["pwd", "otp"] });
    expect((await service.verify(mfa.token)).val?.amr).toEqual(["pwd", "otp"]);
  });

  it("MFA challenges verify, expire after 5 minutes, and are never access tokens (nor vice versa)", async () => {
    const now = new Date("2026-11-26T08:00:00Z");
    const challenge = await service.issueMfaChallenge({ sub: "user-1", tenant: "tenant-a" }, now);
    expect(challenge.expiresAt.toISOString()).toBe("2026-11-26T08:05:00.000Z");
    const ok = await service.verifyMfaChallenge(challenge.token, new Date(now.getTime() + 60_000));
    expect(ok.val).toMatchObject({ sub: "user-1", tenant: "tenant-a" });
    expect(
      (await service.verifyMfaChallenge(challenge.token, new Date(now.getTime() + 306_000))).err,
    ).toMatchObject({
      code: "expired",
      message: "MFA challenge expired",
    });
    expect((await service.verify(challenge.token, now)).err?.code).toBe("invalid_claims");
    const access = await service.issue(subject, now);
    expect((await service.verifyMfaChallenge(access.token, now)).err?.code).toBe("invalid_claims");
  });
});
