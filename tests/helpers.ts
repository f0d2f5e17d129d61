import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { afterAll } from "vitest";
import { buildIndex } from "../src/core/index/build-index.js";
import { DEFAULT_SETTINGS } from "../src/core/index/open-knowledge-base.js";
import type { KnowledgeBase } from "../src/core/index/knowledge-base.js";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const SEED_CORPUS = path.join(ROOT, "corpus");
export const FIXTURES = path.join(ROOT, "tests", "fixtures");

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A temporary directory removed after the test file. */
export async function tempDir(prefix = "qa-"): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** A writable copy of a corpus directory. */
export async function copyCorpus(from: string): Promise<string> {
  const d = path.join(await tempDir(), "corpus");
  await cp(from, d, { recursive: true });
  return d;
}

export async function buildTemp(corpusDir: string, settings = DEFAULT_SETTINGS): Promise<{ kb: KnowledgeBase; indexDir: string }> {
  const indexDir = path.join(await tempDir(), "index");
  const kb = await buildIndex(corpusDir, indexDir, settings);
  return { kb, indexDir };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's scripts the way npm does, without npm's own start-up. */
export function runScript(script: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    // Empty values override a developer's .env: the scripts run offline unless a test says otherwise.
    env: { ...process.env, BOT_TOKEN: "", LLM_BASE_URL: "", LLM_MODEL: "", EMBEDDINGS_MODEL: "", ...env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runScript without blocking: for running several CLIs at the same time. */
export function runScriptAsync(script: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<CliResult> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    env: { ...process.env, BOT_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) =>
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}
