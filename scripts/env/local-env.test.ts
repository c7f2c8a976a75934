import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLocalEnv } from "./local-env.ts";

const dir = mkdtempSync(join(tmpdir(), "wspec-local-env-"));

describe("loadLocalEnv", () => {
  it("says how to bring the environment up when env.json is missing", async () => {
    await expect(loadLocalEnv(join(dir, "absent.json"))).rejects.toThrow(
      /absent\.json not found: the local environment is not up; run 'npm run env -- up'/,
    );
  });

  it("names each invalid field", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({ version: 1, root: "/r", stateDir: "/r/.wspec", logsDir: "/r/.wspec/logs" }),
    );
    const err = await loadLocalEnv(file).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String(err)).toMatch(/kubernetes: /);
    expect(String(err)).toMatch(/pulumi: /);
    expect(String(err)).toMatch(/run 'npm run env -- up' again/);
  });
});
