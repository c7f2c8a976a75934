// Signing in to the runtime as the sample tenant's first admin: with the one-time setup token the
// operator left in its outbox file (mode 600) when the tenant became Ready (first run; the operator
// never logs it), or with the password the demo saved in .wspec/demo-admin.json (every later run,
// when the operator issues no new token).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ApiCallError, dataOf, type RuntimeApi } from "./api.ts";
import type { SampleTenant } from "./sample-tenant.ts";
import { say } from "./say.ts";

const AdminFileSchema = z.object({ tenant: z.string(), email: z.string(), password: z.string() });
export type SavedAdmin = z.infer<typeof AdminFileSchema>;

export const adminFile = (stateDir: string) => join(stateDir, "demo-admin.json");

export function readSavedAdmin(stateDir: string, email: string): SavedAdmin | undefined {
  const file = adminFile(stateDir);
  if (!existsSync(file)) return undefined;
  const parsed = AdminFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  return parsed.success && parsed.data.email === email ? parsed.data : undefined;
}

interface SetupNotice {
  tenantId: string;
  token: string;
}

/** This admin's token from the operator's outbox file for the tenant, once the operator wrote it. */
function setupNotice(file: string, tenantKey: string, email: string): SetupNotice | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as {
      tenant?: string;
      tenantId?: string;
      notices?: { email?: string; token?: string }[];
    };
    const token = entry.notices?.find((n) => n.email === email)?.token;
    if (entry.tenant === tenantKey && entry.tenantId && token) return { tenantId: entry.tenantId, token };
  } catch {} // a file cut mid-write; the next poll reads it whole
  return undefined;
}

export interface SignedIn {
  tenantId: string;
  email: string;
  accessToken: string;
  method: "setup" | "login";
}

export async function signIn(opts: {
  api: RuntimeApi;
  tenant: SampleTenant;
  tenantKey: string;
  email: string;
  stateDir: string;
  /** The operator's outbox file for the sample tenant (operator/admin-setup outboxFile). */
  setupOutbox: string;
  /** When this run started the operator: a setup Secret older than that is from an earlier run. */
  startedAt: Date;
}): Promise<SignedIn> {
  const deadline = Date.now() + 120_000;
  let nudged = 0;
  for (;;) {
    const notice = setupNotice(opts.setupOutbox, opts.tenantKey, opts.email);
    if (notice) {
      const signedIn = await setup(opts, notice, deadline);
      rmSync(opts.setupOutbox, { force: true }); // used: shown once
      return signedIn;
    }
    const secret = await opts.tenant.adminSetupSecret();
    const created = secret?.metadata?.creationTimestamp;
    if (created && new Date(created).getTime() < Math.floor(opts.startedAt.getTime() / 1000) * 1000) {
      const saved = readSavedAdmin(opts.stateDir, opts.email);
      if (!saved) {
        throw new Error(
          `the admin setup token was issued before this run and ${adminFile(opts.stateDir)} is missing; run again (the demo then asks for a new token)`,
        );
      }
      return login(opts.api, saved);
    }
    if (!secret && Date.now() - nudged > 10_000) {
      await opts.tenant.nudge();
      nudged = Date.now();
    }
    if (Date.now() > deadline) {
      throw new Error(`the operator left no admin setup token for ${opts.email} in ${opts.setupOutbox}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function setup(
  opts: { api: RuntimeApi; email: string; stateDir: string },
  notice: SetupNotice,
  deadline: number,
): Promise<SignedIn> {
  const earlier = readSavedAdmin(opts.stateDir, opts.email);
  const admin = {
    tenant: notice.tenantId,
    email: opts.email,
    password: randomBytes(24).toString("base64url"),
  };
  const save = (a: SavedAdmin) =>
    writeFileSync(adminFile(opts.stateDir), JSON.stringify(a, null, 2), { mode: 0o600 });
  // Saved before the call: a run stopped right after the password is set can still sign in next time.
  save(admin);
  say(`setting the password of ${opts.email} with the operator's one-time setup token`);
  for (;;) {
    try {
      const { data } = await dataOf(
        "POST /api/v2/auth/setup",
        opts.api.client.POST("/api/v2/auth/setup", {
          body: { tenant: notice.tenantId, token: notice.token, password: admin.password },
        }),
      );
      if (!("access_token" in data) || "mfa_enrollment_required" in data) {
        throw new Error(
          `${opts.email} must enrol in multi-factor sign-in; the demo signs in with a password only`,
        );
      }
      say(`signed in as ${opts.email}; password saved in ${adminFile(opts.stateDir)} (mode 600)`);
      return {
        tenantId: notice.tenantId,
        email: opts.email,
        accessToken: data.access_token,
        method: "setup",
      };
    } catch (err) {
      // The runtime learns of the tenant and its token from the operator's Secrets through a watch;
      // until that has caught up (seconds), the tenant or token is unknown to it and it answers 401.
      // A new token for an account that already has a password (the Secret was re-issued, or the
      // tenant re-created over its old rows): the password saved earlier still signs in.
      if (err instanceof ApiCallError && err.status === 409 && earlier?.tenant === notice.tenantId) {
        save(earlier);
        return login(opts.api, earlier);
      }
      if (err instanceof ApiCallError && err.status === 409) {
        throw new Error(
          `${opts.email} already has a password, set outside this demo or lost from ${adminFile(opts.stateDir)}: sign in with it (POST /api/v2/auth/login)`,
        );
      }
      if (!(err instanceof ApiCallError && err.status === 401) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function login(api: RuntimeApi, saved: SavedAdmin): Promise<SignedIn> {
  const attempt = () =>
    dataOf(
      "POST /api/v2/auth/login",
      api.client.POST("/api/v2/auth/login", {
        body: { email: saved.email, password: saved.password, tenant: saved.tenant },
      }),
    );
  let result: Awaited<ReturnType<typeof attempt>> | undefined;
  // A 401 may only mean the runtime has not registered the tenant yet. Three tries at most: wrong
  // passwords count towards the account's lockout (five).
  for (let tries = 1; !result; tries++) {
    try {
      result = await attempt();
    } catch (err) {
      if (!(err instanceof ApiCallError && err.status === 401) || tries >= 3) throw err;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  const { data } = result;
  if (!("access_token" in data) || "mfa_enrollment_required" in data) {
    throw new Error(
      `${saved.email} has multi-factor sign-in enabled; the demo signs in with a password only`,
    );
  }
  say(`signed in as ${saved.email} with the password saved in an earlier run`);
  return { tenantId: saved.tenant, email: saved.email, accessToken: data.access_token, method: "login" };
}
