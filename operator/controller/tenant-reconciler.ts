// Reconciles one Tenant, level-based: re-read it, decide from its spec, its profile and its status,
// act, and write status once. Returns when to look again; never sleeps. Failure classes:
// an invalid spec or a profile that forbids it stalls (no retry until something changes); a missing
// profile waits; a Pulumi failure throws so the queue backs off, and stalls after the retry cap.
import type { OutputMap, PulumiFn } from "@pulumi/pulumi/automation/index.js";
import type { Logger } from "pino";
import {
  API_VERSION,
  type ComplianceProfile,
  type ComplianceProfileSpec,
  type Condition,
  FINALIZER,
  type Problem,
  parseComplianceProfileSpec,
  parseTenantSpec,
  type ResolvedTenantSpec,
  stackName,
  summarize,
  type Tenant,
  type TenantOutputs,
  withTierDefaults,
} from "../../crds/index.ts";
import { describeViolations, PolicyViolationError } from "../pulumi/policy-violations.ts";
import {
  ConditionReason,
  events,
  findCondition,
  inputsHash,
  isTrue,
  markFailed,
  markReady,
  markReconciling,
  markStalled,
  phaseOf,
  preflight,
  profileInvalid,
  profileNotFound,
  setCondition,
  toTime,
  type WspecEvent,
} from "../tenant/index.ts";
import type { EventRecorder } from "./events.ts";
import type { TenantClient, TenantStatusPatch } from "./tenant-client.ts";
import { StackLockedError, type TenantStacks } from "./tenant-stacks.ts";

/** What the reconciler needs to build a tenant's Pulumi program; a Problem when it cannot. */
export type ProgramFactory = (tenant: {
  namespace: string;
  name: string;
  spec: ResolvedTenantSpec;
  profile: ComplianceProfileSpec;
}) =>
  | {
      program: PulumiFn;
      outputs: (raw: OutputMap) => TenantOutputs;
      /** Builds (or reuses) the compliance pack every `up` of this tenant must pass. */
      policyPack: () => Promise<string>;
    }
  | Problem;

export interface ReconcilerDeps {
  readonly tenants: TenantClient;
  readonly profiles: { get(name: string): ComplianceProfile | undefined; names(): string[] };
  readonly stacks: Pick<TenantStacks, "up" | "destroy" | "forget" | "driftCheck">;
  readonly programs: ProgramFactory;
  readonly recorder: EventRecorder;
  readonly now: () => Date;
  readonly driftCheckIntervalMs: number;
  /** After this many consecutive failures a tenant is Stalled instead of retried. */
  readonly maxRetries: number;
}

export interface ReconcileRequest {
  readonly namespace: string;
  readonly name: string;
  /** Consecutive failures so far (from the work queue). */
  readonly failures: number;
  readonly log: Logger;
  readonly signal: AbortSignal;
}

export interface ReconcileResult {
  readonly requeueAfterMs?: number;
  /** How the pass ended, for metrics. */
  readonly outcome: "done" | "requeue" | "stalled";
}

const PROFILE_RETRY_MS = 30_000;
const LOCKED_RETRY_MS = 10_000;

export async function reconcileTenant(deps: ReconcilerDeps, req: ReconcileRequest): Promise<ReconcileResult> {
  const tenant = await deps.tenants.get(req.namespace, req.name);
  if (!tenant) return { outcome: "done" }; // deleted and gone: nothing left to do
  const generation = tenant.metadata.generation ?? 0;
  const now = deps.now();
  const stack = stackName(req.namespace, req.name);
  const emit = (e: WspecEvent) => deps.recorder.record(eventTarget(tenant), e.type, e.reason, e.message);
  const save = async (status: TenantStatusPatch): Promise<Tenant> => {
    const conditions = status.conditions ?? tenant.status?.conditions;
    return deps.tenants.patchStatus(tenant, {
      ...status,
      observedGeneration: generation,
      phase: phaseOf(conditions, tenant.metadata.deletionTimestamp !== undefined),
      ...(conditions ? { conditions } : {}),
    });
  };

  // A stalled tenant is looked at again on every resync and profile change: the Event is for the
  // transition, not for each look.
  const alreadyStalledWith = (why: { reason: string; message: string }) => {
    const stalled = findCondition(tenant.status?.conditions, "Stalled");
    return stalled?.status === "True" && stalled.reason === why.reason && stalled.message === why.message;
  };

  if (tenant.metadata.deletionTimestamp) return teardown(deps, req, tenant, stack, emit, save);

  // Step 1: the spec, as the CRD schema cannot fully check it.
  const parsed = parseTenantSpec(tenant.spec);
  if (!parsed.ok) return stall(parsed.problems, "SpecInvalid", events.specInvalid(parsed.problems));

  // Step 2: the profile, a dependency that may appear later.
  const found = deps.profiles.get(parsed.value.complianceProfile);
  if (!found) {
    const problem = profileNotFound(parsed.value.complianceProfile, deps.profiles.names());
    if (!alreadyStalledWith(problem)) await emit(events.profileNotFound(problem));
    await save({
      conditions: compliant(
        markStalled(tenant.status?.conditions, problem, generation, now),
        generation,
        now,
        problem,
      ),
      message: problem.message,
    });
    return { requeueAfterMs: PROFILE_RETRY_MS, outcome: "stalled" };
  }
  const profileSpec = parseComplianceProfileSpec(found.spec);
  if (!profileSpec.ok) {
    const problem = profileInvalid(parsed.value.complianceProfile, profileSpec.problems);
    return stall([problem], problem.reason, events.preflightFailed([problem]));
  }

  // Step 3: preflight, before any side effect.
  const problems = preflight(parsed.value, profileSpec.value);
  if (problems.length > 0)
    return stall(problems, problems[0]?.reason ?? "PreflightFailed", events.preflightFailed(problems));
  const spec = withTierDefaults(parsed.value);
  const target = deps.programs({
    namespace: req.namespace,
    name: req.name,
    spec,
    profile: profileSpec.value,
  });
  if ("reason" in target) return stall([target], target.reason, events.preflightFailed([target]));

  // Step 4: the finalizer goes on before the first external side effect.
  let current = tenant;
  if (!(tenant.metadata.finalizers ?? []).includes(FINALIZER)) {
    current = await deps.tenants.setFinalizers(tenant, [...(tenant.metadata.finalizers ?? []), FINALIZER]);
  }

  // Step 5: unchanged inputs and Ready: no Pulumi run at all, except the slower drift check.
  const hash = inputsHash(parsed.value, profileSpec.value);
  const status = current.status ?? {};
  const upToDate = status.observedInputsHash === hash && isTrue(status.conditions, "Ready");
  if (upToDate) {
    const lastCheck = status.stack?.lastDriftCheckTime ?? status.stack?.lastUpdateTime;
    const dueIn = lastCheck ? Date.parse(lastCheck) + deps.driftCheckIntervalMs - now.getTime() : 0;
    if (dueIn > 0) {
      if (status.observedGeneration !== generation) await save({}); // e.g. a displayName edit
      return { requeueAfterMs: dueIn, outcome: "done" };
    }
    return driftCheck(target.program);
  }

  // Step 6: provision.
  let conditions = markReconciling(
    status.conditions,
    { reason: "Provisioning", message: `pulumi up of stack ${stack} in progress` },
    generation,
    now,
  );
  conditions = compliant(conditions, generation, now);
  await save({
    conditions,
    message: `provisioning stack ${stack}`,
    currentUpdate: {
      id: `${stack}@${generation}`,
      operation: "up",
      startTime: toTime(now),
      inputsHash: hash,
    },
  });
  await emit(events.provisioningStarted(stack));
  try {
    const policyPacks = [await target.policyPack()];
    const up = await deps.stacks.up(
      stack,
      target.program,
      {
        log: req.log,
        signal: req.signal,
        onRecovered: (d: string) => emit(events.stackRecovered(stack, d)),
      },
      { policyPacks, inputsHash: hash },
    );
    const done = deps.now();
    const outputs = target.outputs(up.outputs);
    let ready = markReady(conditions, generation, done);
    ready = setCondition(
      ready,
      { type: "Provisioned", status: "True", reason: "Provisioned", message: `stack ${stack} is up` },
      generation,
      done,
    );
    await deps.tenants.patchStatus(current, {
      phase: "Ready",
      observedGeneration: generation,
      observedInputsHash: hash,
      conditions: ready,
      outputs,
      message: `ready: stack ${stack}, ${up.resourceCount} resources`,
      stack: {
        name: stack,
        lastOperation: "up",
        result: "succeeded",
        durationSeconds: Math.round(up.durationSeconds * 10) / 10,
        resourceCount: up.resourceCount,
        lastUpdateTime: toTime(done),
        lastDriftCheckTime: toTime(done),
      },
      currentUpdate: null, // merge patch: remove the field
    });
    await emit(events.provisioned(stack, up.durationSeconds, up.resourceCount));
    return { requeueAfterMs: deps.driftCheckIntervalMs, outcome: "done" };
  } catch (err) {
    if (err instanceof StackLockedError) {
      req.log.warn({ stack }, err.message);
      return { requeueAfterMs: LOCKED_RETRY_MS, outcome: "requeue" };
    }
    if (req.signal.aborted) throw err; // shutting down or leadership lost: the next leader goes on
    if (err instanceof PolicyViolationError) return refusedByPolicy(err);
    const message = errorSummary(err);
    const why = { reason: "ProvisioningFailed", message: `pulumi up of stack ${stack} failed: ${message}` };
    const failed = setCondition(
      req.failures + 1 >= deps.maxRetries
        ? markStalled(
            conditions,
            {
              ...why,
              message: `${why.message} (gave up after ${req.failures + 1} attempts; change the spec to retry)`,
            },
            generation,
            deps.now(),
          )
        : markFailed(conditions, why, generation, deps.now()),
      { type: "Provisioned", status: "False", ...why },
      generation,
      deps.now(),
    );
    await deps.tenants.patchStatus(current, {
      phase: phaseOf(failed),
      observedGeneration: generation,
      conditions: failed,
      message: why.message,
      stack: {
        ...(status.stack ?? { name: stack }),
        name: stack,
        lastOperation: "up",
        result: "failed",
        lastUpdateTime: toTime(deps.now()),
      },
      currentUpdate: null,
    });
    await emit(events.provisioningFailed(stack, message));
    if (req.failures + 1 >= deps.maxRetries) return { outcome: "stalled" };
    throw err;
  }

  /**
   * The pack refused the update before any change. Retrying cannot help until the spec or the
   * profile changes (both requeue the tenant), so it stalls at once, naming each rule and resource.
   */
  async function refusedByPolicy(err: PolicyViolationError): Promise<ReconcileResult> {
    const at = deps.now();
    const why = {
      reason: ConditionReason.PolicyViolation,
      message: `pulumi up of stack ${stack} refused by policy: ${describeViolations(err.violations)}`,
    };
    let next = markStalled(conditions, why, generation, at);
    next = setCondition(next, { type: "Provisioned", status: "False", ...why }, generation, at);
    next = compliant(next, generation, at, why);
    await deps.tenants.patchStatus(current, {
      phase: phaseOf(next),
      observedGeneration: generation,
      conditions: next,
      message: why.message,
      stack: {
        ...(status.stack ?? { name: stack }),
        name: stack,
        lastOperation: "up",
        result: "failed",
        lastUpdateTime: toTime(at),
      },
      currentUpdate: null,
    });
    await emit(events.policyViolation(stack, describeViolations(err.violations)));
    return { outcome: "stalled" };
  }

  async function stall(
    problems: readonly Problem[],
    reason: string,
    event: WspecEvent,
  ): Promise<ReconcileResult> {
    const why = { reason, message: summarize(problems) };
    if (!alreadyStalledWith(why)) await emit(event);
    await save({
      conditions: compliant(
        markStalled(tenant?.status?.conditions, why, generation, now),
        generation,
        now,
        why,
      ),
      message: why.message,
    });
    return { outcome: "stalled" };
  }

  async function driftCheck(program: PulumiFn): Promise<ReconcileResult> {
    const changes = await deps.stacks.driftCheck(stack, program, {
      log: req.log,
      signal: req.signal,
      onRecovered: (d: string) => emit(events.stackRecovered(stack, d)),
    });
    const count = Object.values(changes).reduce((a, b) => a + b, 0);
    const at = deps.now();
    const drift =
      count > 0
        ? {
            type: "Drifted" as const,
            status: "True" as const,
            reason: "DriftDetected",
            message: `${count} resource(s) differ from the stack: ${JSON.stringify(changes)}`,
          }
        : {
            type: "Drifted" as const,
            status: "False" as const,
            reason: "NoDrift",
            message: "the infrastructure matches the stack",
          };
    if (count > 0 && findCondition(status.conditions, "Drifted")?.status !== "True")
      await emit(events.driftDetected(stack, count));
    await save({
      conditions: setCondition(status.conditions, drift, generation, at),
      stack: { ...(status.stack ?? { name: stack }), lastDriftCheckTime: toTime(at) },
    });
    return { requeueAfterMs: deps.driftCheckIntervalMs, outcome: "done" };
  }
}

/** Compliant=True unless a problem is given. */
function compliant(
  conditions: Condition[],
  generation: number,
  now: Date,
  problem?: { reason: string; message: string },
): Condition[] {
  const cond = problem
    ? {
        type: "Compliant" as const,
        status: "False" as const,
        reason: problem.reason,
        message: problem.message,
      }
    : {
        type: "Compliant" as const,
        status: "True" as const,
        reason: "PreflightPassed",
        message: "the spec satisfies its ComplianceProfile",
      };
  return setCondition(conditions, cond, generation, now);
}

async function teardown(
  deps: ReconcilerDeps,
  req: ReconcileRequest,
  tenant: Tenant,
  stack: string,
  emit: (e: WspecEvent) => Promise<void>,
  save: (s: TenantStatusPatch) => Promise<Tenant>,
): Promise<ReconcileResult> {
  if (!(tenant.metadata.finalizers ?? []).includes(FINALIZER)) return { outcome: "done" };
  const retain = tenant.spec?.deletionPolicy === "Retain";
  // The status write bumps resourceVersion: the finalizer patch below must carry the new one.
  const latest = await save({
    message: retain ? `removing stack ${stack}, keeping its infrastructure` : `destroying stack ${stack}`,
  });
  try {
    if (retain) {
      await deps.stacks.forget(stack, {
        log: req.log,
        signal: req.signal,
        onRecovered: (d: string) => emit(events.stackRecovered(stack, d)),
      });
      await emit(events.retained(stack));
    } else {
      await emit(events.destroyStarted(stack));
      await deps.stacks.destroy(stack, async () => {}, {
        log: req.log,
        signal: req.signal,
        onRecovered: (d: string) => emit(events.stackRecovered(stack, d)),
      });
      await emit(events.destroyed(stack));
    }
  } catch (err) {
    if (err instanceof StackLockedError) return { requeueAfterMs: LOCKED_RETRY_MS, outcome: "requeue" };
    if (req.signal.aborted) throw err;
    const message = errorSummary(err);
    await save({ message: `pulumi destroy of stack ${stack} failed: ${message}; finalizer kept` });
    await emit(events.destroyFailed(stack, message));
    throw err;
  }
  await deps.tenants.setFinalizers(
    latest,
    (latest.metadata.finalizers ?? []).filter((f) => f !== FINALIZER),
  );
  return { outcome: "done" };
}

function eventTarget(t: Tenant) {
  return {
    apiVersion: API_VERSION,
    kind: "Tenant",
    metadata: {
      name: t.metadata.name ?? "",
      namespace: t.metadata.namespace ?? "default",
      ...(t.metadata.uid ? { uid: t.metadata.uid } : {}),
      ...(t.metadata.resourceVersion ? { resourceVersion: t.metadata.resourceVersion } : {}),
    },
  };
}

/** The engine's error, short: the diagnostics, without the CLI's command line and stdout noise. */
export function errorSummary(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const diagnostics = text
    .split("\n")
    .filter((l) => /^\s*(error| {2}\S+ \(.*\):|\s+error:)/.test(l) || /error:/.test(l));
  const summary = (diagnostics.length > 0 ? diagnostics.join(" ") : text).replace(/\s+/g, " ").trim();
  return summary.length > 1500 ? `${summary.slice(0, 1497)}...` : summary;
}
