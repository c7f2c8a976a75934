// The runtime on Kubernetes for one tenant: its own namespace (or a given one), a service account
// with no API token, the Secret it reads its tenant from, a hardened Deployment probed on
// /health/ready and /health/live, a Service, an HPA, a PodDisruptionBudget and a NetworkPolicy
// that admits only what the runtime needs. Deployed into the silo's cluster or the pool's namespace.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { RUNTIME_PORT, type RuntimeArgs, runtimeArgsProblems } from "./args.ts";
import { RUNTIME_SIZING } from "./sizing.ts";

export const RUNTIME_TYPE = "wspec:kubernetes:Runtime";
export const RUNTIME_NAME = "wspec-runtime";
/** A non-root uid/gid the image's files are readable by. */
const RUN_AS = 10001;

export class Runtime extends pulumi.ComponentResource {
  public readonly namespace: pulumi.Output<string>;
  public readonly serviceName: pulumi.Output<string>;
  /** In-cluster URL of the runtime's Service. */
  public readonly endpoint: pulumi.Output<string>;

  constructor(name: string, args: RuntimeArgs, opts?: pulumi.ComponentResourceOptions) {
    super(RUNTIME_TYPE, name, {}, opts);
    const problems = runtimeArgsProblems(args);
    if (problems) throw new Error(`runtime ${name}: ${problems}`);
    const sizing = RUNTIME_SIZING[args.tier];
    const child = { parent: this };
    const selector = { "app.kubernetes.io/name": RUNTIME_NAME, "app.kubernetes.io/instance": args.tenantId };
    const labels = {
      ...(args.labels ?? {}),
      ...selector,
      "app.kubernetes.io/version": args.version,
      "app.kubernetes.io/managed-by": "wspec",
      "wspec.io/tenant": args.tenantId,
      "wspec.io/tier": args.tier,
    };
    // Nothing here becomes ready on a cluster without nodes; elsewhere the provider waits for it.
    const annotations: Record<string, string> = args.skipAwait ? { "pulumi.com/skipAwait": "true" } : {};

    const namespace: pulumi.Output<string> =
      args.namespace !== undefined && !args.createNamespace
        ? pulumi.output(args.namespace)
        : new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
              metadata: {
                name: args.namespace ?? `tenant-${args.tenantId}`,
                labels: { ...labels, "pod-security.kubernetes.io/enforce": "restricted" },
              },
            },
            child,
          ).metadata.name;
    const meta = () => ({ name: RUNTIME_NAME, namespace, labels, annotations });
    const identity = pulumi.output(args.workloadIdentity ?? { annotations: {}, podLabels: {} });

    const account = new k8s.core.v1.ServiceAccount(
      `${name}-account`,
      // The runtime never calls the Kubernetes API: no token in its pods.
      {
        metadata: { ...meta(), annotations: identity.apply((i) => ({ ...annotations, ...i.annotations })) },
        automountServiceAccountToken: false,
      },
      child,
    );
    const secretName =
      "existingName" in args.secret
        ? pulumi.output(args.secret.existingName)
        : new k8s.core.v1.Secret(
            `${name}-env`,
            {
              metadata: { ...meta(), name: `${RUNTIME_NAME}-env` },
              type: "Opaque",
              stringData: args.secret.data,
            },
            { ...child, additionalSecretOutputs: ["stringData", "data"] },
          ).metadata.name;

    const deployment = new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      {
        metadata: meta(),
        spec: {
          replicas: args.replicas,
          selector: { matchLabels: selector },
          strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
          template: {
            metadata: { labels: identity.apply((i) => ({ ...i.podLabels, ...labels })) },
            spec: {
              serviceAccountName: account.metadata.name,
              automountServiceAccountToken: false,
              securityContext: {
                runAsNonRoot: true,
                runAsUser: RUN_AS,
                runAsGroup: RUN_AS,
                fsGroup: RUN_AS,
                seccompProfile: { type: "RuntimeDefault" },
              },
              containers: [
                {
                  name: "runtime",
                  image: `${args.image}:${args.version}`,
                  ports: [{ name: "http", containerPort: RUNTIME_PORT, protocol: "TCP" }],
                  envFrom: [{ secretRef: { name: secretName } }],
                  env: [
                    { name: "NODE_ENV", value: "production" },
                    { name: "PORT", value: String(RUNTIME_PORT) },
                  ],
                  readinessProbe: {
                    httpGet: { path: "/health/ready", port: "http" },
                    periodSeconds: 10,
                    timeoutSeconds: 3,
                    failureThreshold: 3,
                  },
                  livenessProbe: {
                    httpGet: { path: "/health/live", port: "http" },
                    initialDelaySeconds: 10,
                    periodSeconds: 20,
                    timeoutSeconds: 3,
                    failureThreshold: 3,
                  },
                  resources: { requests: { ...sizing.requests }, limits: { ...sizing.limits } },
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    runAsNonRoot: true,
                    privileged: false,
                    capabilities: { drop: ["ALL"] },
                    seccompProfile: { type: "RuntimeDefault" },
                  },
                  // A read-only root needs somewhere to write temporary files (uploads in flight).
                  volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                },
              ],
              volumes: [{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }],
            },
          },
        },
      },
      // The HPA owns the replica count once it runs: a later up must not reset it.
      { ...child, ignoreChanges: ["spec.replicas"] },
    );

    const service = new k8s.core.v1.Service(
      `${name}-service`,
      {
        metadata: meta(),
        spec: {
          type: "ClusterIP",
          selector,
          ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
        },
      },
      child,
    );

    new k8s.autoscaling.v2.HorizontalPodAutoscaler(
      `${name}-autoscaler`,
      {
        metadata: meta(),
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name },
          minReplicas: args.replicas,
          maxReplicas: Math.max(sizing.maxReplicas, args.replicas),
          metrics: [
            {
              type: "Resource",
              resource: {
                name: "cpu",
                target: { type: "Utilization", averageUtilization: sizing.targetCpuPercent },
              },
            },
          ],
        },
      },
      child,
    );

    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-disruption-budget`,
      // One pod at a time may be evicted: drains proceed, and a single replica is never blocked forever.
      { metadata: meta(), spec: { maxUnavailable: 1, selector: { matchLabels: selector } } },
      child,
    );

    const egressTo = (args.egressCidrs ?? ["0.0.0.0/0"]).map((cidr) => ({ ipBlock: { cidr } }));
    new k8s.networking.v1.NetworkPolicy(
      `${name}-network-policy`,
      {
        metadata: meta(),
        spec: {
          podSelector: { matchLabels: selector },
          policyTypes: ["Ingress", "Egress"],
          ingress: [
            {
              from: [
                { podSelector: {} },
                ...(args.ingressNamespaces ?? []).map((ns) => ({
                  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } },
                })),
              ],
              ports: [{ protocol: "TCP", port: RUNTIME_PORT }],
            },
          ],
          egress: [
            {
              to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }],
              ports: [
                { protocol: "UDP", port: 53 },
                { protocol: "TCP", port: 53 },
              ],
            },
            {
              // PostgreSQL, Redis and the object store's HTTPS API; nothing else leaves the pod.
              to: egressTo,
              ports: [5432, 6379, 443].map((port) => ({ protocol: "TCP", port })),
            },
          ],
        },
      },
      child,
    );

    this.namespace = namespace;
    this.serviceName = service.metadata.name;
    this.endpoint = pulumi.interpolate`http://${service.metadata.name}.${namespace}.svc.cluster.local`;
    this.registerOutputs({
      namespace: this.namespace,
      serviceName: this.serviceName,
      endpoint: this.endpoint,
    });
  }
}
