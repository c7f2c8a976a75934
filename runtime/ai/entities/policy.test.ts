import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities.ts";
import { applyPiiPolicy, InvalidPiiPolicyError, isPersonalData } from "./policy.ts";

const personal = "Borrower SSN 536-22-1987, card 4111 1111 1111 1111, paid $1,250.00 on 2024-03-12.";
const clean = "The committee approved a fee of $1,250.00 on 2024-03-12 via routing 021000021.";

describe("applyPiiPolicy", () => {
  it("block rejects a document with personal data and stores nothing, naming what was found", () => {
    const decision = applyPiiPolicy(personal, "block");
    expect(decision).toMatchObject({
      action: "reject",
      store: "nothing",
      text: null,
      counts: { ssn: 1, credit_card: 1 },
    });
    expect(decision.reason).toBe(
      "personal data found (1 ssn, 1 credit_card); the compliance profile's PII policy is block",
    );
    expect(decision.findings.map((f) => f.preview)).toEqual(["***-**-1987", "**** **** **** 1111"]);
  });

  it("redact stores the masked text with findings at their offsets in it", () => {
    const decision = applyPiiPolicy(personal, "redact");
    expect(decision.action).toBe("store");
    expect(decision.store).toBe("redacted");
    expect(decision.text).toBe(
      "Borrower SSN ***-**-1987, card **** **** **** 1111, paid $1,250.00 on 2024-03-12.",
    );
    for (const f of decision.findings) expect(decision.text?.slice(f.start, f.end)).toBe(f.preview);
  });

  it("redact with type tags maps findings to the rewritten text", () => {
    const decision = applyPiiPolicy(personal, "redact", { redaction: "type" });
    expect(decision.text).toBe("Borrower SSN [SSN], card [CREDIT_CARD], paid $1,250.00 on 2024-03-12.");
    expect(decision.findings.map((f) => decision.text?.slice(f.start, f.end))).toEqual([
      "[SSN]",
      "[CREDIT_CARD]",
    ]);
  });

  it("flag stores the original and lists findings without their raw values", () => {
    const decision = applyPiiPolicy(personal, "flag");
    expect(decision).toMatchObject({ action: "store", store: "original", text: personal });
    expect(JSON.stringify(decision.findings)).not.toContain("536-22-1987");
    expect(decision.findings).toHaveLength(2);
  });

  it.each(["block", "redact", "flag"] as const)(
    "%s stores a document without personal data unchanged",
    (mode) => {
      expect(applyPiiPolicy(clean, mode)).toMatchObject({
        action: "store",
        store: "original",
        text: clean,
        findings: [],
      });
    },
  );

  it("counts a date as personal only when it is labelled as a birth date", () => {
    const [dob] = extractEntities("DOB 04/07/1985", { types: ["date"] });
    const [due] = extractEntities("due 04/07/1985", { types: ["date"] });
    expect(dob && isPersonalData(dob)).toBe(true);
    expect(due && isPersonalData(due)).toBe(false);
    expect(applyPiiPolicy("Patient DOB 04/07/1985.", "block").action).toBe("reject");
  });

  it("uses entities passed in instead of extracting again, and honours minConfidence", () => {
    const entities = extractEntities(personal);
    expect(applyPiiPolicy(personal, "flag", { entities }).findings).toHaveLength(2);
    expect(applyPiiPolicy(personal, "block", { entities, minConfidence: 1 }).action).toBe("store");
  });

  it("rejects a mode that is not in the profile schema", () => {
    expect(() => applyPiiPolicy(personal, "hide" as "flag")).toThrow(InvalidPiiPolicyError);
    expect(() => applyPiiPolicy(personal, "hide" as "flag")).toThrow(
      'pii must be one of block, redact, flag, got "hide"',
    );
  });
});
