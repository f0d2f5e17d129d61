import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";

let index: string;
beforeAll(async () => {
  index = path.join(await tempDir(), "index");
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from /quit to the process's exit. */
  afterQuit: number;
}

/**
 * `npm start` without a token, typed into line by line once the prompt shows.
 * Standard input stays open, as in a terminal: the chat must end on /quit by itself.
 */
function chat(lines: string[], args: string[] = [], terminal = false): Promise<Run> {
  const node = [process.execPath, "--import", "tsx", "src/main.ts", ...args];
  // A real pseudo-terminal through script(1): readline then runs in terminal mode, as for a person.
  const [cmd, ...argv] = terminal ? ["script", "-qfec", node.join(" "), "/dev/null"] : node;
  const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, BOT_TOKEN: "", INDEX_DIR: index, LOG_LEVEL: "" }, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let quitAt = 0;
  const queue = [...lines];
  child.stdout.on("data", (d) => {
    stdout += d;
    // One line per prompt, like someone reading each answer first.
    if (/> $/.test(stdout) && queue.length) {
      const line = queue.shift()!;
      if (line === "/quit") quitAt = Date.now();
      child.stdin.write(`${line}\n`);
    }
  });
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`still running 60 s after start; output so far:\n${stdout.slice(-500)}`));
    }, 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, afterQuit: Date.now() - quitAt });
    });
  });
}

describe("the console chat", () => {
  it("ends on /quit while standard input stays open, says when a button does not exist, and prints no JSON log", async () => {
    const r = await chat(["/speakers", "#9", "#8", "hello", "/quit"]);
    expect(r.code).toBe(0);
    expect(r.afterQuit).toBeLessThan(5000);
    expect(r.stdout).toContain("(There is no button #9: the last message has 8 buttons.)");
    expect(r.stdout).toMatch(/Kirill Petrov — Head of the analytical department/);
    expect(r.stdout).toContain("\nBye.\n");
    // Nothing but the chat and plain notes: no pino line before (or after) the prompt.
    for (const line of `${r.stdout}\n${r.stderr}`.split("\n")) expect(line.trimStart().startsWith("{"), line).toBe(false);
  });

  it.skipIf(spawnSync("script", ["--version"]).status !== 0)("ends on /quit in a real terminal, in Russian with --lang ru", async () => {
    const r = await chat(["/start", "/help", "#1", "/quit"], ["--lang", "ru"], true);
    expect(r.code).toBe(0);
    expect(r.afterQuit).toBeLessThan(5000);
    const out = r.stdout.replace(/\r/g, "");
    expect(out).toContain("Напишите вопрос, команду вроде /speakers");
    expect(out).toMatch(/Я отвечаю на вопросы о событии «/);
    expect(out).toContain("#1 Кто выступал на мероприятии?");
    expect(out).toContain("/speaker — Высказывания одного участника");
    expect(out).toContain("(Кнопки #1 нет: у последнего сообщения нет кнопок.)");
    expect(out).toContain("До свидания.");
  });

  it("refuses an unknown --lang with one clear line", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts", "--lang", "de"], {
      cwd: ROOT,
      env: { ...process.env, BOT_TOKEN: "", INDEX_DIR: index },
      encoding: "utf8",
      input: "",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('Error: --lang must be one of en, ru, not "de".');
  });
});
