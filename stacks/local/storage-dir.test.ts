import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { storageDirProvider as provider, storageDirPath } from "./storage-dir.ts";

describe("storageDirPath", () => {
  it("is the direct child of the root", () => {
    expect(storageDirPath("/srv/storage", "acme")).toBe("/srv/storage/acme");
    expect(storageDirPath("/srv/storage/", "acme-2")).toBe("/srv/storage/acme-2");
  });

  it("refuses names and roots that would escape or be ambiguous", () => {
    expect(() => storageDirPath("srv", "acme")).toThrow('storage root "srv" must be an absolute path');
    for (const name of ["..", "../etc", "a/b", "", ".hidden", "Acme", "/etc"]) {
      expect(() => storageDirPath("/srv/storage", name)).toThrow(
        `storage directory name "${name}" must be lowercase letters, digits and '-'`,
      );
    }
  });
});

describe("the storage provider on a real directory", () => {
  const scratch: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    scratch.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });
  const inputs = () => ({ storageRoot: join(tempDir("wspec-dir-"), "root"), name: "acme" });

  it("creates 0700 under a missing root, adopts an existing one, and deletes only its own", async () => {
    const p = inputs();
    const created = await provider.create(p);
    expect(created.id).toBe(join(p.storageRoot, "acme"));
    expect(statSync(created.id).mode & 0o777).toBe(0o700);
    writeFileSync(join(created.id, "doc.pdf"), "x");
    mkdirSync(join(p.storageRoot, "other"));

    // A crashed run's directory, with loose permissions: adopted and tightened, contents kept.
    chmodSync(created.id, 0o755);
    const again = await provider.create(p);
    expect(again.id).toBe(created.id);
    expect(statSync(created.id).mode & 0o777).toBe(0o700);
    expect(existsSync(join(created.id, "doc.pdf"))).toBe(true);

    await provider.delete?.(created.id, { ...p, path: created.id, mode: "700" });
    expect(existsSync(created.id)).toBe(false);
    expect(existsSync(join(p.storageRoot, "other"))).toBe(true);
  });

  it("reports a widened mode as a change, and a missing directory as gone", async () => {
    const p = inputs();
    const { id, outs } = await provider.create(p);
    if (!outs) throw new Error("create returned no outputs");
    chmodSync(id, 0o755);
    const read = await provider.read?.(id, outs);
    const found = read?.props ?? outs;
    expect(found.mode).toBe("755");
    const diff = await provider.diff?.(id, found, p);
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
    await provider.update?.(id, found, p);
    expect(statSync(id).mode & 0o777).toBe(0o700);
    rmSync(id, { recursive: true });
    expect(await provider.read?.(id, outs)).toEqual({ id: "", props: {} });
  });

  it("refuses a symbolic link in its place, and delete removes the link, not its target", async () => {
    const p = inputs();
    const target = tempDir("wspec-target-");
    writeFileSync(join(target, "precious"), "x");
    mkdirSync(p.storageRoot, { recursive: true });
    const link = join(p.storageRoot, "acme");
    symlinkSync(target, link);
    await expect(provider.create(p)).rejects.toThrow(
      `${link} is a symbolic link; refusing to use it as storage`,
    );
    await provider.delete?.(link, { ...p, path: link, mode: "700" });
    expect(lstatSync(link, { throwIfNoEntry: false })).toBeUndefined();
    expect(existsSync(join(target, "precious"))).toBe(true);
  });
});
