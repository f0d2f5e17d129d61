import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * A throwaway PostgreSQL cluster for tests: initdb and pg_ctl in a temporary
 * directory, on a free port of 127.0.0.1, trusting local connections; stopped
 * and removed afterwards. As root it runs as the `postgres` user, since
 * PostgreSQL refuses to run as root. Used by the vitest globalSetup and, as a
 * command, by .ci/run:
 *   node --import tsx tests/support/postgres-cluster.ts start DIR   (prints the URL)
 *   node --import tsx tests/support/postgres-cluster.ts stop DIR
 */

export const PG_ROOT = "/usr/lib/postgresql";

/** The newest installed PostgreSQL's bin directory, or null. */
export function findPgBin(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(path.join(PG_ROOT, v, "bin", "initdb")) && existsSync(path.join(PG_ROOT, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(PG_ROOT, versions[0], "bin") : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const asRoot = () => process.getuid?.() === 0;

function runPg(bin: string, tool: string, args: string[]): string {
  const cmd = path.join(bin, tool);
  const [file, argv] = asRoot() ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export type ClusterStart = { url: string; dir: string } | { skipped: string };

/** Starts a cluster in `dir` (created if not given); `skipped` says why it could not. */
export async function startCluster(dir?: string): Promise<ClusterStart> {
  const bin = findPgBin();
  if (!bin) return { skipped: `no PostgreSQL binaries under ${PG_ROOT}/*/bin` };
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot()) {
    try {
      uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    } catch {
      return { skipped: "running as root and there is no postgres user to run PostgreSQL as" };
    }
  }
  const root = dir ?? mkdtempSync(path.join(tmpdir(), "qa-pg-"));
  if (uid !== undefined && gid !== undefined) chownSync(root, uid, gid);
  const data = path.join(root, "data");
  const port = await freePort();
  runPg(bin, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
  // -F: no fsync; a test cluster needs no durability. The socket goes into our directory, not /run.
  runPg(bin, "pg_ctl", ["-D", data, "-l", path.join(root, "server.log"), "-w", "-t", "60", "-o", `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -F`, "start"]);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir: root };
}

/** Stops the cluster in `dir` and removes the directory. */
export function stopCluster(dir: string): void {
  const bin = findPgBin();
  const data = path.join(dir, "data");
  if (bin && existsSync(path.join(data, "postmaster.pid"))) {
    try {
      runPg(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Already stopped; the directory goes anyway.
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [command, dir] = process.argv.slice(2);
  if (command === "start" && dir) {
    const r = await startCluster(dir);
    if ("skipped" in r) {
      process.stderr.write(`Cannot start PostgreSQL: ${r.skipped}\n`);
      process.exit(1);
    }
    process.stdout.write(`${r.url}\n`);
  } else if (command === "stop" && dir) {
    stopCluster(dir);
  } else {
    process.stderr.write("usage: postgres-cluster.ts start|stop DIR\n");
    process.exit(2);
  }
}
