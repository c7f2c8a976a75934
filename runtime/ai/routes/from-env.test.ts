import { describe, expect, it } from "vitest";
import type { StorageDriver } from "../../storage/index.ts";
import { aiRouteDepsFromEnv } from "./from-env.ts";

const services = {
  databases: { withTenant: () => Promise.reject(new Error("not used")) },
  storage: {} as StorageDriver,
};

describe("aiRouteDepsFromEnv", () => {
  it("needs no configuration: no provider (translate answers 501), no hash key", () => {
    const { val, err } = aiRouteDepsFromEnv({}, services);
    expect(err).toBeUndefined();
    expect(val?.translation).toBeUndefined();
    expect(val?.redactionKey).toBeUndefined();
    expect(val?.classifier.minExamplesPerLabel).toBe(5);
  });

  it("builds the provider and takes the redaction key from the environment", () => {
    const { val } = aiRouteDepsFromEnv(
      { TRANSLATION_API_URL: "http://127.0.0.1:9/v1", REDACTION_KEY: "0123456789abcdef" },
      services,
    );
    expect(val?.translation?.name).toBe("openai-compatible");
    expect(val?.redactionKey).toBe("0123456789abcdef");
  });

  it("reads the phone countries of the runtime's region, and PHONE_COUNTRIES before them", () => {
    expect(aiRouteDepsFromEnv({}, services).val?.phoneCountries).toBeUndefined();
    expect(
      aiRouteDepsFromEnv({ RUNTIME_REGION: "eu-central-1", PHONE_COUNTRIES: "pl, cz" }, services).val
        ?.phoneCountries,
    ).toEqual(["PL", "CZ", "DE", "AT", "CH"]);
    expect(aiRouteDepsFromEnv({ PHONE_COUNTRIES: "DE,XX" }, services).err).toBe(
      'PHONE_COUNTRIES: phone countries must be ISO 3166-1 alpha-2 codes libphonenumber knows (US, GB, DE, ...), got "XX"',
    );
  });

  it("refuses a bad provider URL and a short redaction key, naming the variable", () => {
    expect(aiRouteDepsFromEnv({ TRANSLATION_API_URL: "ftp://x" }, services).err).toContain(
      "TRANSLATION_API_URL",
    );
    expect(aiRouteDepsFromEnv({ REDACTION_KEY: "short" }, services).err).toBe(
      "REDACTION_KEY must be at least 16 characters",
    );
    for (const bad of ["-1", "2.5", "often"]) {
      expect(aiRouteDepsFromEnv({ CLASSIFIER_RETRAIN_EVERY: bad }, services).err).toContain(
        "CLASSIFIER_RETRAIN_EVERY",
      );
    }
  });

  it("retrains every 20 examples unless CLASSIFIER_RETRAIN_EVERY says otherwise", () => {
    expect(aiRouteDepsFromEnv({}, services).val?.retrainEvery).toBe(20);
    expect(aiRouteDepsFromEnv({ CLASSIFIER_RETRAIN_EVERY: "0" }, services).val?.retrainEvery).toBe(0);
  });
});
