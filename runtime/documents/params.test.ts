import { describe, expect, it } from "vitest";
import { VERSION_RANGE, VersionParam } from "./params.ts";
import { ProcessingQuery } from "./routes/get-processing.ts";

// Versions are PostgreSQL integers: a larger number in a path or query was a 500 at the database
// (GET /documents/{id}/processing?version=7650592451), found by the fuzzer.
describe("version numbers", () => {
  const id = "00000000-0000-4000-8000-000000000001";

  it("refuses what int4 cannot hold, in the query and in the path", () => {
    expect(ProcessingQuery.safeParse({ version: "7650592451" }).success).toBe(false);
    expect(VersionParam.safeParse({ id, version: "2147483648" }).success).toBe(false);
    expect(VersionParam.safeParse({ id, version: "0" }).success).toBe(false);
  });

  it("accepts the whole int4 range from 1", () => {
    expect(ProcessingQuery.safeParse({ version: "2147483647" }).data).toEqual({ version: 2147483647 });
    expect(VersionParam.safeParse({ id, version: "1" }).data).toEqual({ id, version: 1 });
  });

  it("states the same range for the document", () => {
    expect(VERSION_RANGE).toEqual({ type: "integer", minimum: 1, maximum: 2147483647 });
  });
});
