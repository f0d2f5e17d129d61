import { readFile, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { UserError } from "../errors.js";

/** A swap takes milliseconds; a lock older than this was left by a process that is gone. */
const STALE_AFTER_MS = 10 * 60_000;
const WAIT_LIMIT_MS = 60_000;
const HALF_WRITTEN_AFTER_MS = 10_000;

interface Holder {
  pid: number;
  host?: string;
  since: string;
}

/**
 * Runs `fn` while holding a lock file (created with O_EXCL, holding pid, host
 * and time), so that processes replacing the same index take turns. A lock
 * left by a dead process is taken over; a live one is waited for, with
 * backoff, for at most a minute.
 */
export async function withLock<T>(lockPath: string, what: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() } satisfies Holder);
  let pause = 10;
  for (;;) {
    try {
      await writeFile(lockPath, mine, { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new UserError(`Cannot lock ${what} (${lockPath}): ${(err as Error).message}`);
    }
    const seen = await readFile(lockPath, "utf8").catch(() => null);
    if (seen !== null && (await isStale(lockPath, seen))) {
      // Remove it only if it is still the lock we judged: another process may have taken it over meanwhile.
      if ((await readFile(lockPath, "utf8").catch(() => null)) === seen) await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) {
      const pid = parse(seen ?? "")?.pid;
      throw new UserError(`Another process${pid ? ` (pid ${pid})` : ""} has been writing ${what} for over a minute. If none is running, delete ${lockPath}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
    pause = Math.min(pause * 2, 500);
  }
  try {
    return await fn();
  } finally {
    if ((await readFile(lockPath, "utf8").catch(() => null)) === mine) await unlink(lockPath).catch(() => undefined);
  }
}

function parse(text: string): Holder | null {
  try {
    const h = JSON.parse(text) as Holder;
    return typeof h.pid === "number" && typeof h.since === "string" ? h : null;
  } catch {
    return null;
  }
}

async function isStale(lockPath: string, text: string): Promise<boolean> {
  const holder = parse(text);
  if (!holder) {
    // Being written this very moment, or left half-written by a crash: its age tells which.
    const age = Date.now() - ((await stat(lockPath).catch(() => null))?.mtimeMs ?? Date.now());
    return age > HALF_WRITTEN_AFTER_MS;
  }
  if (Date.now() - Date.parse(holder.since) > STALE_AFTER_MS) return true;
  // A pid means nothing on another machine sharing the folder.
  if (holder.host && holder.host !== hostname()) return false;
  return !isAlive(holder.pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
