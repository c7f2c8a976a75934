// Wires the Tenant controller: informers on Tenants and ComplianceProfiles feed a work queue that
// workers drain through reconcileTenant, only while this process holds the leader lease. Losing
// the lease (or shutting down) aborts running work: Pulumi operations get SIGINT and stop cleanly.
import { randomUUID } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import type { Logger } from "pino";
import {
  API_VERSION,
  type ComplianceProfile,
  GROUP,
  PHASES,
  PROFILE_KIND,
  PROFILE_PLURAL,
  TENANT_PLURAL,
  type Tenant,
  VERSION,
} from "../../crds/index.ts";
import { type ResilientInformer, resilientInformer } from "../../lib/kubernetes/resilient-informer.ts";
import { events } from "../tenant/index.ts";
import type { EventRecorder } from "./events.ts";
import { type LeaderElection, startLeaderElection } from "./leader-election.ts";
import type { OperatorMetrics } from "./metrics.ts";
import { desiredProfileStatus, patchProfileStatus } from "./profile-status.ts";
import type { TenantClient } from "./tenant-client.ts";
import { type ProgramFactory, reconcileTenant } from "./tenant-reconciler.ts";
import type { TenantStacks } from "./tenant-stacks.ts";
import { type Priority, WorkQueue } from "./work-queue.ts";

export interface ControllerOptions {
  readonly kc: k8s.KubeConfig;
  readonly log: Logger;
  readonly metrics: OperatorMetrics;
  readonly tenants: TenantClient;
  readonly stacks: TenantStacks;
  readonly programs: ProgramFactory;
  readonly recorder: EventRecorder;
  readonly workers: number;
  readonly maxRetries: number;
  readonly driftCheckIntervalMs: number;
  readonly resyncMs: number;
  /** Reconcile only Tenants matching this label selector (all when absent). */
  readonly tenantSelector?: string;
  readonly lease: { namespace: string; name: string; durationMs: number };
}

export interface Controller {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Informers synced and not shutting down. */
  ready(): boolean;
  isLeader(): boolean;
  /** The informers' caches, for read APIs (the console) that must not hit the API server per request. */
  tenants(): readonly Tenant[];
  profile(name: string): ComplianceProfile | undefined;
  profileNames(): string[];
  /** Called on every Tenant add, update or delete seen by the informer. */
  onTenantChange(
    listener: (tenant: Tenant, event: "add" | "update" | "delete" | "resync") => void,
  ): () => void;
}

const keyOf = (o: k8s.KubernetesObject) => `${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;

/**
 * Urgent: a tenant someone waits for (new, changed, being deleted, not Ready yet). Routine: one
 * that is Ready for its current generation, or stalled on it, whose look is a no-op or a drift
 * check. A profile change re-queues its tenants as urgent regardless.
 */
export function priorityOf(t: Tenant): Priority {
  if (t.metadata.deletionTimestamp) return "urgent";
  if ((t.status?.observedGeneration ?? -1) !== (t.metadata.generation ?? 0)) return "urgent";
  const settled = (t.status?.conditions ?? []).some(
    (c) => (c.type === "Ready" || c.type === "Stalled") && c.status === "True",
  );
  return settled ? "routine" : "urgent";
}

export function createController(opts: ControllerOptions): Controller {
  const { kc, log, metrics } = opts;
  const co = kc.makeApiClient(k8s.CustomObjectsApi);
  let queue: WorkQueue | undefined;
  let running: Promise<void>[] = [];
  let synced = false;
  let stopping = false;
  let election: LeaderElection | undefined;
  // What a Tenant looked like when last queued: status-only updates (our own writes) are ignored,
  // like controller-runtime's GenerationChangedPredicate.
  const seen = new Map<string, string>();
  const listeners = new Set<(tenant: Tenant, event: "add" | "update" | "delete" | "resync") => void>();
  // Profiles whose status (boundTenants, validity) may be stale; the leader writes them.
  const dirtyProfiles = new Set<string>();
  const profileGenerations = new Map<string, string>();
  let profileTimer: NodeJS.Timeout | undefined;

  async function syncProfiles(): Promise<void> {
    for (const name of [...dirtyProfiles]) {
      dirtyProfiles.delete(name);
      const profile = profileInformer.get(name);
      if (!profile) continue;
      const bound = tenantInformer
        .list()
        .filter((t) => t.spec?.complianceProfile === name)
        .map(keyOf);
      const status = desiredProfileStatus(profile, bound, new Date());
      if (!status) continue;
      try {
        await patchProfileStatus(kc, name, status);
      } catch (err) {
        log.warn({ profile: name, err: String(err) }, "could not write profile status");
      }
    }
  }

  const tenantInformer: ResilientInformer<Tenant> = resilientInformer<Tenant>(kc, {
    path: `/apis/${GROUP}/${VERSION}/${TENANT_PLURAL}`,
    list: () =>
      co.listClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: TENANT_PLURAL,
        ...(opts.tenantSelector ? { labelSelector: opts.tenantSelector } : {}),
      }) as Promise<k8s.KubernetesListObject<Tenant>>,
    onObject: (tenant, event) => {
      const key = keyOf(tenant);
      updatePhaseGauge();
      for (const l of listeners) l(tenant, event);
      if (tenant.spec?.complianceProfile) dirtyProfiles.add(tenant.spec.complianceProfile);
      if (event === "delete") {
        seen.delete(key);
        return;
      }
      const fingerprint = `${tenant.metadata.generation}|${tenant.metadata.deletionTimestamp ?? ""}|${(tenant.metadata.finalizers ?? []).join(",")}`;
      if (event === "update" && seen.get(key) === fingerprint) return;
      seen.set(key, fingerprint);
      queue?.add(key, priorityOf(tenant));
    },
    onError: (err) => log.warn({ err: String(err) }, "tenant watch failed; restarting"),
    resyncMs: opts.resyncMs,
    ...(opts.tenantSelector ? { labelSelector: opts.tenantSelector } : {}),
  });

  const profileInformer: ResilientInformer<ComplianceProfile> = resilientInformer<ComplianceProfile>(kc, {
    path: `/apis/${GROUP}/${VERSION}/${PROFILE_PLURAL}`,
    list: () =>
      co.listClusterCustomObject({ group: GROUP, version: VERSION, plural: PROFILE_PLURAL }) as Promise<
        k8s.KubernetesListObject<ComplianceProfile>
      >,
    onObject: (profile, event) => {
      if (event === "resync") return; // tenants resync themselves
      const name = profile.metadata?.name ?? "";
      if (event !== "delete") dirtyProfiles.add(name);
      // Our own status writes (boundTenants) are updates too: only a spec change concerns tenants.
      const generation = String(profile.metadata?.generation ?? "");
      if (event === "update" && profileGenerations.get(name) === generation) return;
      if (event === "delete") profileGenerations.delete(name);
      else profileGenerations.set(name, generation);
      const bound = tenantInformer.list().filter((t) => t.spec?.complianceProfile === name);
      for (const t of bound) queue?.add(keyOf(t));
      if (bound.length > 0 && queue && event !== "delete") {
        const e = events.tenantsRequeued(bound.length);
        void opts.recorder.record(
          {
            apiVersion: API_VERSION,
            kind: PROFILE_KIND,
            metadata: {
              name,
              namespace: "default",
              ...(profile.metadata?.uid ? { uid: profile.metadata.uid } : {}),
            },
          },
          e.type,
          e.reason,
          e.message,
        );
      }
    },
    onError: (err) => log.warn({ err: String(err) }, "profile watch failed; restarting"),
    resyncMs: opts.resyncMs,
  });

  function updatePhaseGauge(): void {
    const counts = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<string, number>;
    for (const t of tenantInformer.list()) {
      const phase = t.status?.phase ?? "Pending";
      counts[phase] = (counts[phase] ?? 0) + 1;
    }
    for (const [phase, n] of Object.entries(counts)) metrics.tenantsByPhase.set({ phase }, n);
  }

  async function worker(q: WorkQueue, signal: AbortSignal): Promise<void> {
    for (;;) {
      const key = await q.get();
      if (key === undefined) return;
      metrics.queueDepth.set(q.length);
      const [namespace = "", name = ""] = key.split("/");
      const reconcileId = randomUUID();
      const rlog = log.child({ reconcileId, tenant: key });
      const started = Date.now();
      let result: "success" | "requeue" | "error" | "stalled" = "success";
      try {
        const r = await reconcileTenant(
          {
            tenants: opts.tenants,
            profiles: {
              get: (n) => profileInformer.get(n),
              names: () => profileInformer.list().map((p) => p.metadata?.name ?? ""),
            },
            stacks: opts.stacks,
            programs: opts.programs,
            recorder: opts.recorder,
            now: () => new Date(),
            driftCheckIntervalMs: opts.driftCheckIntervalMs,
            maxRetries: opts.maxRetries,
          },
          { namespace, name, failures: q.failures(key), log: rlog, signal },
        );
        q.forget(key);
        result =
          r.outcome === "stalled"
            ? "stalled"
            : r.requeueAfterMs !== undefined && r.outcome === "requeue"
              ? "requeue"
              : "success";
        // A drift check or a profile that may appear is routine; a stack locked by another run is not.
        if (r.requeueAfterMs !== undefined)
          q.addAfter(key, r.requeueAfterMs, r.outcome === "requeue" ? "urgent" : "routine");
        rlog.info(
          { outcome: r.outcome, requeueAfterMs: r.requeueAfterMs, ms: Date.now() - started },
          "reconciled",
        );
      } catch (err) {
        result = "error";
        if (!signal.aborted) {
          const delay = q.addRateLimited(key);
          rlog.error(
            { err: err instanceof Error ? err.message : String(err), retryInMs: delay },
            "reconcile failed",
          );
        } else {
          rlog.warn("reconcile cancelled: leadership lost or shutting down");
        }
      } finally {
        q.done(key);
        metrics.reconciles.inc({ result });
        metrics.reconcileDuration.observe({ result }, (Date.now() - started) / 1000);
        metrics.queueDepth.set(q.length);
      }
    }
  }

  function startLeading(signal: AbortSignal): void {
    log.info({ identity: election?.identity }, "became leader: reconciling");
    metrics.isLeader.set(1);
    const q = new WorkQueue({ baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 });
    queue = q;
    for (const t of tenantInformer.list()) q.add(keyOf(t), priorityOf(t));
    running = Array.from({ length: opts.workers }, () => worker(q, signal));
    for (const p of profileInformer.list()) dirtyProfiles.add(p.metadata?.name ?? "");
    let syncing = false;
    profileTimer = setInterval(() => {
      if (syncing) return;
      syncing = true;
      void syncProfiles().finally(() => {
        syncing = false;
      });
    }, 1_000);
    signal.addEventListener(
      "abort",
      () => {
        q.shutDown();
        clearInterval(profileTimer);
      },
      { once: true },
    );
  }

  return {
    async start() {
      await profileInformer.start();
      await tenantInformer.start();
      synced = true;
      updatePhaseGauge();
      election = startLeaderElection(kc, {
        namespace: opts.lease.namespace,
        name: opts.lease.name,
        leaseDurationMs: opts.lease.durationMs,
        renewDeadlineMs: Math.round(opts.lease.durationMs * (2 / 3)),
        retryPeriodMs: Math.max(200, Math.round(opts.lease.durationMs / 7.5)),
        onStartedLeading: startLeading,
        onStoppedLeading: () => {
          log.warn("stopped leading: running work is being cancelled");
          metrics.isLeader.set(0);
          queue = undefined;
        },
        onError: (err) => log.warn({ err: String(err) }, "leader election round failed"),
      });
    },
    async stop() {
      stopping = true;
      // Stopping the election aborts the leader's signal (Pulumi runs get SIGINT), then releases
      // the lease so another replica takes over without waiting for it to expire.
      await election?.stop(() => Promise.allSettled(running));
      await Promise.allSettled(running);
      await Promise.allSettled([tenantInformer.stop(), profileInformer.stop()]);
    },
    ready: () => synced && !stopping,
    isLeader: () => election?.isLeader() ?? false,
    tenants: () => tenantInformer.list(),
    profile: (name) => profileInformer.get(name),
    profileNames: () => profileInformer.list().map((p) => p.metadata?.name ?? ""),
    onTenantChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
