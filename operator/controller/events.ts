// Kubernetes Events for Tenant transitions, so `kubectl describe tenant` tells the story.
import * as k8s from "@kubernetes/client-node";

export type EventType = "Normal" | "Warning";

export interface EventTarget {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string };
}

export interface EventRecorder {
  record(target: EventTarget, type: EventType, reason: string, message: string): Promise<void>;
}

export function eventRecorder(
  kc: k8s.KubeConfig,
  component: string,
  onError?: (err: unknown) => void,
): EventRecorder {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  return {
    async record(target, type, reason, message) {
      const namespace = target.metadata.namespace ?? "default";
      const now = new Date();
      try {
        await core.createNamespacedEvent({
          namespace,
          body: {
            metadata: { generateName: `${target.metadata.name}.`, namespace },
            involvedObject: {
              apiVersion: target.apiVersion,
              kind: target.kind,
              name: target.metadata.name,
              namespace,
              ...(target.metadata.uid ? { uid: target.metadata.uid } : {}),
              ...(target.metadata.resourceVersion
                ? { resourceVersion: target.metadata.resourceVersion }
                : {}),
            },
            type,
            reason,
            // Events are capped at 1 KiB of message by convention; the status holds the rest.
            message: message.length > 1024 ? `${message.slice(0, 1021)}...` : message,
            source: { component },
            reportingComponent: component,
            firstTimestamp: now,
            lastTimestamp: now,
            count: 1,
          },
        });
      } catch (err) {
        // An event that cannot be written must never fail a reconcile.
        onError?.(err);
      }
    },
  };
}
