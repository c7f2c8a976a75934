import { defineConfig } from "vitest/config";

// Two projects: `unit` needs nothing running; `integration` (*.int.test.ts) runs against the real
// local environment, which its global setup brings up through scripts/env.sh.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{lib,stacks,operator,runtime,policies,scripts,crds,deploy,bench,training}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: [
            "{lib,stacks,operator,runtime,policies,scripts,crds,deploy,bench,training}/**/*.int.test.ts",
          ],
          exclude: ["**/node_modules/**"],
          globalSetup: ["scripts/env/global-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Pulumi runs spawn CLIs and providers: two files at a time is what two cores hold.
          maxWorkers: 2,
        },
      },
    ],
  },
});
