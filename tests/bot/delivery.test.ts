import { beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import path from "node:path";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { createBot } from "../../src/bot/create-bot.js";
import { startWebhook } from "../../src/bot/run-webhook.js";
import { EventQa } from "../../src/core/event-qa.js";
import { createLogger } from "../../src/logger.js";
import { ROOT, SEED_CORPUS, buildTemp, tempDir } from "../helpers.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { BOT_INFO, TOKEN, memoryStore, privateMessage, startHarness, textsTo } from "../support/bot-harness.js";
import { runLoad } from "../support/load.js";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
});

describe("delivery under flood control", () => {
  it("delays an answer after a 429 and never loses or repeats it", async () => {
    const h = await startHarness(kb, { emulator: { floodControl: (i) => i === 0, retryAfterSeconds: 1 } });
    try {
      h.emulator.push(privateMessage(1, "Who is Petrov?"));
      await h.emulator.waitFor(() => h.emulator.sent().length === 1);
      const attempts = h.emulator.calls.filter((c) => c.method === "sendMessage");
      expect(attempts.map((c) => c.status)).toEqual([429, 200]);
      expect(textsTo(h, 1)).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it("answers 100 questions from 20 users exactly once each, in order, while 1 in 10 sends gets a 429", async () => {
    const r = await runLoad(kb, 20, 5, 10);
    expect(r.floodReplies).toBeGreaterThanOrEqual(9);
    expect(r.sendAttempts).toBe(100 + r.floodReplies);
    expect(r.exactlyOnceInOrder).toBe(true);
  });
});

describe("limits and access", () => {
  it("rate-limits a flooding user with one polite message", async () => {
    const h = await startHarness(kb, { deps: { rateLimit: { messages: 3, windowMs: 60_000 } } });
    try {
      for (let i = 0; i < 6; i++) h.emulator.push(privateMessage(9, "Who is Petrov?"));
      await h.emulator.waitFor(() => textsTo(h, 9).length >= 4);
      await new Promise((r) => setTimeout(r, 300));
      const texts = textsTo(h, 9);
      expect(texts.filter((t) => t.startsWith("Kirill Petrov"))).toHaveLength(3);
      expect(texts.filter((t) => /faster than I can answer/.test(t))).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it("refuses chats outside ALLOWED_CHAT_IDS politely", async () => {
    const h = await startHarness(kb, { deps: { allowedChatIds: [77] } });
    try {
      h.emulator.push(privateMessage(78, "Who is Petrov?"));
      h.emulator.push(privateMessage(77, "Who is Petrov?"));
      await h.emulator.waitFor(() => textsTo(h, 78).length >= 1 && textsTo(h, 77).length >= 1);
      expect(textsTo(h, 78)).toEqual(["Sorry, this bot is only available in certain chats."]);
      expect(textsTo(h, 77)[0]).toMatch(/^Kirill Petrov/);
    } finally {
      await h.stop();
    }
  });
});

describe("shutdown", () => {
  it("finishes an answer in flight before polling stops", async () => {
    const h = await startHarness(kb, { emulator: { sendDelayMs: 400 } });
    h.emulator.push(privateMessage(3, "Who is Petrov?"));
    await h.emulator.waitFor((calls) => calls.some((c) => c.method === "sendChatAction"));
    const started = Date.now();
    await h.stop();
    expect(textsTo(h, 3)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("npm start answers through TELEGRAM_API_ROOT, keeps the token out of its logs, and exits on SIGTERM", async () => {
    const emulator = await new BotApiEmulator({ botInfo: BOT_INFO, failing: ["setMyCommands"] }).start();
    const index = path.join(await tempDir(), "index");
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot, INDEX_DIR: index, DATA_DIR: path.dirname(index), LOG_LEVEL: "debug" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let logs = "";
    child.stdout.on("data", (d) => (logs += d));
    child.stderr.on("data", (d) => (logs += d));
    try {
      await emulator.waitFor((calls) => calls.some((c) => c.method === "setMyCommands"), 30_000);
      emulator.push(privateMessage(11, "Who agreed with Chizhova?"));
      await emulator.waitFor(() => emulator.sent().length === 1, 10_000);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const started = Date.now();
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(logs).toContain("bot started");
      expect(logs).not.toContain(TOKEN);
      expect(logs).not.toContain(TOKEN.split(":")[1]);
    } finally {
      child.kill("SIGKILL");
      await emulator.stop();
    }
  });
});

describe("webhook mode", () => {
  it("checks the secret token (401 otherwise), answers updates and serves /healthz", async () => {
    const emulator = await new BotApiEmulator({ botInfo: BOT_INFO }).start();
    const store = await memoryStore();
    const bot = createBot(TOKEN, { qa: new EventQa(kb), logger: createLogger("silent"), store }, { apiRoot: emulator.apiRoot });
    const secret = "s3cret-token_1";
    const hook = await startWebhook(bot, {
      url: "https://bot.example.org/tg/hook",
      secret,
      port: 0,
      host: "127.0.0.1",
      apiRoot: emulator.apiRoot,
      logger: createLogger("silent"),
    });
    const port = (hook.server.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;
    try {
      expect(emulator.calls.find((c) => c.method === "setWebhook")?.payload).toMatchObject({ url: "https://bot.example.org/tg/hook", secret_token: secret });
      const update = JSON.stringify({ update_id: 1, ...privateMessage(21, "Who is Grachev?") });
      const post = (token?: string) =>
        fetch(`${base}/tg/hook`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { "X-Telegram-Bot-Api-Secret-Token": token } : {}) },
          body: update,
        });
      expect((await post("wrong")).status).toBe(401);
      expect((await post()).status).toBe(401);
      expect((await post(secret)).status).toBe(200);
      expect(emulator.sent().map((c) => String(c.payload.text))[0]).toMatch(/^Vladimir Grachev/);
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, bot: BOT_INFO.username });
    } finally {
      await hook.stop();
      await emulator.stop();
      await store.close();
    }
  });
});
