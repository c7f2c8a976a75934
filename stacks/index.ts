// Pulumi programs per target. Only the local target exists so far; the clouds join with their issue.
export * from "./local/index.ts";
