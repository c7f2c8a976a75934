import { describe, expect, it } from "vitest";
import { junitCounts } from "./run.ts";

describe("junitCounts", () => {
  it("counts operations, failed ones and errored ones from schemathesis' JUnit report", () => {
    const xml = `<testsuites><testsuite name="schemathesis" tests="3">
      <testcase name="GET /a"></testcase>
      <testcase name="POST /b"><failure type="failure" message="Server error"/><failure type="failure" message="Undocumented HTTP status code"/></testcase>
      <testcase name="GET /c"><error type="error" message="boom"/></testcase>
    </testsuite></testsuites>`;
    expect(junitCounts(xml)).toEqual({
      operations: 3,
      failures: 1,
      errors: 1,
      failedChecks: ["Server error", "Undocumented HTTP status code"],
    });
  });
});
