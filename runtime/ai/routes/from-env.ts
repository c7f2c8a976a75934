// The AI routes' dependencies from the environment: the translation provider (TRANSLATION_*; none
// configured is valid and makes /ai/translate answer 501), the hash-redaction secret
// (REDACTION_KEY), the phone countries of the region the process serves (RUNTIME_REGION, a cloud
// region name, and PHONE_COUNTRIES, a comma-separated list of ISO codes), automatic background retraining (CLASSIFIER_RETRAIN_EVERY) and a per-tenant classifier on PostgreSQL, which the pipeline's classify step
// should share so both answer with the same model.
import { TenantClassifier } from "../classify/index.ts";
import { phoneCountriesForRegion } from "../entities/index.ts";
import { translationFromEnv } from "../translate/index.ts";
import { PostgresClassifierStore } from "./classifier-store.ts";
import type { AiRouteDeps } from "./deps.ts";

export const MIN_REDACTION_KEY_LENGTH = 16;
/** Examples between automatic background retrains (CLASSIFIER_RETRAIN_EVERY; 0 turns them off). */
export const DEFAULT_RETRAIN_EVERY = 20;

export function aiRouteDepsFromEnv(
  env: Record<string, string | undefined>,
  services: Pick<AiRouteDeps, "databases" | "storage" | "auditKey" | "training"> & {
    /** The translation provider's fetch (runtime/metrics counts its model tokens). */
    fetch?: typeof fetch;
  },
):
  | { val: AiRouteDeps & { classifier: TenantClassifier }; err?: undefined }
  | { val?: undefined; err: string } {
  const translation = services.fetch ? translationFromEnv(env, services.fetch) : translationFromEnv(env);
  if (translation.err !== undefined) return { err: translation.err };
  const redactionKey = env.REDACTION_KEY || undefined;
  if (redactionKey !== undefined && redactionKey.length < MIN_REDACTION_KEY_LENGTH) {
    return { err: `REDACTION_KEY must be at least ${MIN_REDACTION_KEY_LENGTH} characters` };
  }
  const retrainEvery = Number(env.CLASSIFIER_RETRAIN_EVERY ?? DEFAULT_RETRAIN_EVERY);
  if (!Number.isInteger(retrainEvery) || retrainEvery < 0) {
    return {
      err: "CLASSIFIER_RETRAIN_EVERY must be a whole number of examples (0 turns automatic retraining off)",
    };
  }
  let phoneCountries: AiRouteDeps["phoneCountries"];
  try {
    const extra = (env.PHONE_COUNTRIES ?? "")
      .split(",")
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    phoneCountries = phoneCountriesForRegion(env.RUNTIME_REGION, extra);
  } catch (err) {
    return { err: `PHONE_COUNTRIES: ${(err as Error).message}` };
  }
  return {
    val: {
      ...services,
      retrainEvery,
      ...(phoneCountries.length > 0 ? { phoneCountries } : {}),
      classifier: new TenantClassifier({ store: new PostgresClassifierStore(services.databases) }),
      ...(translation.val ? { translation: translation.val } : {}),
      ...(redactionKey ? { redactionKey } : {}),
    },
  };
}
