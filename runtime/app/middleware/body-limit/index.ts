export { DEFAULT_BODY_LIMITS, MB, type TierBodyLimitOptions, tierBodyLimit } from "./body-limit.ts";
