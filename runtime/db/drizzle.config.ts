import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate --config runtime/db/drizzle.config.ts` writes SQL migrations next to
// this file; they are committed and applied by migrate() (./migrate.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./runtime/db/schema/index.ts",
  out: "./runtime/db/migrations",
  casing: undefined,
  strict: true,
  verbose: true,
});
