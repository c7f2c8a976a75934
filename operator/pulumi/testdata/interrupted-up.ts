// Run as its own process by recover-stack.int.test.ts, which SIGKILLs it mid-update.
// Usage: node interrupted-up.ts <stack> <notePath> <startedFile>
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { loadLocalEnv, localPulumiEngine } from "../../../scripts/env/index.ts";
import { workspaceOptions } from "../engine.ts";
import { NoteFile } from "./note-file.ts";

const [stackName, path, startedFile] = process.argv.slice(2);
if (!stackName || !path || !startedFile)
  throw new Error("usage: interrupted-up.ts <stack> <notePath> <startedFile>");
const engine = localPulumiEngine(await loadLocalEnv());
const stack = await LocalWorkspace.createOrSelectStack(
  {
    stackName,
    projectName: "wspec-test-recover",
    program: async () => {
      new NoteFile("slow", { path, text: "slow", startedFile, createDelayMs: 120_000 });
    },
  },
  await workspaceOptions(engine, { name: "wspec-test-recover" }),
);
await stack.up();
