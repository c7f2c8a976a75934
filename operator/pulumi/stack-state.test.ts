import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { readCheckpoint, updateCollector } from "./stack-state.ts";

const SECRET = {
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  ciphertext: "[secret]",
};

function outputsEvent(
  op: string,
  type: string,
  name: string,
  outputs?: Record<string, unknown>,
): EngineEvent {
  const urn = `urn:pulumi:s::p::${type}::${name}`;
  return {
    sequence: 0,
    timestamp: 0,
    resOutputsEvent: {
      metadata: {
        op,
        urn,
        type,
        provider: "",
        ...(outputs ? { new: { type, urn, id: "", parent: "", inputs: {}, outputs, provider: "" } } : {}),
      },
    },
  } as unknown as EngineEvent;
}

describe("updateCollector", () => {
  it("takes the stack's outputs from the events, secrets marked and without their value", () => {
    const c = updateCollector();
    c.onEvent(outputsEvent("create", "pulumi:pulumi:Stack", "p-s", {}));
    c.onEvent(outputsEvent("create", "pulumi:providers:kubernetes", "k"));
    c.onEvent(outputsEvent("create", "kubernetes:core/v1:Namespace", "ns"));
    c.onEvent(outputsEvent("same", "pulumi-nodejs:dynamic:Resource", "pg"));
    c.onEvent(outputsEvent("delete", "kubernetes:core/v1:Secret", "old"));
    c.onEvent(
      outputsEvent("create", "pulumi:pulumi:Stack", "p-s", { namespace: "t-a", credentials: SECRET }),
    );
    expect(c.outputs).toEqual({
      namespace: { value: "t-a", secret: false },
      credentials: { value: undefined, secret: true },
    });
    expect(c.sawStack).toBe(true);
    expect(c.resourceCount).toBe(2); // neither the stack, nor its providers, nor what was deleted
  });

  it("has nothing to say when the events never reached the stack", () => {
    const c = updateCollector();
    c.onEvent({ sequence: 0, timestamp: 0, preludeEvent: { config: {} } } as unknown as EngineEvent);
    expect(c.outputs).toBeUndefined();
    expect(c.sawStack).toBe(false);
  });
});

describe("readCheckpoint", () => {
  const backend = () => {
    const dir = mkdtempSync(join(tmpdir(), "wspec-state-"));
    mkdirSync(join(dir, ".pulumi", "stacks", "proj"), { recursive: true });
    return dir;
  };
  const checkpoint = {
    version: 3,
    checkpoint: {
      stack: "s",
      latest: {
        resources: [
          { type: "pulumi:pulumi:Stack", urn: "urn:a" },
          { type: "kubernetes:core/v1:Namespace", urn: "urn:b" },
        ],
        pending_operations: [{ type: "creating", resource: { urn: "urn:c", type: "x" } }],
      },
    },
  };

  it("reads a file:// backend's checkpoint, plain or gzipped", async () => {
    const dir = backend();
    writeFileSync(join(dir, ".pulumi", "stacks", "proj", "s.json"), JSON.stringify(checkpoint));
    writeFileSync(join(dir, ".pulumi", "stacks", "proj", "z.json.gz"), gzipSync(JSON.stringify(checkpoint)));
    for (const stack of ["s", "z"]) {
      const cp = await readCheckpoint(pathToFileURL(dir).href, "proj", stack);
      expect(cp?.pendingOperations).toEqual([{ type: "creating", urn: "urn:c" }]);
      expect(cp?.resources.map((r) => r.urn)).toEqual(["urn:a", "urn:b"]);
    }
  });

  it("answers undefined for a missing stack, an unreadable file and other backends", async () => {
    const dir = backend();
    writeFileSync(join(dir, ".pulumi", "stacks", "proj", "half.json"), '{"version": 3, "checkp');
    await expect(readCheckpoint(pathToFileURL(dir).href, "proj", "none")).resolves.toBeUndefined();
    await expect(readCheckpoint(pathToFileURL(dir).href, "proj", "half")).resolves.toBeUndefined();
    await expect(readCheckpoint("s3://bucket", "proj", "s")).resolves.toBeUndefined();
  });
});
