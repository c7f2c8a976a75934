// The tenant's storage root, `<storageRoot>/<name>`, mode 0700. Every operation recomputes the
// path from root and name and refuses anything that is not a direct child of the root, so delete
// (rm -rf) can never reach outside it; a symbolic link in its place is refused, not followed.
// Serialized by Pulumi like the other providers: builtins only, through process.getBuiltinModule.
import * as pulumi from "@pulumi/pulumi";

export interface StorageDirArgs {
  /** Absolute directory holding every tenant's storage; created (0700) if missing. */
  readonly storageRoot: pulumi.Input<string>;
  /** The directory's name under the root (the tenant id). */
  readonly name: pulumi.Input<string>;
}

interface DirInputs {
  storageRoot: string;
  name: string;
}

interface DirOutputs extends DirInputs {
  path: string;
  /** Octal permission bits found by the last read; anything but "700" makes an update. */
  mode: string;
}

/**
 * `<root>/<name>`, or an error when root is not absolute or the result would not be a direct child
 * of root (`..`, `/`, empty or dotted names).
 */
export function storageDirPath(storageRoot: string, name: string): string {
  const path = process.getBuiltinModule("node:path");
  if (!path.isAbsolute(storageRoot))
    throw new Error(`storage root "${storageRoot}" must be an absolute path`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new Error(`storage directory name "${name}" must be lowercase letters, digits and '-'`);
  }
  const root = path.resolve(storageRoot);
  const dir = path.resolve(root, name);
  if (path.dirname(dir) !== root) throw new Error(`${dir} is not directly inside the storage root ${root}`);
  return dir;
}

/** Creates (or adopts) the directory and sets its mode; refuses links and non-directories. */
function ensureDir(p: DirInputs): DirOutputs {
  const fs = process.getBuiltinModule("node:fs");
  const path = process.getBuiltinModule("node:path");
  const dir = storageDirPath(p.storageRoot, p.name);
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  const existing = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) throw new Error(`${dir} is a symbolic link; refusing to use it as storage`);
  if (existing && !existing.isDirectory()) throw new Error(`${dir} exists and is not a directory`);
  if (!existing) fs.mkdirSync(dir, { mode: 0o700 });
  fs.chmodSync(dir, 0o700); // mkdir's mode is filtered by the umask; an adopted one may differ
  // The root itself may be a link (e.g. to a data disk); the tenant directory must sit in its target.
  if (path.dirname(fs.realpathSync(dir)) !== fs.realpathSync(path.dirname(dir))) {
    throw new Error(`${dir} resolves outside the storage root`);
  }
  return { ...p, path: dir, mode: "700" };
}

/** Exported for its tests; programs use StorageDir. */
export const storageDirProvider: pulumi.dynamic.ResourceProvider<DirInputs, DirOutputs> = {
  async create(inputs) {
    const outs = ensureDir(inputs);
    return { id: outs.path, outs };
  },
  async read(id, props) {
    if (!props) return { id, props };
    const stat = process
      .getBuiltinModule("node:fs")
      .lstatSync(storageDirPath(props.storageRoot, props.name), { throwIfNoEntry: false });
    if (!stat?.isDirectory()) return { id: "", props: {} as DirOutputs };
    return { id, props: { ...props, mode: (stat.mode & 0o777).toString(8) } };
  },
  async diff(_id, olds, news) {
    const replaces = ["storageRoot", "name"].filter(
      (k) => olds[k as keyof DirInputs] !== news[k as keyof DirInputs],
    );
    return { changes: replaces.length > 0 || olds.mode !== "700", replaces, deleteBeforeReplace: true };
  },
  async update(_id, _olds, news) {
    return { outs: ensureDir(news) };
  },
  async delete(_id, props) {
    const fs = process.getBuiltinModule("node:fs");
    const dir = storageDirPath(props.storageRoot, props.name);
    const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (!stat) return;
    // A link put in its place is removed, never followed.
    if (stat.isSymbolicLink()) fs.unlinkSync(dir);
    else fs.rmSync(dir, { recursive: true, force: true });
  },
};

/** A tenant's directory under the storage root. */
export class StorageDir extends pulumi.dynamic.Resource {
  declare public readonly path: pulumi.Output<string>;

  constructor(name: string, args: StorageDirArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      storageDirProvider,
      name,
      { path: undefined, mode: undefined, ...args },
      opts,
      "local",
      "StorageDir",
    );
  }
}
