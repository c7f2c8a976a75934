// What the fuzzer runs against: the runtime in a process of its own (`node runtime/main.ts`, the
// server entry), on a fresh migrated database of the local PostgreSQL, one enterprise tenant given
// as a silo runtime gets it (its Secret's keys as environment), local document storage, and a
// tenant admin who signs in through the API: the fuzzer sends that session's access token. Not an
// API key: the fuzzer lists keys and revokes what it finds, its own key included, after which
// every request would be a 401 and the routes behind untested; an access token outlives its own
// revocation for its lifetime (an hour here), and the runtime refuses to disable its own user.
//
// Rate limits are raised through this runtime's configuration (RATE_LIMIT_SCALE), which no other
// deployment shares: the fuzzer's thousands of requests a minute, many of them without or with
// bad credentials on purpose, would exhaust any real limit and leave the routes behind untested.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import postgres from "postgres";
import { generateAccessTokenKey } from "../../runtime/auth/access-token.ts";
import { createPasswordHasher } from "../../runtime/auth/password.ts";
import { wspecClient } from "../../runtime/client/index.ts";
import { tenantUuid } from "../../runtime/db/index.ts";
import { freshDatabase } from "../../runtime/db/testing/index.ts";
import { loadLocalEnv, repoRoot } from "../env/index.ts";

export const FUZZ_TENANT = "fuzz-tenant";
/**
 * Every rate limit times this (the unauthenticated buckets too, which the fuzzer's requests
 * without or with bad credentials would empty in seconds): far above what one run sends, so a
 * 429 in the report is a finding.
 */
const FUZZ_RATE_LIMIT_SCALE = 10_000;

export interface FuzzTarget {
  /** The runtime's base URL (http://127.0.0.1:<port>). */
  url: string;
  /** The tenant admin's access token (valid for an hour), for the fuzzer's bearer scheme. */
  accessToken: string;
  /** The runtime's JSON log. */
  logFile: string;
  stop(): Promise<void>;
}

/** Waits for the runtime's "listening" log line and returns its port; rejects if it exits first. */
function listeningPort(proc: ChildProcess, log: NodeJS.WritableStream): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      log.write(`${line}\n`);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === "listening" && typeof entry.port === "number") resolve(entry.port);
      } catch {
        // Not a log line (a warning printed by a dependency): kept in the log file only.
      }
    });
    proc.once("exit", (code) => reject(new Error(`the runtime exited with ${code} before listening`)));
  });
}

export async function startFuzzTarget(opts: { logDir: string }): Promise<FuzzTarget> {
  const env = await loadLocalEnv();
  const db = await freshDatabase("wspec_fuzz");
  const app = new URL(db.appUrl);
  const storagePath = mkdtempSync(join(tmpdir(), "wspec-fuzz-store-"));
  const key = await generateAccessTokenKey("fuzz");
  mkdirSync(opts.logDir, { recursive: true });
  const logFile = join(opts.logDir, "fuzz-runtime.log");
  const log = createWriteStream(logFile, { flags: "w" });
  const proc = spawn(process.execPath, [join(repoRoot, "runtime/main.ts")], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      DATABASE_URL: db.appUrl,
      REDIS_URL: env.redis.url,
      // Its own queue prefix: no worker of a test or the demo picks up what the fuzzer enqueues,
      // and none runs for it, so no webhook is ever delivered to an address the fuzzer made up.
      QUEUE_PREFIX: `fuzz-${randomBytes(3).toString("hex")}`,
      SWEEP_INTERVAL_SECONDS: "0",
      STORAGE_KIND: "local",
      STORAGE_PATH: storagePath,
      AUTH_JWT_PRIVATE_KEY: key.privateKeyPem,
      AUTH_JWT_KID: key.kid,
      AUTH_ACCESS_TTL_SECONDS: "3600",
      AUTH_SECRET_BOX_KEY: randomBytes(32).toString("base64"),
      TENANT_ID: FUZZ_TENANT,
      TENANT_TIER: "enterprise",
      RATE_LIMIT_SCALE: String(FUZZ_RATE_LIMIT_SCALE),
      DATABASE_HOST: app.hostname,
      DATABASE_PORT: app.port,
      DATABASE_NAME: db.name,
      DATABASE_SCHEMA: "public",
      DATABASE_USER: decodeURIComponent(app.username),
      DATABASE_PASSWORD: db.appPassword,
      REDIS_KEY_PREFIX: `t:${FUZZ_TENANT}-${randomBytes(3).toString("hex")}:`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stderr?.pipe(log, { end: false });
  const stop = async () => {
    if (proc.exitCode === null) {
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await exited;
    }
    log.end();
    await db.drop();
    rmSync(storagePath, { recursive: true, force: true });
  };
  try {
    const port = await listeningPort(proc, log);
    const url = `http://127.0.0.1:${port}`;
    // The admin exists before the fuzzer does (as after the operator's setup): a password user
    // who signs in through the API, as every client does.
    const password = randomBytes(18).toString("base64url");
    const hash = await createPasswordHasher().hash(password);
    const admin = postgres(db.adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin`insert into users (tenant_id, email, role, password_hash)
        values (${tenantUuid(FUZZ_TENANT)}, 'fuzz-admin@example.com', 'tenant-admin', ${hash})`;
    } finally {
      await admin.end({ timeout: 5 });
    }
    const { data, error, response } = await wspecClient(url).POST("/api/v2/auth/login", {
      body: { tenant: FUZZ_TENANT, email: "fuzz-admin@example.com", password },
    });
    const session = data?.data;
    if (!session || !("access_token" in session) || "mfa_enrollment_required" in session) {
      throw new Error(
        `signing in the fuzz admin failed: HTTP ${response.status} ${JSON.stringify(error ?? data)}`,
      );
    }
    return { url, accessToken: session.access_token, logFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
