// An informer that keeps watching. @kubernetes/client-node's informer re-lists on 410 Gone but
// stops for good on any other error (connection reset, apiserver restart): this restarts it after
// a delay (again and again while the restarts fail, whether they report an error or reject), and
// adds a periodic resync that hands every cached object to the handler again so a missed event can
// never leave an object unreconciled. `watching` and `whenWatching()` say when it is listed and
// watching, so callers (and tests) wait on that instead of on time.
import * as k8s from "@kubernetes/client-node";

export interface ResilientInformerOptions<T extends k8s.KubernetesObject> {
  /** e.g. /apis/wspec.io/v1alpha1/tenants (all namespaces). */
  readonly path: string;
  readonly list: () => Promise<k8s.KubernetesListObject<T>>;
  /** Called for add, update, resync and delete; reconcile is level-based, so one handler suffices. */
  readonly onObject: (obj: T, event: "add" | "update" | "delete" | "resync") => void;
  readonly onError?: (err: unknown) => void;
  /** Only objects with these labels (a Kubernetes label selector). */
  readonly labelSelector?: string;
  readonly restartDelayMs?: number;
  readonly resyncMs?: number;
}

export interface ResilientInformer<T extends k8s.KubernetesObject> {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The cached objects (as last seen by the watch). */
  list(): readonly T[];
  get(name: string, namespace?: string): T | undefined;
  /** How many times the watch was restarted after an error. */
  readonly restarts: number;
  /** True once a start or restart has listed and opened its watch, until an error ends it. */
  readonly watching: boolean;
  /** Resolves when `watching` is (next) true; rejects if the informer is stopped first. */
  whenWatching(): Promise<void>;
}

export function resilientInformer<T extends k8s.KubernetesObject>(
  kc: k8s.KubeConfig,
  opts: ResilientInformerOptions<T>,
): ResilientInformer<T> {
  const { restartDelayMs = 2_000, resyncMs = 5 * 60_000 } = opts;
  const informer = k8s.makeInformer<T>(kc, opts.path, opts.list, opts.labelSelector);
  let stopped = true;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let resyncTimer: NodeJS.Timeout | undefined;
  // Each (re)start is an attempt; an error moves on to the next, so an attempt that saw one is not
  // taken for watching when its start() returns.
  let attempt = 0;
  let watching = false;
  let waiters: { resolve: () => void; reject: (err: Error) => void }[] = [];

  const settleWaiters = (err?: Error) => {
    const pending = waiters;
    waiters = [];
    for (const w of pending) {
      if (err) w.reject(err);
      else w.resolve();
    }
  };

  async function connect(): Promise<void> {
    const mine = ++attempt;
    await informer.start();
    if (stopped) {
      // stop() came while this attempt was listing: the client opens the watch anyway, so close it.
      await informer.stop();
      return;
    }
    if (mine !== attempt) return; // it failed (reported on ERROR); a restart is scheduled
    watching = true;
    settleWaiters();
  }

  function failed(err: unknown): void {
    if (stopped) return; // stop() aborts the watch, which reports an AbortError
    attempt++;
    watching = false;
    opts.onError?.(err);
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => {
      if (stopped) return;
      restarts++;
      // A restart that rejects (rather than reporting on ERROR) is retried the same way.
      connect().catch(failed);
    }, restartDelayMs);
  }

  informer.on(k8s.ADD, (obj) => opts.onObject(obj, "add"));
  informer.on(k8s.UPDATE, (obj) => opts.onObject(obj, "update"));
  informer.on(k8s.DELETE, (obj) => opts.onObject(obj, "delete"));
  informer.on(k8s.ERROR, failed);

  return {
    async start() {
      stopped = false;
      try {
        await connect();
      } catch (err) {
        stopped = true;
        throw err;
      }
      resyncTimer = setInterval(() => {
        for (const obj of informer.list()) opts.onObject(obj, "resync");
      }, resyncMs);
      resyncTimer.unref();
    },
    async stop() {
      stopped = true;
      watching = false;
      clearTimeout(restartTimer);
      clearInterval(resyncTimer);
      settleWaiters(new Error(`informer for ${opts.path} stopped`));
      await informer.stop();
    },
    list: () => informer.list(),
    get: (name, namespace) => informer.get(name, namespace),
    get restarts() {
      return restarts;
    },
    get watching() {
      return watching;
    },
    whenWatching() {
      if (watching) return Promise.resolve();
      if (stopped) return Promise.reject(new Error(`informer for ${opts.path} is not started`));
      return new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    },
  };
}
