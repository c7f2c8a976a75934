import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localTargetEngine, readLocalTarget } from "./local-target.ts";

const valid = {
  version: 1,
  stateDir: "/state",
  kubernetes: { kubeconfig: "/state/kubeconfig" },
  postgres: { url: "postgres://wspec:pw@127.0.0.1:5432/wspec" },
  redis: { url: "redis://default:pw@127.0.0.1:6379" },
  pulumi: {
    bin: "/t/bin/pulumi",
    binDir: "/t/bin",
    backendUrl: "file:///state/p",
    home: "/state/ph",
    passphrase: "x",
  },
};
const write = (content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "wspec-target-")), "env.json");
  writeFileSync(file, content);
  return file;
};

describe("readLocalTarget", () => {
  it("reads the local target and its engine from the configured file", () => {
    const target = readLocalTarget(write(JSON.stringify(valid)));
    expect(target?.postgres.url).toBe(valid.postgres.url);
    expect(localTargetEngine(target as NonNullable<typeof target>)).toEqual({
      ...valid.pulumi,
      workRoot: "/state/pulumi-work",
    });
  });

  it("refuses a configured file that does not exist, naming the variable", () => {
    expect(() => readLocalTarget("/nonexistent/env.json")).toThrow(
      "WSPEC_ENV_FILE=/nonexistent/env.json: no such file",
    );
  });

  it("names the file and the fields a malformed target lacks", () => {
    expect(() => readLocalTarget(write("{not json"))).toThrow(/is not JSON/);
    const { redis: _redis, ...noRedis } = valid;
    expect(() => readLocalTarget(write(JSON.stringify({ ...noRedis, postgres: { url: "nope" } })))).toThrow(
      /not a wspec local target file \(.*postgres\.url.*redis/,
    );
  });

  it("has no local target without a configured file when the default is absent", () => {
    const cwd = process.cwd();
    process.chdir(mkdtempSync(join(tmpdir(), "wspec-cwd-")));
    try {
      expect(readLocalTarget(undefined)).toBeUndefined();
    } finally {
      process.chdir(cwd);
    }
  });
});
