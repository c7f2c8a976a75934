// The shell entry points fail clearly on bad input, before touching anything.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./local-env.ts";

const run = (script: string, ...args: string[]) =>
  spawnSync("bash", [join(repoRoot, "scripts", script), ...args], { encoding: "utf8" });

describe("scripts/env.sh", () => {
  it("rejects an unknown command with the allowed ones", () => {
    const r = run("env.sh", "upp");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: npm run env -- up|down|status|clean");
  });
});

describe("scripts/setup.sh", () => {
  it("rejects an unknown tool and lists the known ones", () => {
    const r = run("setup.sh", "kubectl");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /setup: unknown tool 'kubectl'; known: apt clamav-db node-modules etcd kubernetes pulumi/,
    );
  });

  it("stops with one line naming the tool, what was tried and the override when an override is wrong", () => {
    const r = spawnSync("bash", [join(repoRoot, "scripts/setup.sh"), "pulumi"], {
      encoding: "utf8",
      env: { ...process.env, WSPEC_PULUMI_BIN: "/nonexistent/bin/pulumi" },
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n").at(-1)).toBe(
      "wspec: pulumi: WSPEC_PULUMI_BIN=/nonexistent/bin/pulumi is not executable",
    );
  });
});
