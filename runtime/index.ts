// The runtime's public surface: the app kernel, data access, audit and rate limits.
// Server entry: runtime/main.ts.
export * from "./app/index.ts";
export * from "./audit/index.ts";
export * from "./db/index.ts";
export * from "./rate-limit/index.ts";
