import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server, type Socket } from "node:net";
import { SEED_CORPUS, buildTemp } from "../helpers.js";
import { BotApiEmulator, faults, type EmulatorOptions } from "../support/bot-api-emulator.js";
import { BOT_INFO, TOKEN, privateMessage } from "../support/bot-harness.js";
import { SLOW_MS, STACK_TRACE, exitWithin, freePort, startMain, type MainProcess } from "../support/main-process.js";

let index: string;
beforeAll(async () => {
  index = (await buildTemp(SEED_CORPUS)).indexDir;
});

const running: { main?: MainProcess; emulator?: BotApiEmulator; server?: Server; sockets?: Socket[] }[] = [];
afterEach(async () => {
  const all = running.splice(0);
  // The bots first: a server waits for their connections to close.
  for (const r of all) await r.main?.stop();
  for (const r of all) {
    await r.emulator?.stop();
    r.sockets?.forEach((s) => s.destroy());
    if (r.server) await new Promise<void>((resolve) => r.server!.close(() => resolve()));
  }
});

/** Waits for the bot to start connecting, then for `pattern`; returns the seconds in between. */
async function secondsFromConnecting(main: MainProcess, pattern: RegExp, ms: number): Promise<number> {
  await main.waitForOutput(/Connecting to the Bot API/);
  const started = Date.now();
  await main.waitForOutput(pattern, ms);
  return (Date.now() - started) / 1000;
}

async function botWith(fault: EmulatorOptions["fault"]): Promise<{ main: MainProcess; emulator: BotApiEmulator }> {
  const emulator = await new BotApiEmulator({ botInfo: BOT_INFO, fault }).start();
  const main = startMain({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot, INDEX_DIR: index });
  running.push({ main, emulator });
  return { main, emulator };
}

function expectCleanOutput(out: string): void {
  expect(out).not.toMatch(STACK_TRACE);
  expect(out).not.toContain(TOKEN.split(":")[1]);
  expect(out).not.toMatch(/\[grammY runner\]|ERROR ERROR|UnhandledPromiseRejection/);
}

const lines = (out: string, pattern: RegExp) => out.split("\n").filter((l) => pattern.test(l));

describe("5. getUpdates answered 409 or 401 after start", { timeout: 180_000 }, () => {
  it("409 (a second instance): one line per retry with its wait, then it goes on answering", async () => {
    const conflict = faults.telegram(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    const { main, emulator } = await botWith((method, i) => (method === "getUpdates" && i < 2 ? conflict : undefined));
    await main.waitForOutput(/bot started/);
    emulator.push(privateMessage(31, "Who is Grachev?"));
    await emulator.waitFor(() => emulator.sent().length === 1, SLOW_MS);
    expect(main.alive()).toBe(true);
    const notes = lines(main.output(), /\(409 /);
    expect(notes).toHaveLength(2);
    for (const n of notes) expect(n).toMatch(/another (instance|process).*retrying in \d+(\.\d+)? s/i);
    expectCleanOutput(main.output());
    expect(await main.stop()).toBe(0);
  });

  it("401 (token revoked) after start: one line that says what to do, and a non-zero exit", async () => {
    const { main } = await botWith((method) => (method === "getUpdates" ? faults.telegram(401, "Unauthorized") : undefined));
    const code = await exitWithin(main);
    expect(code).not.toBe("still running");
    expect(code).not.toBe(0);
    expect(lines(main.output(), /@BotFather/)).toHaveLength(1);
    expect(main.output()).toMatch(/token was rejected.*(revoked|wrong).*@BotFather/i);
    expectCleanOutput(main.output());
  });

  it("401 at start (getMe): the same line and a non-zero exit", async () => {
    const { main } = await botWith((method) => (method === "getMe" ? faults.telegram(401, "Unauthorized") : undefined));
    const code = await exitWithin(main);
    expect(code).not.toBe("still running");
    expect(code).not.toBe(0);
    expect(main.output()).toMatch(/token was rejected.*@BotFather/i);
    expectCleanOutput(main.output());
  });
});

describe("6. a Bot API that cannot be reached", { timeout: 180_000 }, () => {
  it("a closed port: a line naming the API root within seconds, then retries that keep logging", async () => {
    const root = `http://127.0.0.1:${await freePort()}`;
    const main = startMain({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: root, INDEX_DIR: index });
    running.push({ main });
    expect(await secondsFromConnecting(main, new RegExp(`${root.replace(/[.]/g, "\\.")}.*retrying in`), 15_000)).toBeLessThan(5);
    await main.waitForOutput(/(retrying in[^\n]*\n[^\n]*){3}/, 20_000);
    expect(main.alive()).toBe(true);
    expect(lines(main.output(), /cannot reach/i).every((l) => l.includes(root))).toBe(true);
    expectCleanOutput(main.output());
    expect(await main.stop()).toBe(0);
  });

  it("a server that accepts and never answers: a line naming the API root within seconds", async () => {
    const sockets: Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    running.push({ server, sockets });
    const root = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const main = startMain({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: root, INDEX_DIR: index });
    running.push({ main });
    const seconds = await secondsFromConnecting(main, new RegExp(`${root.replace(/[.]/g, "\\.")}.*no answer within 5 s.*retrying in`, "i"), 20_000);
    expect(seconds).toBeLessThan(10);
    expect(main.alive()).toBe(true);
    expectCleanOutput(main.output());
    expect(await main.stop()).toBe(0);
  });

  it("a reset, a 502 page, HTML and a Telegram 502: each logged with the root, then the bot starts and answers", async () => {
    const getMe = [faults.reset, faults.html(502), faults.html(200)];
    const { main, emulator } = await botWith((method, i) =>
      method === "getMe" ? getMe[i] : method === "deleteWebhook" && i === 0 ? faults.telegram(502, "Bad Gateway") : method === "getUpdates" && i === 0 ? faults.reset : undefined,
    );
    await main.waitForOutput(/bot started/);
    emulator.push(privateMessage(32, "Who is Grachev?"));
    await emulator.waitFor(() => emulator.sent().length === 1, SLOW_MS);
    const notes = lines(main.output(), /retrying in/);
    expect(notes.length).toBeGreaterThanOrEqual(5);
    for (const n of notes) expect(n).toContain(emulator.apiRoot);
    expect(main.alive()).toBe(true);
    expectCleanOutput(main.output());
  });

  it("an answer that cannot be delivered is given up after a few retries and logged; the bot goes on", async () => {
    const { main, emulator } = await botWith((method, i) => (method === "sendMessage" && i < 20 && i !== 1 ? faults.reset : undefined));
    await main.waitForOutput(/bot started/);
    // The first send fails once and then goes through on its retry.
    emulator.push(privateMessage(33, "Who is Grachev?"));
    await emulator.waitFor(() => emulator.sent().length === 1, SLOW_MS);
    // The second never goes through: given up, with a log line, in bounded time.
    emulator.push(privateMessage(34, "Who is Petrov?"));
    await main.waitForOutput(/(could not|failed to) (deliver|send)/i, SLOW_MS);
    expect(emulator.calls.filter((c) => c.method === "sendMessage").length).toBeLessThan(10);
    expect(main.alive()).toBe(true);
    expectCleanOutput(main.output());
  });

  it.each(["ftp://127.0.0.1/", "file:///etc/passwd"])("TELEGRAM_API_ROOT=%s is a configuration error, not a hang", async (root) => {
    const main = startMain({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: root, INDEX_DIR: index });
    running.push({ main });
    const code = await exitWithin(main);
    expect(code).toBe(1);
    expect(main.output().trim()).toMatch(/^Error: Invalid configuration: TELEGRAM_API_ROOT must be an http\(s\) URL/);
    expectCleanOutput(main.output());
  });
});
