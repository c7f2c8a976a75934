// Where a process tree's CPU goes, from /proc (Linux): samples the operator and every descendant
// (Pulumi CLIs, provider plugins, policy packs) at a fixed interval and keeps, per process, its
// kind, the CLI command and stack it works for, when it was first and last seen, and the CPU time it
// had used at its last sample. A process that lives less than an interval may be missed, and the
// CPU a process uses after its last sample is lost: the operator's own count of its reaped
// children (cutime + cstime) is exact, and `coverage` says how much of it the samples explain.
import { readdirSync, readFileSync } from "node:fs";
import { basename } from "node:path";

export type ProcessKind =
  | "operator"
  | "pulumi CLI"
  | "dynamic provider"
  | "kubernetes provider"
  | "policy pack"
  | "other";

export const CHILD_KINDS: readonly ProcessKind[] = [
  "pulumi CLI",
  "dynamic provider",
  "kubernetes provider",
  "policy pack",
  "other",
];

export interface ProcessRecord {
  readonly pid: number;
  readonly kind: ProcessKind;
  /** The Pulumi CLI command this process is or works for: "up", "preview", "stack export", ... */
  readonly command: string;
  /** The stack it works for (from the CLI's --stack), when known. */
  readonly stack: string;
  readonly firstSeenMs: number;
  lastSeenMs: number;
  /** User + system CPU seconds at the last sample. */
  cpuSeconds: number;
}

export interface OperatorSample {
  /** The operator's own user + system CPU seconds. */
  readonly selfCpuSeconds: number;
  /** CPU seconds of its reaped descendants (exact once they have exited). */
  readonly childrenCpuSeconds: number;
  readonly rssBytes: number;
  /** Peak RSS so far (VmHWM). */
  readonly peakRssBytes: number;
}

const TICKS = 100; // CLK_TCK on Linux
const PAGE = 4096;

interface Stat {
  ppid: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
  starttime: number;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may hold spaces: fields start after the last ')'.
  const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return {
    ppid: Number(f[1]),
    utime: Number(f[11]),
    stime: Number(f[12]),
    cutime: Number(f[13]),
    cstime: Number(f[14]),
    starttime: Number(f[19]),
  };
}

function readCmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

function classify(argv: readonly string[]): { kind: ProcessKind; command: string; stack: string } {
  const line = argv.join(" ");
  const stackAt = argv.indexOf("--stack");
  const stack = stackAt >= 0 ? (argv[stackAt + 1] ?? "") : "";
  if (argv[0] && basename(argv[0]) === "pulumi") {
    const words = argv.slice(1).filter((a) => !a.startsWith("-"));
    const command = words[0] === "stack" ? `stack ${words[1] ?? ""}`.trim() : (words[0] ?? "");
    return { kind: "pulumi CLI", command, stack };
  }
  if (/pulumi-resource-kubernetes/.test(line)) return { kind: "kubernetes provider", command: "", stack };
  if (/dynamic-provider|pulumi-resource-pulumi-nodejs/.test(line))
    return { kind: "dynamic provider", command: "", stack };
  if (/run-policy-pack|policy-pack/.test(line)) return { kind: "policy pack", command: "", stack };
  return { kind: "other", command: "", stack };
}

export class ProcessSampler {
  readonly #root: number;
  readonly #records = new Map<string, ProcessRecord>();
  readonly #timer: NodeJS.Timeout;
  readonly #t0 = performance.now();
  #last: OperatorSample = { selfCpuSeconds: 0, childrenCpuSeconds: 0, rssBytes: 0, peakRssBytes: 0 };
  #peakRss = 0;
  #sampleCpuMs = 0;

  constructor(rootPid: number, intervalMs = 200) {
    this.#root = rootPid;
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  /** Milliseconds since the sampler started. */
  now(): number {
    return performance.now() - this.#t0;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.sample();
  }

  /** The operator's counters at the last sample. */
  get operator(): OperatorSample {
    return this.#last;
  }

  /** CPU the sampling itself took (it runs in the benchmark, not in the operator). */
  get samplingCpuSeconds(): number {
    return this.#sampleCpuMs / 1000;
  }

  /** Every descendant seen so far, exited ones included. */
  records(): ProcessRecord[] {
    return [...this.#records.values()];
  }

  sample(): void {
    const started = process.cpuUsage();
    const at = this.now();
    const stats = new Map<number, Stat>();
    for (const name of readdirSync("/proc")) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      const s = readStat(pid);
      if (s) stats.set(pid, s);
    }
    const root = stats.get(this.#root);
    if (root) {
      let rss = 0;
      let hwm = 0;
      try {
        const status = readFileSync(`/proc/${this.#root}/status`, "utf8");
        rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
        hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      } catch {}
      this.#peakRss = Math.max(this.#peakRss, rss, hwm);
      this.#last = {
        selfCpuSeconds: (root.utime + root.stime) / TICKS,
        childrenCpuSeconds: (root.cutime + root.cstime) / TICKS,
        rssBytes: rss || PAGE,
        peakRssBytes: this.#peakRss,
      };
    }
    // Descendants: parents first, so each child can inherit its CLI's command and stack.
    const children = new Map<number, number[]>();
    for (const [pid, s] of stats) {
      const list = children.get(s.ppid) ?? [];
      list.push(pid);
      children.set(s.ppid, list);
    }
    const walk = (parent: number, inherited?: ProcessRecord) => {
      for (const pid of children.get(parent) ?? []) {
        const s = stats.get(pid);
        if (!s) continue;
        const key = `${pid}@${s.starttime}`;
        let rec = this.#records.get(key);
        if (!rec) {
          const c = classify(readCmdline(pid));
          rec = {
            pid,
            kind:
              c.kind === "other" && inherited?.kind && inherited.kind !== "pulumi CLI"
                ? inherited.kind
                : c.kind,
            command: c.command || inherited?.command || "",
            stack: c.stack || inherited?.stack || "",
            firstSeenMs: at,
            lastSeenMs: at,
            cpuSeconds: 0,
          };
          this.#records.set(key, rec);
        }
        rec.lastSeenMs = at;
        rec.cpuSeconds = (s.utime + s.stime) / TICKS;
        walk(pid, rec);
      }
    };
    walk(this.#root);
    const used = process.cpuUsage(started);
    this.#sampleCpuMs += (used.user + used.system) / 1000;
  }
}

/** CPU seconds by kind of the processes seen in [fromMs, toMs) (by first sight). */
export function cpuByKind(
  records: readonly ProcessRecord[],
  fromMs = 0,
  toMs = Number.POSITIVE_INFINITY,
): Record<ProcessKind, number> {
  const out = Object.fromEntries(CHILD_KINDS.map((k) => [k, 0])) as Record<ProcessKind, number>;
  for (const r of records) {
    if (r.firstSeenMs < fromMs || r.firstSeenMs >= toMs) continue;
    out[r.kind] = (out[r.kind] ?? 0) + r.cpuSeconds;
  }
  return out;
}
