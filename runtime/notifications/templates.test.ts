import { describe, expect, it } from "vitest";
import { NOTIFICATION_TYPES, render, renderDigest } from "./templates.ts";

describe("notification templates", () => {
  it("render every type with a title and a body naming what happened", () => {
    const data = {
      document_id: "0b6f2c2e-1111-4c4c-8888-000000000001",
      document_name: "Q3 ledger.xlsx",
      version: 2,
      frameworks: ["SOX", "GDPR"],
      permission: "write",
      signature: "Eicar-Test-Signature",
      run_id: "run-1",
      count: 1,
      documents: ["Q3 ledger.xlsx"],
    };
    for (const type of NOTIFICATION_TYPES) {
      const r = render(type, data);
      expect(r.title.length, type).toBeGreaterThan(10);
      expect(r.body.length, type).toBeGreaterThan(10);
    }
    expect(render("compliance.failed", data)).toEqual({
      title: "Compliance check failed: Q3 ledger.xlsx",
      body: 'Version 2 of "Q3 ledger.xlsx" failed its compliance check (SOX, GDPR).\nReview the findings: GET /api/v2/compliance/checks?document_id=0b6f2c2e-1111-4c4c-8888-000000000001',
    });
    expect(render("retention.disposed", data).title).toBe("Retention: 1 document disposed of");
  });

  it("cut a long document name so it cannot fill the subject line, and survive missing data", () => {
    const r = render("document.shared", { document_name: "x".repeat(500) });
    expect(r.title.length).toBeLessThan(160);
    expect(r.title.endsWith("…")).toBe(true);
    expect(render("retention.disposed", {}).title).toBe("Retention: 0 documents disposed of");
    expect(render("document.quarantined", {}).body).toContain("malware");
  });

  it("list a digest's items, capped in the retention list", () => {
    const many = render("retention.disposed", {
      count: 25,
      documents: Array.from({ length: 25 }, (_, i) => `d${i}`),
    });
    expect(many.body).toContain("- and 5 more");
    const digest = renderDigest([
      { title: "A", body: "one\ntwo" },
      { title: "B", body: "three" },
    ]);
    expect(digest).toEqual({
      title: "wspec: 2 notifications since your last digest",
      body: "* A\n  one\n  two\n\n* B\n  three",
    });
  });
});
