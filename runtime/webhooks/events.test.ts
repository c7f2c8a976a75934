import { describe, expect, it } from "vitest";
import { EventFilterSchema, eventBody, matchesFilter, WEBHOOK_EVENT_TYPES } from "./events.ts";
import { MAX_ATTEMPTS, nextAttemptAt, RETRY_SCHEDULE_MS, verdictFor } from "./schedule.ts";

describe("matchesFilter", () => {
  it.each([
    [["document.created"], "document.created", true],
    [["document.created"], "document.updated", false],
    [["document.*"], "document.shared", true],
    [["document.*"], "compliance.check_completed", false],
    [["compliance.check_completed", "ai.*"], "ai.processing_completed", true],
    [["*"], "document.deleted", true],
  ] as const)("%j matches %s: %s", (filter, type, expected) => {
    expect(matchesFilter(filter, type)).toBe(expected);
  });
});

describe("EventFilterSchema", () => {
  it("accepts types, groups and *", () => {
    expect(EventFilterSchema.safeParse(["document.*", "ai.processing_completed"]).success).toBe(true);
  });

  it("names the bad entry and every allowed value", () => {
    const r = EventFilterSchema.safeParse(["document.created", "document.viewed"]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([1]);
    expect(r.error?.issues[0]?.message).toBe(
      `"document.viewed" is not one of [*, document.*, compliance.*, ai.*, ${WEBHOOK_EVENT_TYPES.join(", ")}]`,
    );
    expect(EventFilterSchema.safeParse([]).error?.issues[0]?.message).toBe(
      'list at least one event type ("*" for all)',
    );
  });
});

describe("eventBody", () => {
  it("is the Standard Webhooks envelope", () => {
    const body = eventBody({
      id: "msg_1",
      type: "compliance.check_completed",
      timestamp: new Date("2026-11-26T10:00:00Z"),
      data: { documentId: "d", status: "failed" },
    });
    expect(body).toBe(
      '{"type":"compliance.check_completed","timestamp":"2026-11-26T10:00:00.000Z","data":{"documentId":"d","status":"failed"}}',
    );
  });
});

describe("retry schedule", () => {
  it("is immediate, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h", () => {
    expect(RETRY_SCHEDULE_MS).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000]);
    expect(MAX_ATTEMPTS).toBe(7);
  });

  it("schedules the next attempt from the failed one, and gives up after the last", () => {
    const t = new Date("2026-11-26T10:00:00Z");
    expect(nextAttemptAt(1, t)?.toISOString()).toBe("2026-11-26T10:00:05.000Z");
    expect(nextAttemptAt(6, t)?.toISOString()).toBe("2026-11-26T20:00:00.000Z");
    expect(nextAttemptAt(7, t)).toBeNull();
    expect(() => nextAttemptAt(0, t)).toThrow("attempt 0 must be an integer >= 1");
  });

  it.each([
    [200, "delivered"],
    [204, "delivered"],
    [299, "delivered"],
    [410, "disable"],
    [301, "retry"],
    [400, "retry"],
    [404, "retry"],
    [429, "retry"],
    [500, "retry"],
    [503, "retry"],
    [null, "retry"],
  ] as const)("HTTP %s → %s", (status, verdict) => {
    expect(verdictFor(status)).toBe(verdict);
  });
});
