import { describe, expect, it } from "vitest";
import { readOperatorEnv } from "./config.ts";

describe("readOperatorEnv", () => {
  it("fills in defaults", () => {
    const env = readOperatorEnv({});
    expect(env).toMatchObject({
      WSPEC_OPERATOR_NAMESPACE: "wspec-system",
      WSPEC_WORKERS: 8,
      WSPEC_DRIFT_CHECK_SECONDS: 3600,
      WSPEC_HTTP_PORT: 8080,
    });
    // Unset: the operator follows the cores and the CPU pressure (operator/pulumi/operation-concurrency).
    expect(env.WSPEC_MAX_CONCURRENT_OPERATIONS).toBeUndefined();
    expect(readOperatorEnv({ WSPEC_MAX_CONCURRENT_OPERATIONS: "3" }).WSPEC_MAX_CONCURRENT_OPERATIONS).toBe(3);
  });

  it("names every bad variable, its value and what is allowed", () => {
    expect(() =>
      readOperatorEnv({
        WSPEC_WORKERS: "zero",
        WSPEC_MAX_CONCURRENT_OPERATIONS: "99",
        WSPEC_LOG_LEVEL: "loud",
      }),
    ).toThrow(
      /WSPEC_WORKERS="zero": must be an integer from 1 to 64[\s\S]*WSPEC_MAX_CONCURRENT_OPERATIONS="99": must be an integer from 1 to 32[\s\S]*WSPEC_LOG_LEVEL="loud"/,
    );
  });

  it("reads the console cookie's Secure override, and refuses anything but true or false", () => {
    expect(readOperatorEnv({ WSPEC_CONSOLE_SECURE_COOKIE: "true" }).WSPEC_CONSOLE_SECURE_COOKIE).toBe("true");
    expect(readOperatorEnv({}).WSPEC_CONSOLE_SECURE_COOKIE).toBeUndefined();
    expect(() => readOperatorEnv({ WSPEC_CONSOLE_SECURE_COOKIE: "yes" })).toThrow(
      /WSPEC_CONSOLE_SECURE_COOKIE.*must be true or false/,
    );
  });
});
