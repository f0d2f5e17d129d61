import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { SEED_CORPUS, buildTemp } from "../helpers.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { BOT_INFO, TOKEN, privateMessage } from "../support/bot-harness.js";
import { SLOW_MS, STACK_TRACE, freePort, startMain, type MainProcess } from "../support/main-process.js";

const SECRET = "hook-s3cret_token";
const HOOK = "/tg/hook";

interface Reply {
  status: number;
  body: string;
}

/** One raw HTTP request; `body` may be sent only in part (`send` bytes of it). */
function raw(port: number, method: string, path: string, options: { headers?: Record<string, string | number>; body?: string | Buffer; send?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
      res.on("error", reject);
      // The rest of the body is no longer wanted.
      if (options.send !== undefined) req.destroy();
    });
    req.on("error", (err) => reject(err));
    if (options.body !== undefined) {
      const body = Buffer.from(options.body);
      req.write(options.send !== undefined ? body.subarray(0, options.send) : body);
      if (options.send === undefined) req.end();
    } else req.end();
  });
}

async function startWebhookBot(): Promise<{ main: MainProcess; emulator: BotApiEmulator; port: number }> {
  const emulator = await new BotApiEmulator({ botInfo: BOT_INFO }).start();
  const port = await freePort();
  const index = (await buildTemp(SEED_CORPUS)).indexDir;
  const main = startMain({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    INDEX_DIR: index,
    BOT_MODE: "webhook",
    WEBHOOK_URL: `https://bot.example.org${HOOK}`,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
  });
  await main.waitForOutput(/bot started/);
  return { main, emulator, port };
}

const post = (port: number, body: string | Buffer, extra: Record<string, string | number> = {}, send?: number) =>
  raw(port, "POST", HOOK, { headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET, ...extra }, body, send });

async function expectAnswering(bot: WebhookBot, chatId: number): Promise<void> {
  const before = bot.emulator.sent().length;
  const update = JSON.stringify({ update_id: 900_000 + chatId, ...privateMessage(chatId, "Who is Grachev?") });
  expect((await post(bot.port, update)).status).toBe(200);
  await bot.emulator.waitFor(() => bot.emulator.sent().length === before + 1, 30_000);
  expect(String(bot.emulator.sent().at(-1)!.payload.text)).toMatch(/^Vladimir Grachev/);
  expect(bot.main.alive()).toBe(true);
}

type WebhookBot = Awaited<ReturnType<typeof startWebhookBot>>;

/** One `npm start` in webhook mode for the tests of a describe block. */
function webhookBotForBlock(): { bot: WebhookBot } {
  const holder = {} as { bot: WebhookBot };
  beforeAll(async () => {
    holder.bot = await startWebhookBot();
  }, 2 * SLOW_MS);
  afterAll(async () => {
    await holder.bot.main.stop();
    await holder.bot.emulator.stop();
  });
  return holder;
}

describe("4. odd request paths", { timeout: 120_000 }, () => {
  const running = webhookBotForBlock();

  it("GET // and other odd paths get an answer, and the bot stays up", async () => {
    const { bot } = running;
    for (const [method, path] of [
      ["GET", "//"],
      ["GET", "//evil.example/x"],
      ["POST", "//"],
      ["GET", "/%"],
      ["GET", "/healthz/../.."],
      ["OPTIONS", "*"],
    ]) {
      const r = await raw(bot.port, method, path);
      expect([400, 404], `${method} ${path}`).toContain(r.status);
      expect(bot.main.alive()).toBe(true);
    }
    expect((await raw(bot.port, "GET", "/healthz")).status).toBe(200);
    await expectAnswering(bot, 41);
    expect(bot.main.output()).not.toMatch(STACK_TRACE);
  });
});

describe("10. webhook bodies", { timeout: 120_000 }, () => {
  const running = webhookBotForBlock();

  it("a 5 MB body gets 413 before it has been sent in full", async () => {
    const { bot } = running;
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const r = await post(bot.port, big, { "content-length": big.length }, 64 * 1024);
    expect(r.status).toBe(413);
    await expectAnswering(bot, 42);
  });

  it("a body over the limit without a length (chunked) gets 413 too", async () => {
    const { bot } = running;
    const big = Buffer.alloc(2 * 1024 * 1024, 0x20);
    const r = await post(bot.port, big, { "transfer-encoding": "chunked" });
    expect(r.status).toBe(413);
    await expectAnswering(bot, 43);
  });

  it("a malformed JSON body gets 400 and a warning in the log", async () => {
    const { bot } = running;
    const r = await post(bot.port, '{"update_id": 5, "message": ');
    expect(r.status).toBe(400);
    await bot.main.waitForOutput(/"level":40[^\n]*(malformed|not valid JSON)/i, 15_000);
    expect(bot.main.output()).not.toMatch(STACK_TRACE);
    await expectAnswering(bot, 44);
  });

  it("the same update_id posted twice is answered once", async () => {
    const { bot } = running;
    const update = JSON.stringify({ update_id: 777, ...privateMessage(45, "Who is Petrov?") });
    expect((await post(bot.port, update)).status).toBe(200);
    expect((await post(bot.port, update)).status).toBe(200);
    const [a, b] = await Promise.all([post(bot.port, update), post(bot.port, update)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await expectAnswering(bot, 46);
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.emulator.sent().filter((c) => c.payload.chat_id === 45)).toHaveLength(1);
  });
});
