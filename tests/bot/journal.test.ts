import { afterEach, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { Update } from "grammy/types";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { EventQa } from "../../src/core/event-qa.js";
import { createBot } from "../../src/bot/create-bot.js";
import { startWebhook } from "../../src/bot/run-webhook.js";
import { RESTART_APOLOGY, chatOfUpdate } from "../../src/bot/journal.js";
import { createLogger } from "../../src/logger.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { SEED_CORPUS, buildTemp, tempDir } from "../helpers.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { BOT_INFO, TOKEN, groupMessage, memoryStore, privateMessage, startHarness, textsTo } from "../support/bot-harness.js";
import { PG_URL, freshDatabase } from "../support/postgres.js";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
});

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** An update a previous run journaled and did not finish. */
const leftover = (updateId: number, u: Omit<Update, "update_id">) => {
  const update = { ...u, update_id: updateId } as Update;
  return { updateId, chatId: chatOfUpdate(update), payload: JSON.stringify(update) };
};

describe("after a crash (polling)", () => {
  it("answers the previous run's unfinished updates once, in order per chat, before new ones; sent replies are not repeated", async () => {
    const store = await memoryStore();
    cleanup.push(() => store.close());
    // The dead run's lease still has a second to go: the new run waits for it.
    await store.journal.admit(
      [
        leftover(101, privateMessage(1, "Who is Grachev?")),
        leftover(102, privateMessage(2, "Who is Petrov?")),
        leftover(103, privateMessage(1, "Who supported Tkachev?")),
        leftover(104, privateMessage(3, "Who agreed with Chizhova?")),
      ],
      "dead",
      Date.now() + 1000,
    );
    // 104's answer reached Telegram before the crash.
    await store.journal.recordCall(104, 0, "sendMessage", { message_id: 9, date: 0, chat: { id: 3, type: "private" }, text: "Kirill Petrov agreed…" });

    const h = await startHarness(kb, { deps: { store } });
    cleanup.push(() => h.stop());
    h.emulator.push(privateMessage(1, "Who agreed with Chizhova?"));
    await h.emulator.waitFor(() => textsTo(h, 1).length >= 3 && textsTo(h, 2).length >= 1);
    await new Promise((r) => setTimeout(r, 300));

    expect(textsTo(h, 1)).toHaveLength(3);
    expect(textsTo(h, 1)[0]).toMatch(/^Vladimir Grachev is introduced/);
    expect(textsTo(h, 1)[1]).toMatch(/^Kamila Baidildina supported/);
    expect(textsTo(h, 1)[2]).toMatch(/^Kirill Petrov agreed/);
    expect(textsTo(h, 2)).toHaveLength(1);
    expect(textsTo(h, 3)).toEqual([]);
    for (const id of [101, 102, 103, 104]) expect(await store.journal.get(id)).toMatchObject({ status: "done", payload: null });
  });

  it("apologises instead of answering what is older than the journal's maximum age, and still carries out the rest", async () => {
    let now = Date.UTC(2024, 2, 19, 12);
    const store = await openStore({ sqliteFile: ":memory:", now: () => now });
    cleanup.push(() => store.close());
    const g = -100_500;
    const gone = -100_600;
    await store.addGroupMessage({ chatId: gone, messageId: 1, threadId: null, userId: 5, firstName: "Ann", text: "kept", date: now / 1000 });
    const ask = groupMessage(g, 7, "/ask who spoke?", { is_topic_message: true, message_thread_id: 77 });
    const member = (status: string) => ({ user: BOT_INFO, status }) as never;
    await store.journal.admit(
      [
        leftover(201, privateMessage(11, "Who is Grachev?")),
        leftover(202, ask),
        leftover(203, groupMessage(g, 8, "I think the turnout was low")),
        leftover(204, {
          my_chat_member: { chat: { id: gone, type: "supergroup", title: "G" }, from: { id: 5, is_bot: false, first_name: "A" }, date: 0, old_chat_member: member("member"), new_chat_member: member("left") },
        }),
      ],
      "dead",
      now + 8000,
    );
    now += 11 * 60_000;

    const h = await startHarness(kb, { deps: { store, journal: { maxAgeMs: 600_000, now: () => now } } });
    cleanup.push(() => h.stop());
    await h.emulator.waitFor(() => textsTo(h, 11).length >= 1 && textsTo(h, g).length >= 1);
    await new Promise((r) => setTimeout(r, 300));

    expect(textsTo(h, 11)).toEqual([RESTART_APOLOGY]);
    expect(textsTo(h, g)).toEqual([RESTART_APOLOGY]);
    const apology = h.emulator.sent().find((c) => c.payload.chat_id === g)!;
    expect(apology.payload.message_thread_id).toBe(77);
    expect(apology.payload.reply_parameters).toMatchObject({ message_id: ask.message!.message_id });
    expect(h.emulator.calls.filter((c) => c.method === "sendChatAction")).toEqual([]);
    // Chatter gets no apology, but is kept for recaps; the removal still deletes the group's data.
    expect((await store.recentGroupMessages(g, 0)).map((m) => m.text)).toEqual(["I think the turnout was low"]);
    expect(await store.recentGroupMessages(gone, 0)).toEqual([]);
  });

  it("does not handle again an update Telegram delivers a second time", async () => {
    const store = await memoryStore();
    cleanup.push(() => store.close());
    // Update 1 was answered, but the crash came before the runner confirmed it to Telegram.
    await store.journal.admit([leftover(1, privateMessage(21, "Who is Grachev?"))], "dead", 0);
    await store.journal.finish(1, "done");
    const h = await startHarness(kb, { deps: { store } });
    cleanup.push(() => h.stop());
    expect(h.emulator.push(privateMessage(21, "Who is Grachev?"))).toBe(1);
    h.emulator.push(privateMessage(21, "Who is Petrov?"));
    await h.emulator.waitFor(() => textsTo(h, 21).length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(textsTo(h, 21)).toHaveLength(1);
    expect(textsTo(h, 21)[0]).toMatch(/^Kirill Petrov is introduced/);
  });
});

const ENGINES = [
  { name: "sqlite", open: async () => ({ sqliteFile: path.join(await tempDir("qa-hook-"), "bot.sqlite") }) },
  { name: "postgres", open: async () => ({ databaseUrl: await freshDatabase() }) },
];

describe.each(ENGINES)("webhook instances sharing one $name database", ({ name, open }) => {
  const skip = name === "postgres" && !PG_URL;

  async function instance(where: { sqliteFile?: string; databaseUrl?: string }, emulator: BotApiEmulator, leaseMs?: number) {
    const store: Store = await openStore(where);
    const bot = createBot(TOKEN, { qa: new EventQa(kb), logger: createLogger("silent"), store, journal: leaseMs ? { leaseMs } : undefined }, { apiRoot: emulator.apiRoot });
    const hook = await startWebhook(bot, { url: "https://bot.example.org/hook", secret: "s3cret", port: 0, host: "127.0.0.1", apiRoot: emulator.apiRoot, logger: createLogger("silent") });
    cleanup.push(async () => {
      await hook.stop();
      await store.close();
    });
    const port = (hook.server.address() as { port: number }).port;
    const post = (update: Update) =>
      fetch(`http://127.0.0.1:${port}/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret" },
        body: JSON.stringify(update),
      }).then((r) => r.status);
    return { store, post };
  }

  it.skipIf(skip)("answers an update_id once, whether retried or delivered to both instances", async () => {
    const emulator = await new BotApiEmulator({ botInfo: BOT_INFO, sendDelayMs: 100 }).start();
    cleanup.push(() => emulator.stop());
    const where = await open();
    const a = await instance(where, emulator);
    const b = await instance(where, emulator);
    const update = { update_id: 5001, ...privateMessage(31, "Who is Grachev?") } as Update;
    expect(await Promise.all([a.post(update), b.post(update), a.post(update)])).toEqual([200, 200, 200]);
    expect(await b.post(update)).toBe(200);
    expect(await b.post({ update_id: 5002, ...privateMessage(31, "Who is Petrov?") } as Update)).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const texts = emulator.sent().map((c) => String(c.payload.text));
    expect(texts).toHaveLength(2);
    expect(texts.filter((t) => /^Vladimir Grachev/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /^Kirill Petrov/.test(t))).toHaveLength(1);
  });

  it.skipIf(skip)("takes over a dead instance's update once its lease runs out", async () => {
    const emulator = await new BotApiEmulator({ botInfo: BOT_INFO }).start();
    cleanup.push(() => emulator.stop());
    const where = await open();
    const seed = await openStore(where);
    await seed.journal.admit([leftover(6001, privateMessage(41, "Who is Grachev?"))], "dead-instance", Date.now() + 600);
    await seed.close();
    const started = Date.now();
    await instance(where, emulator, 400);
    await emulator.waitFor(() => emulator.sent().length >= 1, 5000);
    // Not before the lease ran out: the other instance might have been alive.
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(String(emulator.sent()[0].payload.text)).toMatch(/^Vladimir Grachev/);
  });
});
