// An informer that keeps watching. @kubernetes/client-node's informer re-lists on 410 Gone but
// stops for good on any other error (connection reset, apiserver restart): this restarts it after
// a delay, and adds a periodic resync that hands every cached object to the handler again so a
// missed event can never leave an object unreconciled.
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

  informer.on(k8s.ADD, (obj) => opts.onObject(obj, "add"));
  informer.on(k8s.UPDATE, (obj) => opts.onObject(obj, "update"));
  informer.on(k8s.DELETE, (obj) => opts.onObject(obj, "delete"));
  informer.on(k8s.ERROR, (err) => {
    if (stopped) return; // stop() aborts the watch, which reports an AbortError
    opts.onError?.(err);
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => {
      if (stopped) return;
      restarts++;
      informer.start().catch((e: unknown) => opts.onError?.(e));
    }, restartDelayMs);
  });

  return {
    async start() {
      stopped = false;
      await informer.start();
      resyncTimer = setInterval(() => {
        for (const obj of informer.list()) opts.onObject(obj, "resync");
      }, resyncMs);
      resyncTimer.unref();
    },
    async stop() {
      stopped = true;
      clearTimeout(restartTimer);
      clearInterval(resyncTimer);
      await informer.stop();
    },
    list: () => informer.list(),
    get: (name, namespace) => informer.get(name, namespace),
    get restarts() {
      return restarts;
    },
  };
}
