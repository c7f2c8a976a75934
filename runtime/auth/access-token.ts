// Short-lived JWT access tokens (jose).
//
// EdDSA (Ed25519), not HS256: only the API holds the private key, while anything that merely
// verifies (other runtime processes, the operator, a gateway) gets the public key or /jwks and
// cannot mint tokens; with HS256 every verifier could forge. Ed25519 signatures are small and fast
// to verify, and there are no weak parameters to choose. Keys carry a `kid`; old public keys stay
// in `verificationKeys` during rotation. Tokens are typed `at+jwt` (RFC 9068), so a token of
// another kind signed with the same key is not accepted as an access token.

import { randomUUID } from "node:crypto";
import {
  createLocalJWKSet,
  errors,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  importSPKI,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import { z } from "zod";
import { isRole, type Role } from "./rbac.ts";

const ALG = "EdDSA";
const TYP = "at+jwt";

export const AccessTokenConfigSchema = z.strictObject({
  issuer: z.string().min(1, "is required"),
  audience: z.string().min(1, "is required"),
  /** Default 900 (15 minutes); at most 3600. */
  ttlSeconds: z.number().int().min(30).max(3600).default(900),
  /** Allowed clock skew when checking exp/nbf/iat. Default 5 seconds. */
  clockToleranceSeconds: z.number().int().min(0).max(300).default(5),
  signingKey: z.strictObject({
    kid: z.string().min(1, "is required"),
    privateKeyPem: z
      .string()
      .includes("BEGIN PRIVATE KEY", { message: "must be a PKCS#8 PEM Ed25519 private key" }),
  }),
  verificationKeys: z
    .array(
      z.strictObject({
        kid: z.string().min(1, "is required"),
        publicKeyPem: z
          .string()
          .includes("BEGIN PUBLIC KEY", { message: "must be an SPKI PEM Ed25519 public key" }),
      }),
    )
    .default([]),
});
export type AccessTokenConfig = z.input<typeof AccessTokenConfigSchema>;

export interface AccessTokenSubject {
  /** User id. */
  sub: string;
  /** Tenant id. */
  tenant: string;
  role: Role;
  /** "*" for a full session; narrower lists for restricted sessions. */
  scopes: readonly string[];
  /** How the user authenticated (RFC 8176): ["pwd"] or ["pwd", "otp"]. Default ["pwd"]. */
  amr?: readonly AuthMethod[];
}

export type AuthMethod = "pwd" | "otp";

export interface AccessTokenClaims extends AccessTokenSubject {
  amr: AuthMethod[];
  jti: string;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

export type AccessTokenErrorCode =
  | "malformed"
  | "bad_signature"
  | "expired"
  | "not_yet_valid"
  | "wrong_audience"
  | "wrong_issuer"
  | "invalid_claims";

export class AccessTokenError extends Error {
  readonly code: AccessTokenErrorCode;
  constructor(code: AccessTokenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AccessTokenError";
    this.code = code;
  }
}

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  tenant: z.string().min(1),
  role: z.string().refine(isRole, "not a known role"),
  scopes: z.array(z.string()),
  amr: z.array(z.enum(["pwd", "otp"])),
  jti: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
  iss: z.string(),
  aud: z.string(),
});

export interface AccessTokenService {
  readonly ttlSeconds: number;
  issue(subject: AccessTokenSubject, now?: Date): Promise<{ token: string; jti: string; expiresAt: Date }>;
  /** Never throws for a bad token: the error is a value with a code. */
  verify(
    token: string,
    now?: Date,
  ): Promise<{ val: AccessTokenClaims; err?: never } | { val?: never; err: AccessTokenError }>;
  /**
   * After a correct password when MFA is required: a 5-minute token (typ `mfa-challenge+jwt`,
   * never accepted as an access token) that the client returns with its TOTP code.
   */
  issueMfaChallenge(
    subject: { sub: string; tenant: string },
    now?: Date,
  ): Promise<{ token: string; expiresAt: Date }>;
  verifyMfaChallenge(
    token: string,
    now?: Date,
  ): Promise<
    | { val: { sub: string; tenant: string; jti: string }; err?: never }
    | { val?: never; err: AccessTokenError }
  >;
  /** The public keys, for a /.well-known/jwks.json route or other verifiers. */
  jwks(): { keys: JWK[] };
}

const MFA_TYP = "mfa-challenge+jwt";
const MFA_TTL_SECONDS = 300;

function mapJoseError(err: unknown): AccessTokenError {
  if (err instanceof errors.JWTExpired)
    return new AccessTokenError("expired", "access token expired", { cause: err });
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "aud")
      return new AccessTokenError("wrong_audience", "access token audience is not this API", { cause: err });
    if (err.claim === "iss")
      return new AccessTokenError("wrong_issuer", "access token issuer is not trusted", { cause: err });
    if (err.claim === "nbf" || err.claim === "iat") {
      return new AccessTokenError("not_yet_valid", "access token is not valid yet", { cause: err });
    }
    if (err.claim === "typ")
      return new AccessTokenError("invalid_claims", "token is not an access token (typ)", { cause: err });
    return new AccessTokenError(
      "invalid_claims",
      `access token claim "${err.claim}" invalid: ${err.reason}`,
      { cause: err },
    );
  }
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) {
    return new AccessTokenError("bad_signature", "access token signature is invalid", { cause: err });
  }
  if (err instanceof errors.JOSEAlgNotAllowed) {
    return new AccessTokenError("bad_signature", "access token algorithm not allowed", { cause: err });
  }
  return new AccessTokenError("malformed", "access token is malformed", { cause: err });
}

/** A string short enough to be worth parsing; anything else is malformed before any crypto. */
function isTokenShaped(token: unknown): token is string {
  return typeof token === "string" && token.length > 0 && token.length <= 8192;
}

/** Builds the service from a config; throws naming each bad field. */
export async function createAccessTokenService(input: AccessTokenConfig): Promise<AccessTokenService> {
  const parsed = AccessTokenConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(
      `invalid access token configuration: ${parsed.error.issues.map((i) => `auth.accessToken.${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const config = parsed.data;
  const privateKey = await importPKCS8(config.signingKey.privateKeyPem, ALG, { extractable: true });
  const signingPublic = await exportJWK(privateKey);
  delete signingPublic.d; // keep only the public half
  const keys: JWK[] = [{ ...signingPublic, kid: config.signingKey.kid, alg: ALG, use: "sig" }];
  for (const k of config.verificationKeys) {
    if (k.kid === config.signingKey.kid)
      throw new Error(`verificationKeys: kid "${k.kid}" repeats the signing key's kid`);
    const jwk = await exportJWK(await importSPKI(k.publicKeyPem, ALG, { extractable: true }));
    keys.push({ ...jwk, kid: k.kid, alg: ALG, use: "sig" });
  }
  const keySet = createLocalJWKSet({ keys });
  // Access tokens and MFA challenges differ only in their claims and typ: one issuer, audience,
  // key and clock for both, so neither can be verified as the other.
  const sign = (claims: JWTPayload, typ: string, sub: string, iat: number, exp: number, jti: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, typ, kid: config.signingKey.kid })
      .setSubject(sub)
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(exp)
      .setJti(jti)
      .sign(privateKey);
  const verifyJwt = (token: string, typ: string, requiredClaims: string[], now: Date) =>
    jwtVerify(token, keySet, {
      algorithms: [ALG],
      issuer: config.issuer,
      audience: config.audience,
      typ,
      currentDate: now,
      clockTolerance: config.clockToleranceSeconds,
      requiredClaims,
    });

  return {
    ttlSeconds: config.ttlSeconds,
    async issue(subject, now = new Date()) {
      if (!isRole(subject.role)) throw new Error(`cannot issue a token for unknown role "${subject.role}"`);
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + config.ttlSeconds;
      const jti = randomUUID();
      const claims = {
        tenant: subject.tenant,
        role: subject.role,
        scopes: [...subject.scopes],
        amr: [...(subject.amr ?? ["pwd"])],
      };
      const token = await sign(claims, TYP, subject.sub, iat, exp, jti);
      return { token, jti, expiresAt: new Date(exp * 1000) };
    },
    async verify(token, now = new Date()) {
      if (!isTokenShaped(token)) {
        return { err: new AccessTokenError("malformed", "access token is malformed") };
      }
      try {
        const { payload } = await verifyJwt(token, TYP, ["sub", "jti", "iat", "exp", "nbf"], now);
        const claims = ClaimsSchema.safeParse({
          ...payload,
          aud: Array.isArray(payload.aud) ? payload.aud[0] : payload.aud,
        });
        if (!claims.success) {
          const issue = claims.error.issues[0];
          return {
            err: new AccessTokenError(
              "invalid_claims",
              `access token claim "${issue?.path.join(".")}" invalid: ${issue?.message}`,
            ),
          };
        }
        return { val: { ...claims.data, role: claims.data.role as Role } };
      } catch (err) {
        return { err: mapJoseError(err) };
      }
    },
    async issueMfaChallenge(subject, now = new Date()) {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + MFA_TTL_SECONDS;
      const token = await sign({ tenant: subject.tenant }, MFA_TYP, subject.sub, iat, exp, randomUUID());
      return { token, expiresAt: new Date(exp * 1000) };
    },
    async verifyMfaChallenge(token, now = new Date()) {
      if (!isTokenShaped(token)) {
        return { err: new AccessTokenError("malformed", "MFA challenge is malformed") };
      }
      try {
        const { payload } = await verifyJwt(token, MFA_TYP, ["sub", "jti", "exp"], now);
        if (typeof payload.tenant !== "string" || !payload.sub || !payload.jti) {
          return { err: new AccessTokenError("invalid_claims", "MFA challenge claims invalid") };
        }
        return { val: { sub: payload.sub, tenant: payload.tenant, jti: payload.jti } };
      } catch (err) {
        const mapped = mapJoseError(err);
        return {
          err: new AccessTokenError(mapped.code, mapped.message.replace("access token", "MFA challenge"), {
            cause: err,
          }),
        };
      }
    },
    jwks: () => ({ keys: keys.map((k) => ({ ...k })) }),
  };
}

/** A fresh Ed25519 key pair as PEM (for config, tests and key rotation). */
export async function generateAccessTokenKey(
  kid: string = randomUUID(),
): Promise<{ kid: string; privateKeyPem: string; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { crv: "Ed25519", extractable: true });
  return { kid, privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}
