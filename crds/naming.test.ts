import { describe, expect, it } from "vitest";
import { RESOURCE_PREFIX_MAX, resourcePrefix, STACK_NAME_MAX, sqlIdentifier, stackName } from "./index.ts";

const longNs = "n".repeat(63);
const longName = `${"a".repeat(200)}.v2`;

describe("stackName", () => {
  it("is tenant-<ns>-<name> with a hash of both", () => {
    expect(stackName("acme", "portal")).toBe("tenant-acme-portal-42109aeac7");
  });

  it("tells apart tenants whose names join to the same text", () => {
    expect(stackName("team-a", "x")).toBe("tenant-team-a-x-e7fbb9133a");
    expect(stackName("team", "a-x")).toBe("tenant-team-a-x-4b3d468e90");
  });

  it("fits Pulumi's 100 characters, keeping the readable start", () => {
    const name = stackName(longNs, longName);
    expect(name).toHaveLength(STACK_NAME_MAX);
    expect(name).toMatch(/^tenant-n{63}-a+-[0-9a-f]{10}$/);
    expect(stackName(longNs, `${"a".repeat(200)}.v3`)).not.toBe(name);
  });

  it("refuses an empty namespace or name", () => {
    expect(() => stackName("", "x")).toThrow('a tenant needs a namespace and a name (got "/x")');
  });
});

describe("resourcePrefix", () => {
  it("is t-<ns>-<name>-<hash> of [a-z0-9-], dots made dashes", () => {
    expect(resourcePrefix("acme", "portal")).toBe("t-acme-portal-42109aeac7");
    expect(resourcePrefix("9lives", "web.app")).toBe("t-9lives-web-app-d046cc4003");
  });

  it("fits 40 characters and never leaves a dash before the hash", () => {
    const prefix = resourcePrefix(longNs, longName);
    expect(prefix).toBe(`t-${"n".repeat(27)}-fd23223106`);
    expect(prefix.length).toBeLessThanOrEqual(RESOURCE_PREFIX_MAX);
    expect(resourcePrefix("abcdefghijklmnopqrstuvwxyz", "bc")).toBe(
      "t-abcdefghijklmnopqrstuvwxyz-8e2a6c8352",
    );
  });

  it("is an unquoted PostgreSQL identifier once dashes are underscores", () => {
    for (const [ns, name] of [
      ["acme", "portal"],
      ["9lives", "web.app"],
      [longNs, longName],
    ] as const) {
      expect(sqlIdentifier(resourcePrefix(ns, name))).toMatch(/^[a-z][a-z0-9_]{0,62}$/);
    }
  });
});
