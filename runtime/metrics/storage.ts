// Storage latency: the driver wrapped in a Proxy that times its calls. A Proxy (not a subclass or
// an object spread) so that every driver, with its private fields, keeps working unchanged.
import type { RuntimeMetrics } from "./registry.ts";

const TIMED: Record<string, string> = {
  put: "put",
  get: "get",
  head: "head",
  delete: "delete",
  signedUrl: "signed_url",
  healthCheck: "health",
};

/**
 * Times put, get (until the object's body starts), head, delete, signedUrl and healthCheck by
 * outcome (ok, error). Listing is not timed: it is lazy and its pages are read by the sweeper.
 */
export function instrumentStorage<D extends object>(driver: D, metrics: RuntimeMetrics): D {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(driver, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      const cached = wrapped.get(prop);
      if (cached) return cached;
      const operation = typeof prop === "string" ? TIMED[prop] : undefined;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      const fn = operation
        ? async (...args: unknown[]) => {
            const end = metrics.storageDuration.startTimer({ operation });
            try {
              const result = await bound(...args);
              end({ outcome: "ok" });
              return result;
            } catch (err) {
              end({ outcome: "error" });
              throw err;
            }
          }
        : bound;
      wrapped.set(prop, fn);
      return fn;
    },
  });
}
