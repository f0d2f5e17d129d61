import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "../helpers.js";

/**
 * How long a child process may take to start, or to do what it is waited for,
 * on a busy machine shared with other test runs. Only a hang takes this long.
 */
export const SLOW_MS = 60_000;

/** `npm start` (src/main.ts) as a child process, with its stdout and stderr collected. */
export interface MainProcess {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Waits until the output matches, or fails after `ms` (default SLOW_MS) with what was printed. */
  waitForOutput(pattern: RegExp, ms?: number): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  alive(): boolean;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<number | null>;
}

export function startMain(env: NodeJS.ProcessEnv): MainProcess {
  // Whatever the bot keeps on disk goes to a folder of its own, never into the checkout.
  const dataDir = mkdtempSync(path.join(tmpdir(), "qa-main-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, BOT_TOKEN: "", LOG_LEVEL: "info", DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let running = true;
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      running = false;
      rmSync(dataDir, { recursive: true, force: true });
      resolve(code);
    }),
  );
  return {
    child,
    output: () => out,
    alive: () => running,
    exited,
    async waitForOutput(pattern, ms = SLOW_MS) {
      const until = Date.now() + ms;
      while (!pattern.test(out)) {
        if (Date.now() > until) throw new Error(`no output matching ${pattern} in ${ms} ms (alive: ${running}); output:\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      if (!running) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What a stack trace looks like in plain text or inside a JSON log line. */
export const STACK_TRACE = /(\n|\\n)\s+at \S|"stack"/;

/** The exit code, or "still running" if the process has not exited within `ms`. */
export function exitWithin(main: MainProcess, ms = SLOW_MS): Promise<number | null | "still running"> {
  return Promise.race([main.exited, new Promise<"still running">((r) => setTimeout(() => r("still running"), ms))]);
}
