// How busy the machine was between two readings, and who kept it busy: the benchmark's own process
// tree, the local environment's services, and everything else (on a shared machine: other people's
// builds and tests). From /proc/stat and /proc/<pid>/stat (Linux).
import { readdirSync, readFileSync } from "node:fs";

const TICKS = 100;
const SERVICES = /^(etcd|kube-apiserver|kube-controller|postgres|redis-server)$/;

export interface LoadReading {
  readonly atMs: number;
  /** Busy CPU seconds of the whole machine since boot (all cores). */
  readonly busySeconds: number;
  /** CPU seconds of the environment's services (their reaped children included). */
  readonly servicesSeconds: number;
  readonly loadavg1: number;
}

export function readLoad(): LoadReading {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]?.split(/\s+/).slice(1).map(Number) ?? [];
  // user nice system idle iowait irq softirq steal
  const busy = (cpu[0] ?? 0) + (cpu[1] ?? 0) + (cpu[2] ?? 0) + (cpu[5] ?? 0) + (cpu[6] ?? 0) + (cpu[7] ?? 0);
  let services = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, "utf8");
      const comm = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"));
      if (!SERVICES.test(comm)) continue;
      const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
      services += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {} // exited meanwhile
  }
  const loadavg1 = Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  return { atMs: performance.now(), busySeconds: busy / TICKS, servicesSeconds: services / TICKS, loadavg1 };
}

export interface LoadBetween {
  readonly wallSeconds: number;
  /** Average number of busy cores. */
  readonly busyCores: number;
  readonly servicesCores: number;
  readonly loadavg1: number;
}

export function loadBetween(a: LoadReading, b: LoadReading): LoadBetween {
  const wall = (b.atMs - a.atMs) / 1000;
  return {
    wallSeconds: wall,
    busyCores: wall > 0 ? (b.busySeconds - a.busySeconds) / wall : 0,
    servicesCores: wall > 0 ? (b.servicesSeconds - a.servicesSeconds) / wall : 0,
    loadavg1: b.loadavg1,
  };
}
