// Process checks for tests of the environment's lifecycle. A killed server lingers as a zombie
// (state Z) until PID 1 reaps it: it has exited, so it does not count as running.
import { readdirSync, readFileSync } from "node:fs";

export function processRunning(pid: number | string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

/** Every running process whose command line mentions `text`, as "pid: command line". */
export function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    if (!processRunning(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmd.includes(text)) found.push(`${pid}: ${cmd}`);
    } catch {} // exited meanwhile
  }
  return found;
}

/** Pids of running processes whose environment has `name=value` (own processes only). */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}`;
  const found: number[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    if (Number(pid) === process.pid || !processRunning(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(needle)) found.push(Number(pid));
    } catch {} // exited meanwhile, or not ours
  }
  return found;
}
