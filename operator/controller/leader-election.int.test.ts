// Leader election against the real kube-apiserver: one leader at a time, a released lease is taken
// over at once, an abandoned one only after it expires.
import { randomUUID } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { type LeaderElection, startLeaderElection } from "./leader-election.ts";

const kc = new k8s.KubeConfig();
const namespace = `wspec-test-le-${randomUUID().slice(0, 8)}`;
const timings = { leaseDurationMs: 2_000, renewDeadlineMs: 1_500, retryPeriodMs: 200 };

beforeAll(async () => {
  kc.loadFromFile((await loadLocalEnv()).kubernetes.kubeconfig);
  await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
});
afterAll(async () => {
  await kc.makeApiClient(k8s.CoreV1Api).deleteNamespace({ name: namespace });
});

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

function candidate(name: string, identity: string, log: string[]): LeaderElection {
  return startLeaderElection(kc, {
    namespace,
    name,
    identity,
    ...timings,
    onStartedLeading: () => log.push(`${identity} started`),
    onStoppedLeading: () => log.push(`${identity} stopped`),
  });
}

describe("leader election", () => {
  it("elects exactly one of two candidates, and hands over when the leader releases", async () => {
    const log: string[] = [];
    const a = candidate("two", "a", log);
    const b = candidate("two", "b", log);
    await until(() => a.isLeader() || b.isLeader(), 5_000, "a leader");
    await new Promise((r) => setTimeout(r, 1_000)); // several renew rounds
    expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1);
    const [leader, follower] = a.isLeader() ? [a, b] : [b, a];

    await leader.stop();
    // Released, not expired: the follower takes over within a few retry periods.
    const took = await until(() => follower.isLeader(), 2_000, "takeover after release");
    expect(took).toBeLessThan(timings.leaseDurationMs);
    expect(log).toEqual([
      `${leader.identity} started`,
      `${leader.identity} stopped`,
      `${follower.identity} started`,
    ]);
    await follower.stop();
  });

  it("waits for an abandoned lease to expire before taking it over", async () => {
    const api = kc.makeApiClient(k8s.CoordinationV1Api);
    await api.createNamespacedLease({
      namespace,
      body: {
        metadata: { name: "abandoned" },
        spec: {
          holderIdentity: "crashed-operator",
          leaseDurationSeconds: 2,
          renewTime: new k8s.V1MicroTime(new Date()),
          leaseTransitions: 3,
        },
      },
    });
    const log: string[] = [];
    const c = candidate("abandoned", "c", log);
    const waited = await until(() => c.isLeader(), 6_000, "takeover after expiry");
    expect(waited).toBeGreaterThan(1_000);
    const lease = await api.readNamespacedLease({ name: "abandoned", namespace });
    expect(lease.spec?.holderIdentity).toBe("c");
    expect(lease.spec?.leaseTransitions).toBe(4);
    await c.stop();
  });

  it("refuses timings that could let two leaders overlap", () => {
    expect(() =>
      startLeaderElection(kc, {
        namespace,
        name: "x",
        leaseDurationMs: 1_000,
        renewDeadlineMs: 2_000,
        retryPeriodMs: 100,
        onStartedLeading: () => {},
        onStoppedLeading: () => {},
      }),
    ).toThrow("need retryPeriodMs (100) < renewDeadlineMs (2000) < leaseDurationMs (1000)");
  });
});
