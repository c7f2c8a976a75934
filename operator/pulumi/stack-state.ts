// What the operator needs from a stack's state without starting the CLI: whether a dead update
// left pending operations, and, after an update, the stack's outputs and resource count. Each CLI
// run costs a process start plus, for anything that decrypts (`stack export --show-secrets`,
// `stack output --show-secrets`), the passphrase's key derivation: about 0.3 s of CPU each, which
// at fleet scale is a large share of an update. A file:// backend's checkpoint is read directly
// (secret values stay encrypted and are never read); other backends return undefined and the
// caller asks the CLI.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { EngineEvent, OutputMap } from "@pulumi/pulumi/automation/index.js";

/** Pulumi's marker of a secret value in state and in engine events. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

export interface CheckpointSummary {
  readonly pendingOperations: ReadonlyArray<{ type: string; urn: string }>;
  readonly resources: ReadonlyArray<{ type: string; urn: string }>;
}

interface RawCheckpoint {
  checkpoint?: {
    latest?: {
      resources?: Array<{ type: string; urn: string }>;
      pending_operations?: Array<{ type: string; resource: { urn: string } }>;
    };
  };
}

/**
 * The stack's checkpoint in a file:// backend (`.pulumi/stacks/<project>/<stack>.json[.gz]`);
 * undefined for other backends, or when the file is not there or not readable as one.
 */
export async function readCheckpoint(
  backendUrl: string,
  project: string,
  stack: string,
): Promise<CheckpointSummary | undefined> {
  if (!backendUrl.startsWith("file://")) return undefined;
  const base = join(fileURLToPath(backendUrl), ".pulumi", "stacks", project, `${stack}.json`);
  let raw: RawCheckpoint | undefined;
  for (const [file, decode] of [
    [base, (b: Buffer) => b.toString("utf8")],
    [`${base}.gz`, (b: Buffer) => gunzipSync(b).toString("utf8")],
  ] as const) {
    try {
      raw = JSON.parse(decode(await readFile(file))) as RawCheckpoint;
      break;
    } catch {} // absent (or being replaced: the backend writes a new file and renames it)
  }
  if (!raw?.checkpoint) return undefined;
  const latest = raw.checkpoint.latest ?? {};
  return {
    pendingOperations: (latest.pending_operations ?? []).map((p) => ({ type: p.type, urn: p.resource.urn })),
    resources: (latest.resources ?? []).map((r) => ({ type: r.type, urn: r.urn })),
  };
}

/** The tenant's infrastructure: neither the stack resource itself nor provider resources. */
export const isInfrastructure = (type: string) =>
  type !== "pulumi:pulumi:Stack" && !type.startsWith("pulumi:providers:");

/**
 * Collects, from an update's engine events, the stack's outputs (secret values are marked secret,
 * their value absent: the engine never sends it) and the resources the stack holds afterwards.
 */
export function updateCollector() {
  let outputs: OutputMap | undefined;
  const kept = new Map<string, string>();
  const gone = new Set([
    "delete",
    "delete-replaced",
    "discard",
    "discard-replaced",
    "remove-pending-replace",
  ]);
  return {
    onEvent(e: EngineEvent) {
      const m = e.resOutputsEvent?.metadata;
      if (!m) return;
      if (gone.has(m.op)) kept.delete(m.urn);
      else kept.set(m.urn, m.type);
      if (m.type === "pulumi:pulumi:Stack" && m.new?.outputs) {
        outputs = Object.fromEntries(
          Object.entries(m.new.outputs).map(([k, v]) =>
            isSecret(v) ? [k, { value: undefined, secret: true }] : [k, { value: v, secret: false }],
          ),
        );
      }
    },
    /** The stack's outputs, when the events carried them. */
    get outputs(): OutputMap | undefined {
      return outputs;
    },
    /** Whether the events covered the stack resource (then resourceCount is complete). */
    get sawStack(): boolean {
      return outputs !== undefined || [...kept.values()].includes("pulumi:pulumi:Stack");
    },
    /** How many of the tenant's resources the stack holds after the update. */
    get resourceCount(): number {
      return [...kept.values()].filter(isInfrastructure).length;
    },
  };
}

function isSecret(v: unknown): boolean {
  return typeof v === "object" && v !== null && SECRET_SIG in v;
}
