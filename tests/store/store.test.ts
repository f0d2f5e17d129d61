import { afterEach, beforeEach, describe, expect, it } from "vitest";
import path from "node:path";
import { Bot, session, type Context, type SessionFlavor } from "grammy";
import { openStore } from "../../src/store/open-store.js";
import { contextStorage } from "../../src/store/context-storage.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import type { GroupMessage, Store } from "../../src/store/store.js";
import { tempDir } from "../helpers.js";
import { PG_URL, freshDatabase } from "../support/postgres.js";
import { BOT_INFO } from "../support/bot-harness.js";
import Database from "better-sqlite3";
import pg from "pg";

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2024, 2, 19, 12, 0, 0);

/** A database both engines can open twice, as two processes would. */
type Engine = { name: "sqlite" | "postgres"; location: () => Promise<{ databaseUrl?: string; sqliteFile?: string }> };
const ENGINES: Engine[] = [
  { name: "sqlite", location: async () => ({ sqliteFile: path.join(await tempDir("qa-store-"), "bot.sqlite") }) },
  { name: "postgres", location: async () => ({ databaseUrl: await freshDatabase() }) },
];

/** schema_migrations as the engine holds it, read past the store. */
async function appliedVersions(where: { databaseUrl?: string; sqliteFile?: string }): Promise<number[]> {
  if (where.sqliteFile) {
    const db = new Database(where.sqliteFile, { readonly: true });
    try {
      return (db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as { version: number }[]).map((r) => r.version);
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: where.databaseUrl });
  await c.connect();
  try {
    return (await c.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r) => r.version);
  } finally {
    await c.end();
  }
}

describe.each(ENGINES)("store on $name", ({ name, location }) => {
  const skip = name === "postgres" && !PG_URL;
  let now = START;
  let store: Store;
  let where: { databaseUrl?: string; sqliteFile?: string };
  const opened: Store[] = [];
  const open = async () => {
    const s = await openStore({ ...where, now: () => now });
    opened.push(s);
    return s;
  };
  const msg = (chatId: number, messageId: number, text: string, date = Math.floor(now / 1000), extra: Partial<GroupMessage> = {}): GroupMessage => ({
    chatId,
    messageId,
    threadId: null,
    userId: 7,
    firstName: "Ann",
    text,
    date,
    ...extra,
  });

  beforeEach(async () => {
    if (skip) return;
    now = START;
    where = await location();
    store = await open();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  describe.skipIf(skip)("schema", () => {
    it("runs each migration once, also when two processes open the database at the same moment", async () => {
      expect(store.engine).toBe(name);
      where = await location(); // a database nobody has opened yet
      const [a, b] = await Promise.all([open(), open()]);
      await a.setSetting(1, "k", "from a");
      expect(await b.getSetting(1, "k")).toBe("from a");
      await open();
      expect(await appliedVersions(where)).toEqual(MIGRATIONS.map((m) => m.version));
    });
  });

  describe.skipIf(skip)("conversation context", () => {
    it("reads back what was written, overwrites, deletes, and forgets it after its expiry", async () => {
      expect(await store.readContext("42")).toBeUndefined();
      await store.writeContext("42", { turns: ["Who spoke?"], speaker: null }, 60_000);
      expect(await store.readContext("42")).toEqual({ turns: ["Who spoke?"], speaker: null });
      await store.writeContext("42", { turns: ["Who spoke?", "And then?"] }, 60_000);
      expect(await store.readContext("42")).toEqual({ turns: ["Who spoke?", "And then?"] });

      now += 59_000;
      expect(await store.readContext("42")).toBeDefined();
      now += 1_000;
      expect(await store.readContext("42")).toBeUndefined();
      expect((await store.sweep({ groupMessagesMs: 7 * DAY, journalDoneMs: DAY })).contexts).toBe(1);

      await store.writeContext("43", 1, 60_000);
      await store.deleteContext("43");
      expect(await store.readContext("43")).toBeUndefined();
    });

    it("backs grammY's session plugin, with a TTL renewed by each write", async () => {
      type Ctx = Context & SessionFlavor<{ count: number }>;
      const bot = new Bot<Ctx>("1:x", { botInfo: BOT_INFO });
      bot.use(session({ initial: () => ({ count: 0 }), storage: contextStorage<{ count: number }>(store, 10 * 60_000) }));
      const seen: number[] = [];
      bot.on("message", (ctx) => {
        ctx.session.count++;
        seen.push(ctx.session.count);
      });
      const update = (id: number) => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 5, type: "private" as const, first_name: "A" }, from: { id: 5, is_bot: false, first_name: "A" }, text: "hi" } });
      await bot.handleUpdate(update(1));
      await bot.handleUpdate(update(2));
      now += 9 * 60_000;
      await bot.handleUpdate(update(3));
      now += 9 * 60_000; // 18 minutes after the start, 9 after the last write
      await bot.handleUpdate(update(4));
      now += 11 * 60_000;
      await bot.handleUpdate(update(5));
      expect(seen).toEqual([1, 2, 3, 4, 1]);
      expect(await store.readContext("5")).toEqual({ count: 1 });
    });
  });

  describe.skipIf(skip)("group messages", () => {
    it("returns a chat's messages since a time, oldest first, with edits replacing the text", async () => {
      const t = Math.floor(now / 1000);
      await store.addGroupMessage(msg(-100, 1, "first", t - 3600));
      await store.addGroupMessage(msg(-100, 2, "second", t - 60, { threadId: 9, userId: 8, firstName: "Bo" }));
      await store.addGroupMessage(msg(-100, 3, "third", t));
      await store.addGroupMessage(msg(-200, 4, "other chat", t));
      await store.addGroupMessage(msg(-100, 2, "second, edited", t - 60));

      expect(await store.recentGroupMessages(-100, t - 120)).toEqual([
        { chatId: -100, messageId: 2, threadId: 9, userId: 8, firstName: "Bo", text: "second, edited", date: t - 60 },
        msg(-100, 3, "third", t),
      ]);
      expect((await store.recentGroupMessages(-100, 0)).map((m) => m.messageId)).toEqual([1, 2, 3]);
      // A limit keeps the newest, still oldest first.
      expect((await store.recentGroupMessages(-100, 0, 2)).map((m) => m.messageId)).toEqual([2, 3]);
      expect(await store.recentGroupMessages(-300, 0)).toEqual([]);
    });

    it("keeps messages for the retention period, then deletes them", async () => {
      const t = Math.floor(now / 1000);
      await store.addGroupMessage(msg(-100, 1, "eight days old", t - 8 * 86_400));
      await store.addGroupMessage(msg(-100, 2, "six days old", t - 6 * 86_400));
      await store.addGroupMessage(msg(-100, 3, "new", t));
      expect((await store.sweep({ groupMessagesMs: 7 * DAY, journalDoneMs: DAY })).messages).toBe(1);
      expect((await store.recentGroupMessages(-100, 0)).map((m) => m.text)).toEqual(["six days old", "new"]);
      now += 2 * DAY;
      await store.sweep({ groupMessagesMs: 7 * DAY, journalDoneMs: DAY });
      expect((await store.recentGroupMessages(-100, 0)).map((m) => m.text)).toEqual(["new"]);
    });
  });

  describe.skipIf(skip)("settings", () => {
    it("stores any JSON value per chat and key", async () => {
      expect(await store.getSetting(-100, "lastRecap")).toBeUndefined();
      await store.setSetting(-100, "lastRecap", 1_700_000_000);
      await store.setSetting(-100, "prefs", { lang: "ru" });
      await store.setSetting(-200, "lastRecap", 5);
      await store.setSetting(-100, "lastRecap", 1_700_000_600);
      expect(await store.getSetting(-100, "lastRecap")).toBe(1_700_000_600);
      expect(await store.getSetting(-100, "prefs")).toEqual({ lang: "ru" });
      expect(await store.getSetting(-200, "lastRecap")).toBe(5);
    });
  });

  describe.skipIf(skip)("forgetting a chat", () => {
    it("deletes the chat's messages, contexts and settings, and nothing of other chats", async () => {
      await store.addGroupMessage(msg(-100, 1, "a"));
      await store.addGroupMessage(msg(-100, 2, "b"));
      await store.addGroupMessage(msg(-200, 3, "other"));
      await store.writeContext("-100", { x: 1 }, DAY);
      await store.writeContext("-100:7", { topic: 7 }, DAY);
      await store.writeContext("-1000", { other: true }, DAY);
      await store.setSetting(-100, "lastRecap", 1);
      await store.setSetting(-200, "lastRecap", 2);
      await store.journal.admit([{ updateId: 1, chatId: -100, payload: "{}" }, { updateId: 2, chatId: -100, payload: "{}" }], "me", now + 1000);
      await store.journal.finish(1, "done");

      expect(await store.forgetChat(-100)).toEqual({ messages: 2, contexts: 2, settings: 1 });
      expect(await store.recentGroupMessages(-100, 0)).toEqual([]);
      expect(await store.readContext("-100")).toBeUndefined();
      expect(await store.readContext("-100:7")).toBeUndefined();
      expect(await store.getSetting(-100, "lastRecap")).toBeUndefined();
      // A question still owed an answer stays; the finished one goes.
      expect(await store.journal.get(1)).toBeUndefined();
      expect((await store.journal.get(2))?.status).toBe("pending");

      expect(await store.recentGroupMessages(-200, 0)).toHaveLength(1);
      expect(await store.readContext("-1000")).toEqual({ other: true });
      expect(await store.getSetting(-200, "lastRecap")).toBe(2);
    });
  });

  describe.skipIf(skip)("update journal", () => {
    const u = (updateId: number, chatId: number | null = 1) => ({ updateId, chatId, payload: JSON.stringify({ update_id: updateId }) });

    it("admits an update_id once, also when two instances admit it at the same moment", async () => {
      expect(await store.journal.admit([u(1), u(2)], "a", now + 5000)).toEqual([1, 2]);
      expect(await store.journal.admit([u(2), u(3)], "a", now + 5000)).toEqual([3]);
      const other = await open();
      const results = await Promise.all([store.journal.admit([u(10), u(11)], "a", now + 5000), other.journal.admit([u(11), u(10)], "b", now + 5000)]);
      expect(results.flat().sort()).toEqual([10, 11]);
      expect(await store.journal.get(3)).toMatchObject({ updateId: 3, chatId: 1, status: "pending", owner: "a", receivedAt: now, payload: '{"update_id":3}' });
    });

    it("records the calls an update made, in order, and drops them and the payload when it is finished", async () => {
      await store.journal.admit([u(1), u(2)], "a", now + 5000);
      await store.journal.recordCall(1, 0, "sendMessage", { message_id: 10 });
      await store.journal.recordCall(1, 1, "sendMessage", { message_id: 11 });
      await store.journal.recordCall(1, 1, "sendMessage", { message_id: 99 }); // a repeat does not overwrite
      const calls = await store.journal.calls([1, 2]);
      expect(calls.get(1)).toEqual([
        { method: "sendMessage", result: { message_id: 10 } },
        { method: "sendMessage", result: { message_id: 11 } },
      ]);
      expect(calls.get(2)).toEqual([]);
      await store.journal.finish(1, "done");
      expect(await store.journal.get(1)).toMatchObject({ status: "done", payload: null });
      expect((await store.journal.calls([1])).get(1)).toEqual([]);
    });

    it("lets another instance claim only entries whose lease ran out, in update_id order", async () => {
      await store.journal.admit([u(3, 5), u(1, 5), u(2, 6)], "dead", now + 5000);
      await store.journal.admit([u(4)], "alive", now + 5000);
      expect(await store.journal.claimOrphans("new", now + 5000)).toEqual([]);
      expect(await store.journal.othersLeaseEnd("new")).toBe(now + 5000);

      now += 3000;
      await store.journal.renewLeases("alive", now + 5000);
      now += 2000;
      const claimed = await store.journal.claimOrphans("new", now + 5000);
      expect(claimed.map((e) => [e.updateId, e.chatId, e.owner])).toEqual([
        [1, 5, "new"],
        [2, 6, "new"],
        [3, 5, "new"],
      ]);
      expect(await store.journal.claimOrphans("third", now + 5000)).toEqual([]);
      expect(await store.journal.othersLeaseEnd("new")).toBe(now + 3000);

      // A clean stop hands over at once what it has not started.
      await store.journal.releaseLeases("new", [2]);
      expect((await store.journal.claimOrphans("third", now + 5000)).map((e) => e.updateId)).toEqual([1, 3]);
      await store.journal.finish(4, "done");
      now += 10_000;
      expect((await store.journal.claimOrphans("third", now + 5000)).map((e) => e.updateId)).toEqual([1, 2, 3]);
    });

    it("two instances claiming at once never both take an entry", async () => {
      await store.journal.admit(Array.from({ length: 40 }, (_, i) => u(i + 1, i % 4)), "dead", now);
      now += 1;
      const other = await open();
      const [a, b] = await Promise.all([store.journal.claimOrphans("a", now + 5000), other.journal.claimOrphans("b", now + 5000)]);
      const ids = [...a, ...b].map((e) => e.updateId).sort((x, y) => x - y);
      expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });

    it("keeps finished entries a day to recognise duplicates, then deletes them; pending ones stay", async () => {
      await store.journal.admit([u(1), u(2)], "a", now + 5000);
      await store.journal.finish(1, "done");
      now += DAY - 1;
      expect((await store.sweep({ groupMessagesMs: 7 * DAY, journalDoneMs: DAY })).journal).toBe(0);
      expect(await store.journal.admit([u(1)], "a", now + 5000)).toEqual([]);
      now += 2;
      expect((await store.sweep({ groupMessagesMs: 7 * DAY, journalDoneMs: DAY })).journal).toBe(1);
      expect(await store.journal.get(1)).toBeUndefined();
      expect((await store.journal.get(2))?.status).toBe("pending");
    });
  });
});

describe("opening a store", () => {
  it("creates DATA_DIR and its SQLite file, and keeps data across a reopen", async () => {
    const dir = path.join(await tempDir("qa-data-"), "nested", "data");
    const a = await openStore({ dataDir: dir });
    await a.setSetting(1, "k", "v");
    await a.close();
    const b = await openStore({ dataDir: dir });
    expect(await b.getSetting(1, "k")).toBe("v");
    await b.close();
  });

  it("fails with one clear line, without the password, when PostgreSQL cannot be reached", async () => {
    const err = await openStore({ databaseUrl: "postgres://bot:hunter2secret@127.0.0.1:1/bot" }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^Could not open PostgreSQL at 127\.0\.0\.1:1\/bot: .*ECONNREFUSED/);
    expect((err as Error).message).not.toContain("hunter2secret");
  });
});
