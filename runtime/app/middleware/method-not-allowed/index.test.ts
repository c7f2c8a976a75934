import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { methodNotAllowed, pathPattern } from "./index.ts";

function app() {
  const a = new Hono();
  a.use("*", methodNotAllowed({ routes: () => a.routes }));
  // Stands in for authentication: a 405 must not depend on a token.
  a.use("/api/*", async (c, next) => (c.req.header("authorization") ? next() : c.text("401", 401)));
  a.get("/api/documents/:id", (c) => c.text("get"));
  a.patch("/api/documents/:id", (c) => c.text("patch"));
  a.get("/api/documents/search", (c) => c.text("search"));
  a.notFound((c) => c.text("404", 404));
  return a;
}

describe("methodNotAllowed", () => {
  it("answers a method no route of the path takes with 405 and Allow, before authentication", async () => {
    // Request (and so app.request) refuses TRACE; the server test below sends it.
    for (const method of ["PROPFIND", "OPTIONS", "PUT", "DELETE", "POST"]) {
      const res = await app().request("/api/documents/d1", { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("Allow")).toBe("GET, HEAD, PATCH");
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("METHOD_NOT_ALLOWED");
      expect(body.error.message).toBe(
        `${method} is not allowed on /api/documents/d1; allowed: GET, HEAD, PATCH`,
      );
    }
  });

  it("allows the methods of the most specific matching path only", async () => {
    // /api/documents/search is its own resource, not /api/documents/:id with id "search".
    const res = await app().request("/api/documents/search", { method: "PATCH" });
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("GET, HEAD");
  });

  it("lets an allowed method through to its route and the middleware before it", async () => {
    const a = app();
    expect(await (await a.request("/api/documents/d1", { headers: { authorization: "x" } })).text()).toBe(
      "get",
    );
    expect(
      (await a.request("/api/documents/d1", { method: "HEAD", headers: { authorization: "x" } })).status,
    ).toBe(200);
    expect((await a.request("/api/documents/d1")).status).toBe(401);
  });

  it("leaves unknown paths to the not-found handler", async () => {
    const res = await app().request("/api/nothing/here", {
      method: "PROPFIND",
      headers: { authorization: "x" },
    });
    expect(res.status).toBe(404);
  });

  it("answers TRACE through the Node server, which receives it as it is", async () => {
    const server = serve({ fetch: app().fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    try {
      const { port } = server.address() as AddressInfo;
      const { status, allow } = await new Promise<{ status?: number; allow?: string | string[] }>(
        (resolve, reject) => {
          const req = request(
            { host: "127.0.0.1", port, path: "/api/documents/d1", method: "TRACE" },
            (res) => {
              res.resume();
              res.on("end", () => resolve({ status: res.statusCode, allow: res.headers.allow }));
            },
          );
          req.on("error", reject);
          req.end();
        },
      );
      expect(status).toBe(405);
      expect(allow).toBe("GET, HEAD, PATCH");
    } finally {
      server.close();
    }
  });
});

describe("pathPattern", () => {
  it("matches parameters, regex parameters and wildcards within one segment each", () => {
    expect(pathPattern("/a/:id").test("/a/1")).toBe(true);
    expect(pathPattern("/a/:id").test("/a/1/b")).toBe(false);
    expect(pathPattern("/a/:id{[0-9]+}").test("/a/x")).toBe(false);
    expect(pathPattern("/a/*").test("/a/x/y")).toBe(true);
    expect(pathPattern("/a.b").test("/aXb")).toBe(false);
  });
});
