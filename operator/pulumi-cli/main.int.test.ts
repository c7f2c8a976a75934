// Pulumi.yaml's program, run exactly as the CLI would call it (configuration from the stack), but
// through the Automation API: the Node.js language plugin the CLI needs is not obtainable here.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envJsonPath, loadLocalEnv, localPulumiEngine, repoRoot } from "../../scripts/env/index.ts";
import { workspaceOptions } from "../pulumi/engine.ts";
import { tenantProgramFromConfig } from "./config-program.ts";
import entrypoint from "./main.ts";

describe("Pulumi.yaml", () => {
  it("names operator/pulumi-cli/main.ts as its program", () => {
    const project = parse(readFileSync(join(repoRoot, "Pulumi.yaml"), "utf8")) as {
      main: string;
      runtime: { name: string };
    };
    expect(project.runtime.name).toBe("nodejs");
    expect(project.main).toBe("operator/pulumi-cli/main.ts");
    expect(entrypoint).toBe(tenantProgramFromConfig);
  });

  it("provisions a tenant from stack configuration, and destroys it", async () => {
    const env = await loadLocalEnv();
    const tenantId = `t-cli-${randomUUID().slice(0, 8)}`;
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: tenantId, projectName: "wspec-test-cli", program: tenantProgramFromConfig },
      await workspaceOptions(localPulumiEngine(env), { name: "wspec-test-cli" }),
    );
    await stack.setAllConfig({
      "wspec:tenantId": { value: tenantId },
      "wspec:tenant": {
        value: JSON.stringify({
          displayName: "CLI tenant",
          tier: "starter",
          cloud: "local",
          complianceProfile: "cli-profile",
          admins: ["cli@example.com"],
          limits: { storageGiB: 1, documents: 100, requestsPerHour: 100 },
        }),
      },
      "wspec:profile": { value: JSON.stringify({ frameworks: ["SOC2"], allowedRegions: { local: ["*"] } }) },
      "wspec:envFile": { value: envJsonPath() },
    });
    const up = await stack.up();
    expect(up.outputs.tenantId?.value).toBe(tenantId);
    expect(up.outputs.credentials?.secret).toBe(true);
    expect(up.outputs.endpoint?.value).toBe(`http://wspec-runtime.tenant-${tenantId}.svc.cluster.local`);
    await stack.destroy();
    await stack.workspace.removeStack(tenantId);
  });

  it("says which configuration is missing", async () => {
    const env = await loadLocalEnv();
    const name = `t-cli-${randomUUID().slice(0, 8)}`;
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: name, projectName: "wspec-test-cli", program: tenantProgramFromConfig },
      await workspaceOptions(localPulumiEngine(env), { name: "wspec-test-cli" }),
    );
    await expect(stack.up()).rejects.toThrow(/Missing required configuration variable 'wspec:tenantId'/);
    await stack.workspace.removeStack(name);
  });
});
