// `node runtime/main.ts` as a process: refuses bad configuration naming each variable; migrates,
// serves health with the real PostgreSQL and Redis, and exits cleanly on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv, repoRoot } from "../scripts/env/index.ts";
import { type FreshDatabase, freshDatabase, migrationCount, mountTenantSecret } from "./db/testing/index.ts";

const MIGRATIONS = migrationCount();

let fresh: FreshDatabase;
let redisUrl: string;
let secretsDir: string;

beforeAll(async () => {
  fresh = await freshDatabase();
  redisUrl = (await loadLocalEnv()).redis.url;
  // One mounted tenant Secret, with the keys the operator writes.
  secretsDir = await mkdtemp(join(tmpdir(), "wspec-secrets-"));
  await mountTenantSecret(secretsDir, "main-test", fresh, "main-test");
});
afterAll(async () => {
  await fresh?.drop();
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [join(repoRoot, "runtime/main.ts")], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

async function waitFor<T>(fn: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("runtime/main.ts", () => {
  it("exits 1 naming each bad variable", async () => {
    const p = start({ PORT: "nope", REDIS_URL: "http://x" });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('wspec-runtime: invalid configuration: PORT "nope"');
    expect(p.err()).toContain("DATABASE_URL (unset)");
    expect(p.err()).toContain("REDIS_URL (set, hidden): must be a redis:// or rediss:// URL");
  });

  it("migrates, serves /health/deep against real services, and stops on SIGTERM", async () => {
    const p = start({
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: fresh.appUrl,
      DATABASE_ADMIN_URL: fresh.adminUrl,
      MIGRATE_ON_START: "true",
      REDIS_URL: redisUrl,
      TENANT_SECRETS_DIR: secretsDir,
    });
    let child: ChildProcess | undefined = p.child;
    try {
      const port = await waitFor(() => {
        const line = p
          .out()
          .split("\n")
          .find((l) => l.includes('"msg":"listening"'));
        return line ? (JSON.parse(line) as { port: number }).port : undefined;
      });
      expect(p.out()).toContain(`"applied":0,"total":${MIGRATIONS}`);
      expect(p.out()).toContain('"loaded":1');
      expect(p.out()).not.toContain("tenant row not ensured");
      const admin = postgres(fresh.adminUrl, { max: 1 });
      expect(await admin`select slug, tier from tenants`).toEqual([{ slug: "main-test", tier: "starter" }]);
      await admin.end();
      const res = await fetch(`http://127.0.0.1:${port}/health/deep`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        data: { status: string; components: Record<string, { status: string }> };
      };
      expect(body.data.status).toBe("ok");
      expect(Object.entries(body.data.components).map(([k, v]) => [k, v.status])).toEqual([
        ["database", "up"],
        ["redis", "up"],
      ]);
      const audit = await fetch(`http://127.0.0.1:${port}/api/v2/audit`);
      expect(audit.status).toBe(401);
      p.child.kill("SIGTERM");
      expect(await p.exited).toBe(0);
      child = undefined;
      expect(p.out()).toContain('"msg":"stopped"');
    } finally {
      child?.kill("SIGKILL");
    }
  });
});
