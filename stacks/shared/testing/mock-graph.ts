// Test support (not a test): Pulumi mocks that record every resource a component declares, with
// the inputs the engine would receive, so tests assert on the resource graph itself. Shared by
// the Azure and GCP component tests.
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
  readonly type: string;
  readonly name: string;
  /** Secrets unwrapped (see `secretPaths` for which were secret). */
  readonly inputs: Record<string, unknown>;
  /** The mock id, `<type>::<name>`: tests compare scopes and references with it. */
  readonly id: string;
  readonly raw: Record<string, unknown>;
}

// How a secret travels to the engine: an object tagged with Pulumi's secret signature.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const isSecretValue = (v: unknown): boolean =>
  typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;

/** The value with every secret wrapper removed. */
export function revealed(v: unknown): unknown {
  if (isSecretValue(v)) return revealed((v as { value: unknown }).value);
  if (Array.isArray(v)) return v.map(revealed);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revealed(x)]));
  }
  return v;
}

export type StateFn = (
  type: string,
  name: string,
  inputs: Record<string, unknown>,
) => Record<string, unknown>;
export type CallFn = (token: string, inputs: Record<string, unknown>) => Record<string, unknown>;

/**
 * What the wspec dynamic providers every cloud's components use would compute: the drawn secret
 * (shared/random-secret.ts) and a pooled tenant's role password (local/postgres-tenant.ts).
 */
export function dynamicState(type: string, name: string): Record<string, unknown> | undefined {
  switch (type) {
    case "pulumi-nodejs:dynamic/wspec:RandomSecret":
      return { value: `random-${name}` };
    case "pulumi-nodejs:dynamic/local:PostgresTenant":
      return { password: `pw-${name}` };
    default:
      return undefined;
  }
}

let registered: Registered[] = [];

export const mockId = (type: string, name: string): string => `${type}::${name}`;

/**
 * Installs mocks; `extraState` adds what the cloud would compute (ids, endpoints, keys), on top of
 * `dynamicState`.
 */
export async function installMocks(extraState: StateFn, call: CallFn): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = revealed(args.inputs) as Record<string, unknown>;
        const id = mockId(args.type, args.name);
        registered.push({ type: args.type, name: args.name, inputs, id, raw: args.inputs });
        return {
          id,
          state: {
            ...inputs,
            ...dynamicState(args.type, args.name),
            ...extraState(args.type, args.name, inputs),
          },
        };
      },
      call: (args) => call(args.token, revealed(args.inputs) as Record<string, unknown>),
    },
    "wspec-unit",
    "unit",
  );
}

/**
 * Waits until no resource has been registered for 100 ms. Registrations under mocks are promise
 * chains with no completion signal; a quiet period, long against them even on a loaded machine,
 * is the end.
 */
async function settle(): Promise<void> {
  let last = -1;
  let stable = 0;
  while (stable < 10) {
    await new Promise((r) => setTimeout(r, 10));
    if (registered.length === last) stable++;
    else {
      stable = 0;
      last = registered.length;
    }
  }
}

export const value = <T>(o: pulumi.Output<T>): Promise<T> => new Promise<T>((resolve) => o.apply(resolve));

export interface Graph {
  readonly all: readonly Registered[];
  /** The resource options of each child, as the component's transformation saw them (`type::name`). */
  readonly options: ReadonlyMap<string, pulumi.ResourceOptions>;
  /** Resources that were not reached through the component's parent chain (should be none). */
  readonly unparented: () => string[];
  byType(type: string): Registered[];
  /** The only resource of a type (throws naming the count otherwise). */
  one(type: string): Registered;
  /** The resource of a type whose name ends with `suffix`. */
  named(type: string, suffix: string): Registered;
}

/**
 * Runs `build` (which passes `opts` to the component), waits for every registration, and returns
 * the graph it declared. A transformation on the component sees every child's options; it reaches
 * only resources whose parent chain leads to the component, which `unparented` reports.
 */
export async function capture<T>(
  build: (opts: pulumi.ComponentResourceOptions) => T,
): Promise<{ result: T; graph: Graph }> {
  registered = [];
  const options = new Map<string, pulumi.ResourceOptions>();
  const result = build({
    transformations: [
      (a) => {
        options.set(mockId(a.type, a.name), a.opts);
        return undefined;
      },
    ],
  });
  await settle();
  const all = [...registered];
  const byType = (type: string) => all.filter((r) => r.type === type);
  return {
    result,
    graph: {
      all,
      options,
      unparented: () =>
        all.filter((r) => !r.type.startsWith("wspec:") && !options.has(r.id)).map((r) => r.id),
      byType,
      one(type) {
        const found = byType(type);
        if (found.length !== 1) throw new Error(`expected one ${type}, got ${found.length}`);
        return found[0] as Registered;
      },
      named(type, suffix) {
        const found = byType(type).filter((r) => r.name.endsWith(suffix));
        if (found.length !== 1) {
          throw new Error(
            `expected one ${type} named *${suffix}, got [${byType(type)
              .map((r) => r.name)
              .join(", ")}]`,
          );
        }
        return found[0] as Registered;
      },
    },
  };
}

/** Paths (a.b[0].c) under `v` whose value was sent as a secret. */
export function secretPaths(v: unknown, path = ""): string[] {
  if (isSecretValue(v)) return [path || "(root)"];
  if (Array.isArray(v)) return v.flatMap((x, i) => secretPaths(x, `${path}[${i}]`));
  if (typeof v === "object" && v !== null) {
    return Object.entries(v).flatMap(([k, x]) => secretPaths(x, path ? `${path}.${k}` : k));
  }
  return [];
}

/** The graph as the policy pack's rules read resources (policies/evaluate.ts `evaluateResources`). */
export function ruleResources(graph: Graph): {
  type: string;
  name: string;
  props: Record<string, unknown>;
  protect: boolean;
  id: string;
}[] {
  return graph.all
    .filter((r) => !r.type.startsWith("wspec:"))
    .map((r) => ({
      type: r.type,
      name: r.name,
      props: r.inputs,
      protect: graph.options.get(r.id)?.protect === true,
      id: r.id,
    }));
}
