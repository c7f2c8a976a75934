import { describe, expect, it } from "vitest";
import { withCreationLinks } from "./openapi-document.ts";

const created = (schema: unknown) => ({
  responses: { "201": { description: "created", content: { "application/json": { schema } } } },
});
const envelope = { type: "object", properties: { data: { $ref: "#/components/schemas/Hook" } } };

describe("withCreationLinks", () => {
  it("links a POST that creates a resource to the operations that take its id", () => {
    const doc = {
      components: { schemas: { Hook: { type: "object", properties: { id: { type: "string" } } } } },
      paths: {
        "/api/v2/webhooks": { post: created(envelope), get: { responses: {} } },
        "/api/v2/webhooks/{id}": { get: { responses: {} }, delete: { responses: {} } },
        "/api/v2/webhooks/{id}/deliveries": { get: { responses: {} } },
        "/api/v2/webhooks-other/{id}": { get: { responses: {} } },
      },
    };
    withCreationLinks(doc);
    expect(doc.paths["/api/v2/webhooks"].post.responses["201"]).toMatchObject({
      links: {
        get__id_: {
          operationRef: "#/paths/~1api~1v2~1webhooks~1{id}/get",
          parameters: { id: "$response.body#/data/id" },
        },
        delete__id_: { operationRef: "#/paths/~1api~1v2~1webhooks~1{id}/delete" },
        get__id__deliveries: { operationRef: "#/paths/~1api~1v2~1webhooks~1{id}~1deliveries/get" },
      },
    });
    const links = (doc.paths["/api/v2/webhooks"].post.responses["201"] as unknown as { links: object }).links;
    expect(Object.keys(links)).toHaveLength(3);
  });

  it("adds nothing when the created body has no data.id", () => {
    const doc = {
      paths: {
        "/api/v2/things": { post: created({ type: "object" }) },
        "/api/v2/things/{id}": { get: { responses: {} } },
      },
    };
    withCreationLinks(doc);
    expect(doc.paths["/api/v2/things"].post.responses["201"]).not.toHaveProperty("links");
  });
});
