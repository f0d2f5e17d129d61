import { afterEach, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { Update } from "grammy/types";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { openStore } from "../../src/store/open-store.js";
import { ROOT, SEED_CORPUS, buildTemp, runScript, tempDir } from "../helpers.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { BOT_INFO, TOKEN, groupMessage, privateMessage, startHarness, textsTo } from "../support/bot-harness.js";
import { SLOW_MS, freePort, startMain, type MainProcess } from "../support/main-process.js";
import { PG_URL, freshDatabase } from "../support/postgres.js";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
});

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe("the bot keeps each chat's conversation", () => {
  it("answers follow-ups in a private chat and in a group, each chat on its own", async () => {
    const store = await openStore({ sqliteFile: ":memory:" });
    const h = await startHarness(kb, { deps: { store } });
    cleanup.push(async () => {
      await h.stop();
      await store.close();
    });
    h.emulator.push(privateMessage(71, "What did Petrov say?"));
    await h.emulator.waitFor(() => textsTo(h, 71).length >= 1);
    h.emulator.push(groupMessage(-7100, 72, `@${BOT_INFO.username} who is Darya Chizhova?`));
    await h.emulator.waitFor(() => textsTo(h, -7100).length >= 1);
    h.emulator.push(privateMessage(71, "who did he agree with?"));
    h.emulator.push(groupMessage(-7100, 73, `@${BOT_INFO.username} what did she say?`));
    await h.emulator.waitFor(() => textsTo(h, 71).length >= 2 && textsTo(h, -7100).length >= 2);
    // "he" in the private chat is Petrov; "she" in the group (asked by another member) is Chizhova.
    expect(textsTo(h, 71)[1]).toMatch(/^Kirill Petrov agreed with Darya Chizhova/);
    expect(textsTo(h, -7100)[1]).toMatch(/Darya Chizhova/);
    expect(textsTo(h, -7100)[1]).not.toMatch(/Kirill Petrov/);
  });

  it("keeps the conversation across a restart", async () => {
    const file = path.join(await tempDir("qa-conv-"), "bot.sqlite");
    let store = await openStore({ sqliteFile: file });
    let h = await startHarness(kb, { deps: { store } });
    h.emulator.push(privateMessage(81, "What did Perminova say?"));
    await h.emulator.waitFor(() => textsTo(h, 81).length >= 1);
    await h.stop();
    await store.close();

    store = await openStore({ sqliteFile: file });
    h = await startHarness(kb, { deps: { store }, emulator: { firstUpdateId: 100 } });
    cleanup.push(async () => {
      await h.stop();
      await store.close();
    });
    h.emulator.push(privateMessage(81, "what else did she say?"));
    await h.emulator.waitFor(() => textsTo(h, 81).length >= 1);
    expect(textsTo(h, 81)[0]).toMatch(/Alexandra Perminova|That is all the article reports from Alexandra Perminova/);
    expect(textsTo(h, 81)[0]).not.toMatch(/Whom do you mean/);
  });
});

describe("two bot processes on one PostgreSQL", () => {
  it.skipIf(!PG_URL)("keep one conversation coherent when fed alternately", async () => {
    const emulator = await new BotApiEmulator({ botInfo: BOT_INFO }).start();
    cleanup.push(() => emulator.stop());
    const index = path.join(await tempDir("qa-two-"), "index");
    expect(runScript("ingest.ts", ["--index", index, "--corpus", path.join(ROOT, "corpus")]).status).toBe(0);
    const databaseUrl = await freshDatabase();
    const ports = [await freePort(), await freePort()];
    const mains: MainProcess[] = ports.map((port) =>
      startMain({
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        BOT_MODE: "webhook",
        WEBHOOK_URL: "https://bot.example.org/hook",
        WEBHOOK_SECRET: "s3cret",
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        INDEX_DIR: index,
        CORPUS_DIR: path.join(ROOT, "corpus"),
      }),
    );
    cleanup.push(() => Promise.all(mains.map((m) => m.stop())));
    for (const m of mains) await m.waitForOutput(/bot started/, SLOW_MS);

    let updateId = 9000;
    const post = (i: number, text: string) =>
      fetch(`http://127.0.0.1:${ports[i]}/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret" },
        body: JSON.stringify({ update_id: ++updateId, ...privateMessage(91, text) } as Update),
      }).then((r) => r.status);
    const answers = () => emulator.sent().filter((c) => c.payload.chat_id === 91).map((c) => String(c.payload.text));
    const turns = ["What did Tkachev say?", "what else did he say?", "and Baidildina?", "who did she agree with?"];
    for (const [i, q] of turns.entries()) {
      expect(await post(i % 2, q)).toBe(200);
      await emulator.waitFor(() => answers().length >= i + 1, SLOW_MS);
    }
    const [first, more, other, agreed] = answers();
    expect(first).toMatch(/Anton Tkachev/);
    // Asked of the other process: it knows who "he" is, and does not repeat what the first one showed.
    expect(more).toMatch(/Anton Tkachev/);
    expect(more).not.toMatch(/Whom do you mean/);
    expect(other).toMatch(/Kamila Baidildina/);
    expect(agreed).toMatch(/Kamila Baidildina supported Anton Tkachev/);
  }, 180_000);
});
