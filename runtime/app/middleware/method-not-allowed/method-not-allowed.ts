import type { MiddlewareHandler } from "hono";
import { errorResponse } from "../../errors.ts";

/** A registered route as Hono lists it (`app.routes`): middleware has the method "ALL". */
export interface RouteEntry {
  method: string;
  path: string;
}

export interface MethodNotAllowedOptions {
  /** The app's routes, read on the first request (routes are registered after middleware). */
  routes: () => readonly RouteEntry[];
}

/** A Hono path (`/api/v2/documents/:id`, `:id{[0-9]+}`, `*`) as an anchored RegExp. */
export function pathPattern(path: string): RegExp {
  const source = path
    .split("/")
    .map((segment) => {
      const param = /^:[^{}?]+(?:\{(.+)\})?(\?)?$/.exec(segment);
      if (param) return `(?:${param[1] ?? "[^/]+"})`;
      if (segment === "*") return ".*";
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}/?$`);
}

/**
 * Answers a method that no route of an existing path takes with 405 METHOD_NOT_ALLOWED and an
 * `Allow` header listing those that do (RFC 9110 §15.5.6), before authentication: TRACE, OPTIONS
 * or PUT on a document are a client's mistake whoever sends them, not a missing route (404) or a
 * missing token (401). GET implies HEAD, which Hono answers from the GET route. Paths that no
 * route has pass on to the not-found handler.
 *
 * @example
 * app.use("*", methodNotAllowed({ routes: () => app.routes }));
 */
export function methodNotAllowed(opts: MethodNotAllowedOptions): MiddlewareHandler {
  let table: { pattern: RegExp; methods: Set<string>; literals: number }[] | undefined;
  const build = () => {
    const byPath = new Map<string, Set<string>>();
    for (const r of opts.routes()) {
      if (r.method === "ALL") continue;
      const methods = byPath.get(r.path) ?? new Set<string>();
      methods.add(r.method.toUpperCase());
      if (r.method.toUpperCase() === "GET") methods.add("HEAD");
      byPath.set(r.path, methods);
    }
    return [...byPath].map(([path, methods]) => ({
      pattern: pathPattern(path),
      methods,
      literals: path.split("/").filter((s) => s !== "" && !s.startsWith(":") && s !== "*").length,
    }));
  };
  return async function methodNotAllowed(c, next) {
    table ??= build();
    const method = c.req.method.toUpperCase();
    // The resource is the most specific path that matches (/documents/search, not
    // /documents/:id with id "search"): its methods are the ones allowed.
    const matching = table.filter(({ pattern }) => pattern.test(c.req.path));
    if (matching.length === 0) return next();
    const best = Math.max(...matching.map((m) => m.literals));
    const allowed = new Set(matching.filter((m) => m.literals === best).flatMap((m) => [...m.methods]));
    if (allowed.has(method)) return next();
    const allow = [...allowed].sort().join(", ");
    return errorResponse(
      c,
      "METHOD_NOT_ALLOWED",
      `${method} is not allowed on ${c.req.path}; allowed: ${allow}`,
      [{ field: "method", message: `must be one of ${allow}` }],
      { Allow: allow },
    );
  };
}
