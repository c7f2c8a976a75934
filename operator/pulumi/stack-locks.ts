// Locks the engine leaves in a file:// backend: <dir>/.pulumi/locks/organization/<project>/<stack>/
// <uuid>.json naming the pid, user, host and time of the update that took it. The engine itself
// never checks whether that process still lives; the operator does, before recovering a stack,
// so it never breaks the lock of a live update.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const LockFile = z.object({
  pid: z.number().int(),
  username: z.string(),
  hostname: z.string(),
  timestamp: z.string(),
});

export interface StackLock {
  readonly file: string;
  readonly pid: number;
  readonly hostname: string;
  readonly takenAt: Date;
}

/** The stack's locks; backends other than file:// keep locks elsewhere and yield none here. */
export async function readStackLocks(
  backendUrl: string,
  project: string,
  stack: string,
): Promise<StackLock[]> {
  if (!backendUrl.startsWith("file://")) return [];
  const dir = join(fileURLToPath(backendUrl), ".pulumi", "locks", "organization", project, stack);
  const files = await readdir(dir).catch(() => [] as string[]);
  const locks: StackLock[] = [];
  for (const f of files.filter((n) => n.endsWith(".json"))) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(join(dir, f), "utf8"));
    } catch {
      continue; // half-written or removed meanwhile
    }
    const parsed = LockFile.safeParse(raw);
    if (parsed.success) {
      locks.push({
        file: join(dir, f),
        pid: parsed.data.pid,
        hostname: parsed.data.hostname,
        takenAt: new Date(parsed.data.timestamp),
      });
    }
  }
  return locks;
}

export interface StalenessContext {
  readonly hostname: string;
  readonly now: Date;
  readonly isAlive: (pid: number) => boolean;
  /**
   * A lock from another host cannot be checked for a live process; it is stale once it is older
   * than this (the leader lease duration plus a margin: a former leader stops its updates when it
   * loses the lease).
   */
  readonly foreignStaleAfterMs: number;
}

export function isStaleLock(lock: StackLock, ctx: StalenessContext): boolean {
  if (lock.hostname === ctx.hostname) return !ctx.isAlive(lock.pid);
  return ctx.now.getTime() - lock.takenAt.getTime() > ctx.foreignStaleAfterMs;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
