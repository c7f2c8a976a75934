// A dynamic resource over a real file, for the engine's integration tests: create writes it,
// read reports what is on disk (so refresh sees drift), delete removes it. The provider uses only
// builtins through process.getBuiltinModule, so its serialized closures capture nothing.
import * as pulumi from "@pulumi/pulumi";

export interface NoteFileArgs {
  readonly path: pulumi.Input<string>;
  readonly text: pulumi.Input<string>;
  readonly label?: pulumi.Input<string>;
  /** Written with the provider's pid when create starts (crash tests wait on it). */
  readonly startedFile?: pulumi.Input<string>;
  readonly createDelayMs?: pulumi.Input<number>;
}

interface NoteFileProps {
  path: string;
  text: string;
  label?: string;
  startedFile?: string;
  createDelayMs?: number;
}

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: NoteFileProps) {
    const fs = process.getBuiltinModule("node:fs");
    if (inputs.startedFile) fs.writeFileSync(inputs.startedFile, String(process.pid));
    if (inputs.createDelayMs) await new Promise((r) => setTimeout(r, inputs.createDelayMs));
    fs.writeFileSync(inputs.path, inputs.text);
    const digest = process
      .getBuiltinModule("node:crypto")
      .createHash("sha256")
      .update(inputs.text)
      .digest("hex");
    return { id: inputs.path, outs: { ...inputs, digest } };
  },
  async read(id: string, props: NoteFileProps & { digest: string }) {
    const fs = process.getBuiltinModule("node:fs");
    if (!fs.existsSync(id)) return { id: "", props: {} };
    const text = fs.readFileSync(id, "utf8");
    const digest = process.getBuiltinModule("node:crypto").createHash("sha256").update(text).digest("hex");
    return { id, props: { ...props, text, digest } };
  },
  async diff(_id: string, olds: NoteFileProps, news: NoteFileProps) {
    const replaces = olds.path !== news.path ? ["path"] : [];
    const changes = replaces.length > 0 || olds.text !== news.text || olds.label !== news.label;
    return { changes, replaces, deleteBeforeReplace: true };
  },
  async update(_id: string, _olds: NoteFileProps, news: NoteFileProps) {
    process.getBuiltinModule("node:fs").writeFileSync(news.path, news.text);
    const digest = process
      .getBuiltinModule("node:crypto")
      .createHash("sha256")
      .update(news.text)
      .digest("hex");
    return { outs: { ...news, digest } };
  },
  async delete(id: string) {
    process.getBuiltinModule("node:fs").rmSync(id, { force: true });
  },
};

export class NoteFile extends pulumi.dynamic.Resource {
  declare public readonly digest: pulumi.Output<string>;
  declare public readonly text: pulumi.Output<string>;

  constructor(name: string, args: NoteFileArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { digest: undefined, ...args }, opts);
  }
}
