import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import pino from "pino";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { SEED_CORPUS, buildTemp, runScript } from "../helpers.js";
import { BOT_INFO, groupMessage, privateMessage, startHarness, textsTo, type Harness } from "../support/bot-harness.js";

let kb: KnowledgeBase;
let indexDir: string;
beforeAll(async () => {
  ({ kb, indexDir } = await buildTemp(SEED_CORPUS));
});

/** A pino logger whose lines the test can read. */
function captureLogger() {
  const entries: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) entries.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), entries };
}

const settle = () => new Promise((r) => setTimeout(r, 400));

describe("8 and 9. text the bot used to ignore or misread", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kb);
  });
  afterAll(() => h.stop());

  it("a lone / gets a pointer to /help", async () => {
    h.emulator.push(privateMessage(501, "/"));
    await h.emulator.waitFor(() => textsTo(h, 501).length >= 1);
    await settle();
    expect(textsTo(h, 501)).toHaveLength(1);
    expect(textsTo(h, 501)[0]).toMatch(/Send \/help to see what I can do/);
  });

  it("'/ question' is answered as the question", async () => {
    h.emulator.push(privateMessage(502, "/ Who is Grachev?"));
    await h.emulator.waitFor(() => textsTo(h, 502).length >= 1);
    await settle();
    expect(textsTo(h, 502)).toHaveLength(1);
    expect(textsTo(h, 502)[0]).toMatch(/^Vladimir Grachev is introduced/);
  });

  it("a command in another script is named back, with a pointer to /help", async () => {
    h.emulator.push(privateMessage(503, "/привет"));
    h.emulator.push(privateMessage(504, "/ähm@" + BOT_INFO.username));
    await h.emulator.waitFor(() => textsTo(h, 503).length >= 1 && textsTo(h, 504).length >= 1);
    await settle();
    // Written in Cyrillic, so answered in Russian.
    expect(textsTo(h, 503)).toEqual(["Я не знаю команды /привет. Отправьте /help, чтобы увидеть, что я умею."]);
    expect(textsTo(h, 504)).toEqual(["I don't know the command /ähm. Send /help to see what I can do."]);
  });

  it("in a group, stray commands stay quiet as before", async () => {
    h.emulator.push(groupMessage(-5050, 7, "/привет"));
    h.emulator.push(groupMessage(-5050, 7, "/"));
    h.emulator.push(groupMessage(-5050, 7, `/ask@${BOT_INFO.username} Who is Grachev?`));
    await h.emulator.waitFor(() => textsTo(h, -5050).length >= 1);
    await settle();
    expect(textsTo(h, -5050)).toHaveLength(1);
  });

  it("zero-width and other format characters inside words do not split them", async () => {
    const questions = ["Who is Gra\u200cchev?", "Who is Gra\u200bchev?", "\u200eWho\u2060 is Gra\u00adchev\u200f?", "\ufeffWho is Grachev\u200d?"];
    questions.forEach((q, i) => h.emulator.push(privateMessage(510 + i, q)));
    h.emulator.push(groupMessage(-5100, 7, `@${BOT_INFO.username} who is Gra\u200cchev?`));
    await h.emulator.waitFor(() => questions.every((_, i) => textsTo(h, 510 + i).length >= 1) && textsTo(h, -5100).length >= 1);
    for (const [i] of questions.entries()) expect(textsTo(h, 510 + i)[0]).toMatch(/^Vladimir Grachev is introduced/);
    expect(textsTo(h, -5100)[0]).toMatch(/^Vladimir Grachev is introduced/);
  });

  it("commands with a format character still work", async () => {
    // Telegram marks the command after the invisible character: offset 1.
    const update = privateMessage(520, "\u200b/ask Who is Gra\u200cchev?");
    (update.message as { entities?: unknown }).entities = [{ type: "bot_command", offset: 1, length: 4 }];
    h.emulator.push(update);
    await h.emulator.waitFor(() => textsTo(h, 520).length >= 1);
    expect(textsTo(h, 520)[0]).toMatch(/^Vladimir Grachev is introduced/);
  });

  it("the CLI reads them the same way", { timeout: 120_000 }, () => {
    const r = runScript("ask.ts", ["--json", "--index", indexDir, "Who is Gra\u200cchev?"]);
    const o = JSON.parse(r.stdout);
    expect(o.answerable).toBe(true);
    expect(o.answer).toMatch(/^Vladimir Grachev is introduced/);
    const lines = runScript("ask.ts", ["--json", "--index", indexDir], "Who is Gra\u200bchev?\nWhat did Pe\u2060trov say?\n")
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.answerable)).toEqual([true, true]);
  });
});

describe("11. the allow-list refusal", () => {
  it("is sent once per window to a user who keeps writing", async () => {
    const h = await startHarness(kb, { deps: { allowedChatIds: [77], rateLimit: { messages: 50, windowMs: 60_000 } } });
    try {
      for (let i = 0; i < 5; i++) h.emulator.push(privateMessage(78, `Who is Petrov? ${i}`));
      h.emulator.push(privateMessage(79, "Who is Petrov?"));
      await h.emulator.waitFor(() => textsTo(h, 78).length >= 1 && textsTo(h, 79).length >= 1);
      await settle();
      expect(textsTo(h, 78)).toEqual(["Sorry, this bot is only available in certain chats."]);
      expect(textsTo(h, 79)).toEqual(["Sorry, this bot is only available in certain chats."]);
    } finally {
      await h.stop();
    }
  });
});

describe("12. a forged callback on an inline message (no chat)", () => {
  it("is answered exactly once, sends nothing and logs no error", async () => {
    const { logger, entries } = captureLogger();
    const h = await startHarness(kb, { deps: { logger } });
    try {
      const version = kb.manifest.corpusHash.slice(0, 6);
      const datas = ["ex:0", `sp:0:${version}`, "sp:99:zzzzzz", "garbage", ""];
      datas.forEach((data, i) =>
        h.emulator.push({
          callback_query: { id: `forged-${i}`, from: { id: 600, is_bot: false, first_name: "F" }, chat_instance: "ci", inline_message_id: `inl-${i}`, data },
        }),
      );
      const answers = () => h.emulator.calls.filter((c) => c.method === "answerCallbackQuery");
      await h.emulator.waitFor(() => answers().length >= datas.length);
      await settle();
      expect(answers().map((c) => c.payload.callback_query_id).sort()).toEqual(datas.map((_, i) => `forged-${i}`).sort());
      expect(h.emulator.sent()).toEqual([]);
      expect(entries.filter((e) => e.level >= 50)).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});

describe("13. the memory of who was warned", () => {
  it("forgets entries after their window and never holds more than its capacity", async () => {
    const { OncePerWindow } = await import("../../src/bot/once-per-window.js");
    const notes = new OncePerWindow(1000, 100);
    expect(notes.allow(1, 0)).toBe(true);
    expect(notes.allow(1, 500)).toBe(false);
    expect(notes.allow(1, 1001)).toBe(true);
    for (let i = 0; i < 10_000; i++) notes.allow(i, 2000);
    expect(notes.size).toBeLessThanOrEqual(100);
    expect(notes.allow(9_999, 2500)).toBe(false);
    notes.allow("someone else", 5000);
    expect(notes.size).toBe(1);
  });

  it("the bot warns a flooding user once per window, and again in the next window", async () => {
    const h = await startHarness(kb, { deps: { rateLimit: { messages: 1, windowMs: 1500 } } });
    try {
      const flood = () => [0, 1, 2].forEach(() => h.emulator.push(privateMessage(700, "Who is Petrov?")));
      flood();
      await h.emulator.waitFor(() => textsTo(h, 700).length >= 2);
      await new Promise((r) => setTimeout(r, 1800));
      flood();
      await h.emulator.waitFor(() => textsTo(h, 700).length >= 4);
      await settle();
      expect(textsTo(h, 700).filter((t) => /faster than I can answer/.test(t))).toHaveLength(2);
    } finally {
      await h.stop();
    }
  });
});
