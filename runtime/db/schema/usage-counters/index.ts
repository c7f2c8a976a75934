export { type UsageCounterRow, usageCounters } from "./usage-counter.ts";
