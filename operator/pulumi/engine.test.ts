import { describe, expect, it } from "vitest";
import { engineEnvVars, type PulumiEngineConfig, withEnvOverrides } from "./engine.ts";

const base: PulumiEngineConfig = {
  bin: "/repo/.wspec/bin/pulumi",
  binDir: "/repo/.wspec/bin",
  backendUrl: "file:///repo/.wspec/pulumi-state",
  home: "/cache/pulumi-home",
  passphrase: "local-secret",
  workRoot: "/repo/.wspec/pulumi-work",
};

describe("withEnvOverrides", () => {
  it("keeps the base when no Pulumi variable is set", () => {
    expect(withEnvOverrides(base, {})).toEqual(base);
  });

  it("lets the standard Pulumi variables win", () => {
    const cfg = withEnvOverrides(base, {
      PULUMI_BACKEND_URL: "s3://wspec-state?region=eu-west-1",
      PULUMI_CONFIG_PASSPHRASE: "other",
      PULUMI_HOME: "/elsewhere",
      WSPEC_PULUMI_SECRETS_PROVIDER: "awskms://alias/wspec",
    });
    expect(cfg).toMatchObject({
      backendUrl: "s3://wspec-state?region=eu-west-1",
      passphrase: "other",
      home: "/elsewhere",
      secretsProvider: "awskms://alias/wspec",
    });
  });

  it("names the field and what is allowed when a value is wrong", () => {
    expect(() => withEnvOverrides(base, { PULUMI_BACKEND_URL: "ftp://nope" })).toThrow(
      /backendUrl[\s\S]*must be a file:\/\/, s3:\/\/, azblob:\/\/, gs:\/\/ or https:\/\/ URL/,
    );
    expect(() => withEnvOverrides({ ...base, bin: "/usr/local/pulumi" })).toThrow(
      /bin[\s\S]*ending in \/bin\/pulumi/,
    );
  });
});

describe("engineEnvVars", () => {
  it("pins the engine to local plugins, no update checks, the configured backend and home", () => {
    const vars = engineEnvVars(base);
    expect(vars).toMatchObject({
      PULUMI_BACKEND_URL: base.backendUrl,
      PULUMI_HOME: base.home,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_CONFIG_PASSPHRASE: "local-secret",
    });
    // Plugins are found on PATH: the project's bin dir first, then this Node for script plugins.
    expect(vars.PATH?.split(":").slice(0, 1)).toEqual([base.binDir]);
    expect(vars.PATH?.split(":")).toContain(process.execPath.replace(/\/node$/, ""));
  });

  it("sets no passphrase when a KMS secrets provider is configured", () => {
    const { passphrase: _, ...rest } = base;
    const vars = engineEnvVars({
      ...rest,
      secretsProvider: "gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k",
    });
    expect(vars.PULUMI_CONFIG_PASSPHRASE).toBeUndefined();
  });
});
