import { beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ROOT, SEED_CORPUS, buildTemp, tempDir } from "../helpers.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { BOT_INFO, TOKEN, privateMessage } from "../support/bot-harness.js";
import { PG_URL, freshDatabase } from "../support/postgres.js";

/** Two users ask three questions each; one chat's answers go out one after another. */
const QUESTIONS: [number, string, RegExp][] = [
  [701, "Who agreed with Chizhova?", /^Kirill Petrov agreed/],
  [702, "Who is Grachev?", /^Vladimir Grachev is introduced/],
  [701, "What did Perminova say about Auyl?", /^Alexandra Perminova noted/],
  [702, "Who supported Tkachev?", /^Kamila Baidildina supported/],
  [701, "What was the voter turnout?", /^<b>Not in the article/],
  [702, "Who is Petrov?", /^Kirill Petrov is introduced/],
];

let indexDir: string;
beforeAll(async () => {
  indexDir = (await buildTemp(SEED_CORPUS)).indexDir;
});

function startBot(env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<number | null>; logs: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let logs = "";
  child.stderr!.on("data", (d) => (logs += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, logs: () => logs };
}

const ENGINES = [
  { name: "sqlite", databaseUrl: async () => "" },
  { name: "postgres", databaseUrl: () => freshDatabase() },
];

describe.each(ENGINES)("a SIGKILL with questions in flight, on $name", ({ name, databaseUrl }) => {
  it.skipIf(name === "postgres" && !PG_URL)("answers all six exactly once after a restart", { timeout: 120_000 }, async () => {
    // Each answer takes 600 ms to reach Telegram: the kill finds some on the wire.
    const emulator = await new BotApiEmulator({ botInfo: BOT_INFO, sendDelayMs: 600, failing: ["setMyCommands"] }).start();
    const env = {
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      CORPUS_DIR: SEED_CORPUS,
      INDEX_DIR: indexDir,
      DATA_DIR: await tempDir("qa-kill-"),
      DATABASE_URL: await databaseUrl(),
      LOG_LEVEL: "info",
    };
    const first = startBot(env);
    let second: ReturnType<typeof startBot> | undefined;
    try {
      await emulator.waitFor((calls) => calls.some((c) => c.method === "setMyCommands"), 60_000);
      for (const [chat, q] of QUESTIONS) emulator.push(privateMessage(chat, q));
      // Some answered, others on their way to Telegram. The pause lets the bot record the answers
      // that just arrived: a kill between Telegram's reply and that record is the window the
      // journal cannot close (README), and not what this test is about.
      await emulator.waitFor(() => emulator.sent().length >= 2 && emulator.inFlight > 0, 20_000);
      await new Promise((r) => setTimeout(r, 150));
      expect(emulator.inFlight).toBeGreaterThan(0);
      first.child.kill("SIGKILL");
      await first.exited;
      const before = emulator.sent().length;

      second = startBot(env);
      await emulator.waitFor(() => emulator.sent().length >= QUESTIONS.length, 60_000);
      // Time for a duplicate, if there were one, to arrive.
      await new Promise((r) => setTimeout(r, 1500));
      const sent = emulator.sent();
      const answers = (chat: number) => sent.filter((c) => c.payload.chat_id === chat).map((c) => String(c.payload.text));
      const duplicates = sent.length - QUESTIONS.length;
      const cutOff = emulator.calls.filter((c) => c.method === "sendMessage" && c.status === 499).length;
      console.log(
        `kill test on ${name}: ${before} answered before SIGKILL, ${sent.length - before} after the restart, ${duplicates} duplicates, ${cutOff} sends cut off by the kill`,
      );
      expect(before).toBeLessThan(QUESTIONS.length);
      expect(duplicates).toBe(0);
      for (const chat of [701, 702]) {
        const expected = QUESTIONS.filter(([c]) => c === chat).map(([, , re]) => re);
        const got = answers(chat);
        expect(got).toHaveLength(expected.length);
        got.forEach((text, i) => expect(text).toMatch(expected[i]));
      }
      expect(second.logs()).toContain("answering updates a previous run left unfinished");
    } finally {
      first.child.kill("SIGKILL");
      second?.child.kill("SIGKILL");
      await Promise.all([first.exited, second?.exited]);
      await emulator.stop();
    }
  });
});
