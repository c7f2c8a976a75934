import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  engineEnvVars,
  type PulumiEngineConfig,
  pluginDirOf,
  prepareWorkDir,
  removeStackWorkDir,
  withEnvOverrides,
  workDirOf,
  writePluginLaunchers,
} from "./engine.ts";

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
    // Plugins are found on PATH: the operator's launchers, the project's bin dir, then this Node
    // for script plugins; those Node processes share a compile cache.
    expect(vars.PATH?.split(":").slice(0, 2)).toEqual([pluginDirOf(base), base.binDir]);
    expect(vars.NODE_COMPILE_CACHE).toBe(join(base.workRoot, ".node-compile-cache"));
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

describe("prepareWorkDir", () => {
  const root = () => mkdtempSync(join(tmpdir(), "wspec-workdir-"));

  it("gives each stack its own directory and project file", async () => {
    const cfg = { ...base, workRoot: root() };
    const a = await prepareWorkDir(cfg, { name: "tenants" }, "tenant-a");
    const b = await prepareWorkDir(cfg, { name: "tenants" }, "tenant-b");
    expect(a).not.toBe(b);
    expect(a).toBe(join(cfg.workRoot, "tenants", "stacks", "tenant-a"));
    for (const dir of [a, b]) {
      expect(JSON.parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8"))).toEqual({
        name: "tenants",
        runtime: "nodejs",
        backend: { url: base.backendUrl },
      });
    }
  });

  it("never rewrites an unchanged project file, and replaces a changed one whole", async () => {
    const cfg = { ...base, workRoot: root() };
    const dir = await prepareWorkDir(cfg, { name: "p" });
    const file = join(dir, "Pulumi.yaml");
    const first = statSync(file);
    await prepareWorkDir(cfg, { name: "p" });
    expect(statSync(file).ino).toBe(first.ino);
    expect(statSync(file).mtimeMs).toBe(first.mtimeMs);
    await prepareWorkDir(cfg, { name: "p", description: "changed" });
    // A rename, not a truncate-and-write: a reader holding the old file never sees it empty.
    expect(statSync(file).ino).not.toBe(first.ino);
    expect(JSON.parse(readFileSync(file, "utf8")).description).toBe("changed");
    expect(readdirSync(dir)).toEqual(["Pulumi.yaml"]);
  });

  it("starts a stack's directory from the settings it had in the shared project directory", async () => {
    const cfg = { ...base, workRoot: root() };
    const shared = await prepareWorkDir(cfg, { name: "p" });
    writeFileSync(join(shared, "Pulumi.old.yaml"), "encryptionsalt: v1:abc\n");
    const own = await prepareWorkDir(cfg, { name: "p" }, "old");
    expect(readFileSync(join(own, "Pulumi.old.yaml"), "utf8")).toBe("encryptionsalt: v1:abc\n");
    writeFileSync(join(own, "Pulumi.old.yaml"), "encryptionsalt: v1:abc\nconfig: {}\n");
    await prepareWorkDir(cfg, { name: "p" }, "old");
    expect(readFileSync(join(own, "Pulumi.old.yaml"), "utf8")).toContain("config");
  });

  it("removes a stack's directory", async () => {
    const cfg = { ...base, workRoot: root() };
    const dir = await prepareWorkDir(cfg, { name: "p" }, "s");
    await removeStackWorkDir(cfg, "p", "s");
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(workDirOf(cfg, "p"))).toBe(true);
  });
});

describe("writePluginLaunchers", () => {
  it("writes a dynamic-provider launcher that execs this Node on the operator's own provider", async () => {
    const cfg = { workRoot: mkdtempSync(join(tmpdir(), "wspec-plugins-")), bin: "/opt/pulumi/bin/pulumi" };
    await writePluginLaunchers(cfg);
    // The CLI is run through a link beside the launchers: the Automation API puts its directory first.
    expect(readlinkSync(join(pluginDirOf(cfg), "pulumi"))).toBe("/opt/pulumi/bin/pulumi");
    const file = join(pluginDirOf(cfg), "pulumi-resource-pulumi-nodejs");
    const script = readFileSync(file, "utf8");
    expect(script).toMatch(/^#!\/bin\/sh\n/);
    const preload = join(pluginDirOf(cfg), "flush-compile-cache.cjs");
    expect(script).toContain(`exec '${process.execPath}' --require '${preload}' '`);
    expect(readFileSync(preload, "utf8")).toContain("flushCompileCache()");
    expect(script).toMatch(/node_modules\/@pulumi\/pulumi\/cmd\/dynamic-provider\/index\.js' "\$@"/);
    expect(statSync(file).mode & 0o111).toBe(0o111);
  });
});
