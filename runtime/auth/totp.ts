// TOTP MFA (RFC 6238) via otplib: SHA-1, 6 digits, 30 s steps (what every authenticator app
// supports). A code is accepted for the current step and one step either side (clock drift), and
// only once: the caller stores the accepted step and passes it back as `lastUsedStep`, so a code
// (or an older one) seen on the wire cannot be replayed. Secrets are 160 bits (RFC 4226's
// recommendation); the DB layer should encrypt them at rest.
import { generate, generateSecret, generateURI, verify } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;

export interface TotpSetup {
  /** Base32 secret, to store (encrypted) once the user confirms a first code. */
  secret: string;
  /** otpauth://totp/... for the QR code. */
  uri: string;
}

export function createTotpSetup({ issuer, accountName }: { issuer: string; accountName: string }): TotpSetup {
  const secret = generateSecret({ length: 20 });
  return {
    secret,
    uri: generateURI({ issuer, label: accountName, secret, digits: DIGITS, period: TOTP_PERIOD_SECONDS }),
  };
}

export type TotpErrorCode = "malformed" | "invalid" | "replayed";

export class TotpError extends Error {
  readonly code: TotpErrorCode;
  constructor(code: TotpErrorCode, message: string) {
    super(message);
    this.name = "TotpError";
    this.code = code;
  }
}

export interface VerifyTotpInput {
  secret: string;
  code: string;
  /** The step of the last accepted code for this user (null if none). */
  lastUsedStep: number | null;
  now?: Date;
}

/** On success returns the step to store as the new `lastUsedStep`. */
export async function verifyTotp(
  input: VerifyTotpInput,
): Promise<{ val: { step: number }; err?: never } | { val?: never; err: TotpError }> {
  const code = input.code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return { err: new TotpError("malformed", "code must be 6 digits") };
  const epoch = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const result = await verify({
    secret: input.secret,
    token: code,
    epoch,
    period: TOTP_PERIOD_SECONDS,
    digits: DIGITS,
    epochTolerance: TOTP_PERIOD_SECONDS,
  });
  if (!result.valid) return { err: new TotpError("invalid", "code is not valid") };
  const step = (result as { timeStep: number }).timeStep;
  if (input.lastUsedStep !== null && step <= input.lastUsedStep) {
    return { err: new TotpError("replayed", "code was already used; wait for the next one") };
  }
  return { val: { step } };
}

/** The code for a given time (tests, and showing a user what their app should display). */
export function totpCode(secret: string, now: Date = new Date()): Promise<string> {
  return generate({
    secret,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    digits: DIGITS,
  });
}
