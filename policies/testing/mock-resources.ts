// Pulumi mocks that record every resource a program declares as the rules see it (type, name,
// inputs with secrets revealed, and the inputs of the provider it is created with), so the rules
// can be run over a cloud stack's graph without a provider binary.
import * as pulumi from "@pulumi/pulumi";
import type { RuleResource } from "../rules/types.ts";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The value with every secret wrapper removed. */
export function revealed(v: unknown): unknown {
  if (typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG) {
    return revealed((v as { value: unknown }).value);
  }
  if (Array.isArray(v)) return v.map(revealed);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revealed(x)]));
  }
  return v;
}

interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly id: string;
  readonly inputs: Record<string, unknown>;
  /** `urn::id` of the provider, as the mocks receive it. */
  readonly provider?: string;
}

let recorded: Recorded[] = [];

export type ExtraState = (
  type: string,
  name: string,
  inputs: Record<string, unknown>,
) => Record<string, unknown>;

/** Installs the recording mocks; `extraState` adds what a cloud would compute (ARNs, endpoints). */
export async function installRecordingMocks(extraState: ExtraState = () => ({})): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = revealed(args.inputs) as Record<string, unknown>;
        const id = `${args.name}-id`;
        recorded.push({
          type: args.type,
          name: args.name,
          id,
          inputs,
          ...(args.provider ? { provider: args.provider } : {}),
        });
        return { id, state: { ...inputs, ...extraState(args.type, args.name, inputs) } };
      },
      call: (args) => revealed(args.inputs) as Record<string, unknown>,
    },
    "wspec-unit",
    "unit",
  );
}

/** Waits until no resource has been registered for a few turns of the event loop. */
async function settle(): Promise<void> {
  let last = -1;
  let stable = 0;
  while (stable < 5) {
    await new Promise((r) => setTimeout(r, 5));
    if (recorded.length === last) stable++;
    else {
      stable = 0;
      last = recorded.length;
    }
  }
}

/** Runs `build` under the recording mocks and returns every custom resource it declared. */
export async function recordResources(build: () => unknown): Promise<RuleResource[]> {
  recorded = [];
  build();
  await settle();
  const all = [...recorded];
  const byId = new Map(all.map((r) => [r.id, r]));
  return all.map((r) => {
    const provider = r.provider ? byId.get(r.provider.split("::").at(-1) ?? "") : undefined;
    return {
      type: r.type,
      name: r.name,
      props: r.inputs,
      ...(provider ? { provider: { type: provider.type, props: provider.inputs } } : {}),
    };
  });
}
