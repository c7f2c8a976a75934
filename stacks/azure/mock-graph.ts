// Moved to stacks/shared/testing/mock-graph.ts; kept so importers outside stacks/
// (policies/cloud-silos.test.ts) build until they import from there.
export * from "../shared/testing/mock-graph.ts";
