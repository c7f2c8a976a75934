import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "../../rbac.ts";
import { CreateApiKeyBody } from "./create-api-key.ts";

// The document allowed any string as a scope, so an empty or unknown one passed the schema and
// was refused by the server (a schema-valid request refused, found by the fuzzer).
describe("CreateApiKeyBody scopes", () => {
  it("takes the permissions only, each once", () => {
    expect(CreateApiKeyBody.safeParse({ name: "k", scopes: [""] }).success).toBe(false);
    expect(CreateApiKeyBody.safeParse({ name: "k", scopes: ["documents:eat"] }).success).toBe(false);
    expect(
      CreateApiKeyBody.safeParse({ name: "k", scopes: ["documents:read", "documents:read"] }).success,
    ).toBe(false);
    expect(CreateApiKeyBody.safeParse({ name: "k", scopes: ["documents:read", "audit:read"] }).success).toBe(
      true,
    );
  });

  it("lists every permission for a client to choose from", () => {
    expect(CreateApiKeyBody.shape.scopes.element.options).toEqual([...PERMISSIONS]);
  });
});
