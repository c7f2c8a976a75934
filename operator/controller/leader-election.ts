// Leader election through a coordination.k8s.io Lease, after client-go's leaderelection: only the
// holder reconciles; it renews every retryPeriod and gives up leadership when it could not renew
// within renewDeadline; others take an expired lease over with optimistic concurrency
// (resourceVersion), so two candidates can never both win.
import { hostname } from "node:os";
import * as k8s from "@kubernetes/client-node";

export interface LeaderElectionOptions {
  readonly namespace: string;
  readonly name: string;
  readonly identity?: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  /** Called with an AbortSignal that aborts when leadership is lost or the election stops. */
  readonly onStartedLeading: (signal: AbortSignal) => void;
  readonly onStoppedLeading: () => void;
  readonly onError?: (err: unknown) => void;
}

export interface LeaderElection {
  readonly identity: string;
  isLeader(): boolean;
  /**
   * Stops campaigning; a leader steps down (aborting its signal), awaits `drain` (its work
   * winding down), then releases the lease so another candidate takes over at once.
   */
  stop(drain?: () => Promise<unknown>): Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });

const isStatus = (err: unknown, code: number) => err instanceof k8s.ApiException && err.code === code;

export function startLeaderElection(kc: k8s.KubeConfig, opts: LeaderElectionOptions): LeaderElection {
  const {
    namespace,
    name,
    identity = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    leaseDurationMs = 15_000,
    renewDeadlineMs = 10_000,
    retryPeriodMs = 2_000,
  } = opts;
  if (!(retryPeriodMs < renewDeadlineMs && renewDeadlineMs < leaseDurationMs)) {
    throw new Error(
      `leader election: need retryPeriodMs (${retryPeriodMs}) < renewDeadlineMs (${renewDeadlineMs}) < leaseDurationMs (${leaseDurationMs})`,
    );
  }
  const api = kc.makeApiClient(k8s.CoordinationV1Api);
  const stopping = new AbortController();
  let leading: AbortController | undefined;
  let lastRenew = 0;

  /** One attempt to acquire or renew; true when we hold the lease afterwards. */
  async function tryAcquireOrRenew(): Promise<boolean> {
    const now = new Date();
    let lease: k8s.V1Lease;
    try {
      lease = await api.readNamespacedLease({ name, namespace });
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
      await api.createNamespacedLease({
        namespace,
        body: {
          metadata: { name, namespace },
          spec: {
            holderIdentity: identity,
            leaseDurationSeconds: Math.ceil(leaseDurationMs / 1000),
            acquireTime: new k8s.V1MicroTime(now),
            renewTime: new k8s.V1MicroTime(now),
            leaseTransitions: 0,
          },
        },
      });
      return true;
    }
    const spec = lease.spec ?? {};
    const holder = spec.holderIdentity ?? "";
    const renewedAt = spec.renewTime ? new Date(spec.renewTime).getTime() : 0;
    const expired = renewedAt + (spec.leaseDurationSeconds ?? 0) * 1000 < now.getTime();
    if (holder !== "" && holder !== identity && !expired) return false;
    const takingOver = holder !== identity;
    try {
      await api.replaceNamespacedLease({
        name,
        namespace,
        body: {
          ...lease,
          spec: {
            ...spec,
            holderIdentity: identity,
            leaseDurationSeconds: Math.ceil(leaseDurationMs / 1000),
            renewTime: new k8s.V1MicroTime(now),
            ...(takingOver
              ? { acquireTime: new k8s.V1MicroTime(now), leaseTransitions: (spec.leaseTransitions ?? 0) + 1 }
              : {}),
          },
        },
      });
    } catch (err) {
      if (isStatus(err, 409)) return false; // another candidate won the race
      throw err;
    }
    return true;
  }

  async function run(): Promise<void> {
    while (!stopping.signal.aborted) {
      let outcome: "held" | "lost" | "error";
      try {
        outcome = (await tryAcquireOrRenew()) ? "held" : "lost";
      } catch (err) {
        outcome = "error";
        opts.onError?.(err);
      }
      const now = Date.now();
      if (outcome === "held") {
        lastRenew = now;
        if (!leading) {
          leading = new AbortController();
          opts.onStartedLeading(leading.signal);
        }
      } else if (outcome === "lost" || now - lastRenew >= renewDeadlineMs) {
        // Another holder, or no successful renewal within the deadline: stop leading at once,
        // before the lease can expire and someone else starts.
        stepDown();
      }
      await sleep(retryPeriodMs, stopping.signal);
    }
  }

  function stepDown(): void {
    if (!leading) return;
    leading.abort(new Error("leadership lost"));
    leading = undefined;
    opts.onStoppedLeading();
  }

  const loop = run();

  return {
    identity,
    isLeader: () => leading !== undefined,
    async stop(drain) {
      stopping.abort();
      await loop;
      const wasLeader = leading !== undefined;
      stepDown();
      if (!wasLeader) return;
      await drain?.();
      try {
        const lease = await api.readNamespacedLease({ name, namespace });
        if (lease.spec?.holderIdentity === identity) {
          // Releasing: an empty holder lets the next candidate acquire without waiting for expiry.
          await api.replaceNamespacedLease({
            name,
            namespace,
            body: {
              ...lease,
              spec: { ...lease.spec, holderIdentity: "", renewTime: new k8s.V1MicroTime(new Date(0)) },
            },
          });
        }
      } catch (err) {
        opts.onError?.(err);
      }
    },
  };
}
