// Pulumi operations on tenant stacks: bounded in number, each preceded by recovery of a stack that
// a crashed run left locked (never one a live process holds), measured, and logged as JSON lines
// with the reconcile id. Programs come from stacks/; this module only drives the engine.
import { hostname } from "node:os";
import {
  type EngineEvent,
  LocalWorkspace,
  type OutputMap,
  type PulumiFn,
  type Stack,
  StackNotFoundError,
} from "@pulumi/pulumi/automation/index.js";
import type { Logger } from "pino";
import { Semaphore } from "../../lib/semaphore/index.ts";
import { type PulumiEngineConfig, removeStackWorkDir, workspaceOptions } from "../pulumi/engine.ts";
import { adaptConcurrency, boundsFor } from "../pulumi/operation-concurrency.ts";
import { PolicyViolationError, policyViolationCollector } from "../pulumi/policy-violations.ts";
import { recoverStack } from "../pulumi/recover-stack.ts";
import { isStaleLock, processIsAlive, readStackLocks } from "../pulumi/stack-locks.ts";
import { isInfrastructure, readCheckpoint, updateCollector } from "../pulumi/stack-state.ts";
import type { OperatorMetrics, PulumiOperation } from "./metrics.ts";

export interface TenantStacksOptions {
  readonly engine: PulumiEngineConfig;
  /** The Pulumi project all tenant stacks live in. */
  readonly project: string;
  readonly metrics: OperatorMetrics;
  /** Pins the concurrent Pulumi operations; undefined: from the cores and the CPU pressure. */
  readonly maxConcurrentOperations?: number | undefined;
  /** Age after which a lock taken on another host counts as abandoned. */
  readonly foreignLockStaleAfterMs: number;
}

export interface OperationContext {
  readonly log: Logger;
  readonly signal: AbortSignal;
  /** Told when a stack left locked by a crashed run was recovered before the operation. */
  readonly onRecovered?: (detail: string) => void | Promise<void>;
}

export interface UpOptions {
  /** Launchers of the policy packs the update must pass (see policies/buildCompliancePack). */
  readonly policyPacks: readonly string[];
  /**
   * What the program is built from (the tenant's inputs hash). A preview that passed the same
   * packs with the same inputs is not run again (a retry after a failed update): its verdict
   * cannot have changed, and the update itself still runs every pack.
   */
  readonly inputsHash?: string;
}

/** Previews remembered (one per stack, the newest); enough for every tenant of a large fleet. */
const PREVIEWS_KEPT = 20_000;

export interface UpResult {
  readonly outputs: OutputMap;
  readonly resourceCount: number;
  readonly durationSeconds: number;
}

export class StackLockedError extends Error {
  constructor(stack: string, holder: string) {
    super(`stack ${stack} is locked by a live update (${holder}); will retry`);
    this.name = "StackLockedError";
  }
}

export class TenantStacks {
  readonly #opts: TenantStacksOptions;
  readonly #limit: Semaphore;
  #stopAdapting?: () => void;
  /** Per stack, the inputs and packs of the last preview that passed. */
  readonly #passedPreviews = new Map<string, string>();

  constructor(opts: TenantStacksOptions) {
    this.#opts = opts;
    if (opts.maxConcurrentOperations !== undefined) {
      this.#limit = new Semaphore(opts.maxConcurrentOperations);
    } else {
      const bounds = boundsFor();
      this.#limit = new Semaphore(bounds.initial);
      this.#stopAdapting = adaptConcurrency(this.#limit, {
        ...bounds,
        onChange: (n) => opts.metrics.operationConcurrency.set(n),
      });
    }
    opts.metrics.operationConcurrency.set(this.#limit.capacity);
  }

  /** Stops adapting the concurrency (the operator is shutting down). */
  close(): void {
    this.#stopAdapting?.();
  }

  /** Throws PolicyViolationError when a pack's mandatory policy refused the update. */
  async up(stackName: string, program: PulumiFn, ctx: OperationContext, opts: UpOptions): Promise<UpResult> {
    return this.#operation("up", ctx, async () => {
      const stack = await LocalWorkspace.createOrSelectStack(
        { stackName, projectName: this.#opts.project, program },
        await this.#workspace(stackName),
      );
      await this.#recoverIfAbandoned(stack, ctx);
      const started = Date.now();
      const log = engineLogger(ctx.log);
      const policy = policyViolationCollector();
      const update = updateCollector();
      const onEvent = (e: EngineEvent) => {
        log(e);
        policy.onEvent(e);
        update.onEvent(e);
      };
      const refused = (err: unknown) => {
        throw policy.violations.length > 0
          ? new PolicyViolationError(stackName, policy.violations, err)
          : err;
      };
      const policyPacks = [...opts.policyPacks];
      // The preview sees every resource before anything is created: a violation there changes
      // nothing. The update then checks again with the values only it knows (ids, generated names).
      const verdict = opts.inputsHash && `${opts.inputsHash} ${policyPacks.join(" ")}`;
      if (policyPacks.length > 0 && !(verdict && this.#passedPreviews.get(stackName) === verdict)) {
        const previewStarted = Date.now();
        await stack.preview({ signal: ctx.signal, policyPacks, onEvent }).catch((err: unknown) => {
          this.#record("preview", "failure", previewStarted);
          return refused(err);
        });
        this.#record("preview", "success", previewStarted);
        if (verdict) this.#rememberPreview(stackName, verdict);
      }
      const result = await withoutFollowUpRuns(stack, update)
        .up({ signal: ctx.signal, policyPacks, onEvent })
        .catch(refused);
      return {
        outputs: result.outputs,
        resourceCount: update.sawStack ? update.resourceCount : await this.#resourceCount(stack),
        durationSeconds: (Date.now() - started) / 1000,
      };
    });
  }

  /** Destroys the stack's resources and removes the stack; a stack that never existed is fine. */
  async destroy(stackName: string, program: PulumiFn, ctx: OperationContext): Promise<void> {
    const stack = await this.#select(stackName, program);
    if (!stack) return;
    await this.#operation("destroy", ctx, async () => {
      await this.#recoverIfAbandoned(stack, ctx);
      this.#passedPreviews.delete(stackName);
      await stack.destroy({ signal: ctx.signal, onEvent: engineLogger(ctx.log) });
      await stack.workspace.removeStack(stackName);
      await removeStackWorkDir(this.#opts.engine, this.#opts.project, stackName);
    });
  }

  /** Removes the stack but keeps every resource it made (deletionPolicy Retain). */
  async forget(stackName: string, ctx: OperationContext): Promise<void> {
    const stack = await this.#select(stackName, async () => {});
    if (!stack) return;
    await this.#operation("destroy", ctx, async () => {
      await this.#recoverIfAbandoned(stack, ctx);
      this.#passedPreviews.delete(stackName);
      await stack.workspace.removeStack(stackName, { force: true });
      await removeStackWorkDir(this.#opts.engine, this.#opts.project, stackName);
    });
  }

  /** A read-only refresh preview: which resources differ from what the stack recorded. */
  async driftCheck(
    stackName: string,
    program: PulumiFn,
    ctx: OperationContext,
  ): Promise<Record<string, number>> {
    const stack = await this.#select(stackName, program);
    if (!stack) return {};
    return this.#operation("refresh", ctx, async () => {
      await this.#recoverIfAbandoned(stack, ctx);
      const preview = await stack.previewRefresh({ signal: ctx.signal });
      return Object.fromEntries(
        Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && (n ?? 0) > 0),
      ) as Record<string, number>;
    });
  }

  #rememberPreview(stackName: string, verdict: string): void {
    this.#passedPreviews.delete(stackName); // re-inserted as the newest
    this.#passedPreviews.set(stackName, verdict);
    if (this.#passedPreviews.size > PREVIEWS_KEPT) {
      const oldest = this.#passedPreviews.keys().next().value;
      if (oldest !== undefined) this.#passedPreviews.delete(oldest);
    }
  }

  /** Without the stack's events: from the checkpoint, or the CLI's export for other backends. */
  async #resourceCount(stack: Stack): Promise<number> {
    const checkpoint = await readCheckpoint(this.#opts.engine.backendUrl, this.#opts.project, stack.name);
    const resources: Array<{ type: string }> =
      checkpoint?.resources ?? (await stack.exportStack()).deployment?.resources ?? [];
    return resources.filter((r) => isInfrastructure(r.type)).length;
  }

  async #select(stackName: string, program: PulumiFn): Promise<Stack | undefined> {
    try {
      return await LocalWorkspace.selectStack(
        { stackName, projectName: this.#opts.project, program },
        await this.#workspace(stackName),
      );
    } catch (err) {
      if (err instanceof StackNotFoundError || /no stack named|not found/i.test(String(err))) {
        await removeStackWorkDir(this.#opts.engine, this.#opts.project, stackName);
        return undefined;
      }
      throw err;
    }
  }

  /** Each stack has a working directory of its own: operations on different stacks share no file. */
  #workspace(stackName: string) {
    return workspaceOptions(
      this.#opts.engine,
      { name: this.#opts.project, description: "wspec tenant infrastructure" },
      stackName,
    );
  }

  /**
   * Clears what a crashed run left behind: only locks whose process is gone (or, from another
   * host, older than the lease allows), then pending operations.
   */
  async #recoverIfAbandoned(stack: Stack, ctx: OperationContext): Promise<void> {
    const locks = await readStackLocks(this.#opts.engine.backendUrl, this.#opts.project, stack.name);
    if (locks.length === 0) {
      const checkpoint = await readCheckpoint(this.#opts.engine.backendUrl, this.#opts.project, stack.name);
      const pending =
        checkpoint?.pendingOperations ?? (await stack.exportStack()).deployment?.pending_operations ?? [];
      if (pending.length === 0) return;
    }
    const context = {
      hostname: hostname(),
      now: new Date(),
      isAlive: processIsAlive,
      foreignStaleAfterMs: this.#opts.foreignLockStaleAfterMs,
    };
    const live = locks.find((l) => !isStaleLock(l, context));
    if (live)
      throw new StackLockedError(
        stack.name,
        `pid ${live.pid} on ${live.hostname} since ${live.takenAt.toISOString()}`,
      );
    const started = Date.now();
    const recovery = await recoverStack(stack);
    this.#record("recover", "success", started);
    ctx.log.warn(
      {
        stack: stack.name,
        staleLocks: locks.map((l) => ({ pid: l.pid, host: l.hostname })),
        pending: recovery.pendingOperations,
      },
      "recovered a stack left locked by a crashed run",
    );
    const detail = `${locks.length} stale lock(s) (${locks.map((l) => `pid ${l.pid} on ${l.hostname}`).join(", ") || "none"}) cleared, ${recovery.pendingOperations.length} pending operation(s) resolved`;
    await ctx.onRecovered?.(detail);
  }

  async #operation<T>(operation: PulumiOperation, ctx: OperationContext, fn: () => Promise<T>): Promise<T> {
    return this.#limit.run(
      async () => {
        const started = Date.now();
        ctx.log.info({ operation }, "pulumi operation started");
        try {
          const result = await fn();
          this.#record(operation, "success", started);
          ctx.log.info({ operation, seconds: (Date.now() - started) / 1000 }, "pulumi operation succeeded");
          return result;
        } catch (err) {
          const result =
            err instanceof StackLockedError ? "locked" : ctx.signal.aborted ? "cancelled" : "failure";
          this.#record(operation, result, started);
          throw err;
        }
      },
      { signal: ctx.signal },
    );
  }

  #record(operation: PulumiOperation, result: string, started: number): void {
    this.#opts.metrics.pulumiOperations.inc({ operation, result });
    this.#opts.metrics.pulumiDuration.observe({ operation, result }, (Date.now() - started) / 1000);
  }
}

/**
 * `Stack.up()` ends with three more CLI runs: `stack output` twice (once to decrypt secrets) and
 * `stack history`, about 0.5 s of CPU together. The update's own events already carry the outputs
 * (secrets marked, without their value: the operator never puts one in a status) and its summary
 * is not used, so this stack answers both from them; the CLI only when the events had no outputs.
 */
function withoutFollowUpRuns(stack: Stack, update: ReturnType<typeof updateCollector>): Stack {
  const fromCli = stack.outputs.bind(stack);
  return Object.assign(stack, {
    outputs: async () => update.outputs ?? fromCli(),
    info: async () => undefined,
  });
}

/** Engine events as JSON log lines: each resource step, and diagnostics (never secret values). */
function engineLogger(log: Logger): (event: EngineEvent) => void {
  return (event) => {
    if (event.resOutputsEvent) {
      const m = event.resOutputsEvent.metadata;
      log.info({ engine: "resource", op: m.op, type: m.type, urn: m.urn }, "resource step done");
    } else if (event.resOpFailedEvent) {
      const m = event.resOpFailedEvent.metadata;
      log.warn(
        { engine: "resource", op: m.op, type: m.type, urn: m.urn, status: event.resOpFailedEvent.status },
        "resource step failed",
      );
    } else if (event.diagnosticEvent) {
      const d = event.diagnosticEvent;
      log[d.severity === "error" ? "error" : d.severity === "warning" ? "warn" : "info"](
        { engine: "diagnostic", urn: d.urn },
        d.message.trim(),
      );
    } else if (event.policyEvent) {
      const p = event.policyEvent;
      log.warn(
        {
          engine: "policy",
          policy: p.policyName,
          pack: p.policyPackName,
          level: p.enforcementLevel,
          urn: p.resourceUrn,
        },
        p.message,
      );
    }
  };
}
