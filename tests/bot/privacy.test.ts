import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { createLogger } from "../../src/logger.js";
import { openStore } from "../../src/store/open-store.js";
import { startMaintenance } from "../../src/store/maintenance.js";
import type { Store } from "../../src/store/store.js";
import { SEED_CORPUS, buildTemp } from "../helpers.js";
import { BOT_INFO, groupMessage, privateMessage, startHarness, textsTo, type Harness } from "../support/bot-harness.js";

const DAY = 86_400_000;
let kb: KnowledgeBase;
let h: Harness;
let store: Store;
/** The store's clock: moved by the retention test. */
let now = Date.now();
let chat = -100_700;
const nextGroup = () => --chat;
const ADMIN = 900;

beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
  store = await openStore({ sqliteFile: ":memory:", now: () => now });
  h = await startHarness(kb, {
    deps: { store },
    emulator: { memberStatus: (_chat, user) => (user === ADMIN ? "administrator" : user === ADMIN + 1 ? "creator" : "member") },
  });
});
afterAll(async () => {
  await h.stop();
  await store.close();
});

/** Pushes updates and waits until the bot has handled them: one chat's updates are handled in order, so until it answers a last one. */
async function pushThenPing(chatId: number, ...updates: ReturnType<typeof groupMessage>[]): Promise<void> {
  for (const u of updates) h.emulator.push(u);
  const ping = groupMessage(chatId, 1, "/source");
  h.emulator.push(ping);
  const answersPing = (payload: Record<string, unknown>) => (payload.reply_parameters as { message_id?: number } | undefined)?.message_id === ping.message!.message_id;
  await h.emulator.waitFor(() => h.emulator.sent().some((c) => c.payload.chat_id === chatId && answersPing(c.payload)));
}

const kept = async (chatId: number) => (await store.recentGroupMessages(chatId, 0)).map((m) => `${m.firstName}: ${m.text}`);

describe("group messages kept for recaps", () => {
  it("keeps members' texts and captions, with edits, and nothing else", async () => {
    const g = nextGroup();
    const original = groupMessage(g, 5, "Petrov was right about pluralism");
    await pushThenPing(
      g,
      original,
      groupMessage(g, 6, "", { caption: "photo of the panel", photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] } as never),
      groupMessage(g, 6, "/ask who spoke?"),
      groupMessage(g, 6, "/roll@dice_bot"),
      groupMessage(g, 6, "/start"),
      groupMessage(g, 6, "another bot talking", { from: { id: 77, is_bot: true, first_name: "OtherBot" } }),
      groupMessage(g, 6, "an inline answer", { via_bot: BOT_INFO }),
      groupMessage(g, 6, "posted as the group", { sender_chat: { id: g, type: "supergroup", title: "Round table fans" } } as never),
      { edited_message: { ...original.message!, text: "Petrov was right about pluralism, I think", edit_date: 1 } } as never,
      groupMessage(g, 6, "in a topic", { is_topic_message: true, message_thread_id: 12 }),
    );
    expect(await kept(g)).toEqual([
      "User 5: Petrov was right about pluralism, I think",
      "User 6: photo of the panel",
      "Round table fans: posted as the group",
      "User 6: in a topic",
    ]);
    const [first, , anonymous, topic] = await store.recentGroupMessages(g, 0);
    expect(first).toMatchObject({ chatId: g, messageId: original.message!.message_id, userId: 5, threadId: null });
    expect(anonymous.userId).toBeNull();
    expect(topic.threadId).toBe(12);
  });

  it("keeps nothing from private chats", async () => {
    h.emulator.push(privateMessage(4242_1, "Who is Grachev?"));
    await h.emulator.waitFor(() => textsTo(h, 4242_1).length >= 1);
    expect(await store.recentGroupMessages(4242_1, 0)).toEqual([]);
  });

  it("deletes messages older than RECAP_RETENTION_DAYS, at start and on each sweep", async () => {
    const g = nextGroup();
    const t = Math.floor(Date.now() / 1000);
    await pushThenPing(g, groupMessage(g, 5, "eight days ago", { date: t - 8 * 86_400 }), groupMessage(g, 5, "six days ago", { date: t - 6 * 86_400 }), groupMessage(g, 5, "today"));
    const maintenance = await startMaintenance(store, { retentionDays: 7, logger: createLogger("silent"), everyMs: 60_000 });
    maintenance.stop();
    expect(await kept(g)).toEqual(["User 5: six days ago", "User 5: today"]);
    now += 2 * DAY;
    await store.sweep({ groupMessagesMs: 7 * DAY, journalDoneMs: DAY });
    expect(await kept(g)).toEqual(["User 5: today"]);
    now = Date.now();
  });
});

describe("/forget", () => {
  it("is refused politely to a group member who is not an admin", async () => {
    const g = nextGroup();
    await pushThenPing(g, groupMessage(g, 5, "a claim"));
    await store.setSetting(g, "lastRecap", 1);
    h.emulator.push(groupMessage(g, 5, "/forget"));
    await h.emulator.waitFor(() => textsTo(h, g).some((t) => /only the group's admins/.test(t)));
    expect(textsTo(h, g).at(-1)).toBe("Sorry, only the group's admins can ask me to forget this chat.");
    expect(await kept(g)).toEqual(["User 5: a claim"]);
    expect(await store.getSetting(g, "lastRecap")).toBe(1);
  });

  it.each([
    ["an admin", ADMIN, {}],
    ["the owner", ADMIN + 1, {}],
    ["an admin posting as the group", 5, { sender_chat: { id: 0, type: "supergroup", title: "G" } }],
  ])("deletes everything about the group for %s, and nothing about other chats", async (_who, userId, extra) => {
    const g = nextGroup();
    const other = nextGroup();
    await pushThenPing(g, groupMessage(g, 5, "one"), groupMessage(g, 6, "two"));
    await pushThenPing(other, groupMessage(other, 5, "elsewhere"));
    await store.setSetting(g, "lastRecap", 1);
    await store.writeContext(String(g), { turns: 2 }, DAY);
    const asGroup = "sender_chat" in extra ? { sender_chat: { id: g, type: "supergroup", title: "G" } } : {};
    h.emulator.push(groupMessage(g, userId, "/forget", asGroup as never));
    await h.emulator.waitFor(() => textsTo(h, g).some((t) => t.startsWith("Done")));
    expect(textsTo(h, g).at(-1)).toBe("Done: I deleted everything I had stored about this group (2 messages, our conversation and the group's settings).");
    expect(await kept(g)).toEqual([]);
    expect(await store.getSetting(g, "lastRecap")).toBeUndefined();
    expect(await store.readContext(String(g))).toBeUndefined();
    expect(await kept(other)).toEqual(["User 5: elsewhere"]);
  });

  it("deletes a private chat's conversation context for the user", async () => {
    const id = 4242_2;
    await store.writeContext(String(id), { turns: 3 }, DAY);
    h.emulator.push(privateMessage(id, "/forget"));
    await h.emulator.waitFor(() => textsTo(h, id).length >= 1);
    expect(textsTo(h, id)).toEqual(["Done: I deleted our conversation. I keep nothing else about private chats."]);
    expect(await store.readContext(String(id))).toBeUndefined();
  });
});

describe("removing the bot from a group", () => {
  it.each(["left", "kicked"])("deletes that group's data when the bot is %s", async (status) => {
    const g = nextGroup();
    const other = nextGroup();
    await pushThenPing(g, groupMessage(g, 5, "one"));
    await pushThenPing(other, groupMessage(other, 5, "stays"));
    await store.setSetting(g, "lastRecap", 1);
    const member = (s: string) => ({ user: BOT_INFO, status: s }) as never;
    h.emulator.push({
      my_chat_member: { chat: { id: g, type: "supergroup", title: "G" }, from: { id: ADMIN, is_bot: false, first_name: "A" }, date: 0, old_chat_member: member("member"), new_chat_member: member(status) },
    });
    const deadline = Date.now() + 5000;
    while ((await kept(g)).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await kept(g)).toEqual([]);
    expect(await store.getSetting(g, "lastRecap")).toBeUndefined();
    expect(await kept(other)).toEqual(["User 5: stays"]);
  });

  it("deletes a private chat's context when the user blocks the bot", async () => {
    const id = 4242_3;
    await store.writeContext(String(id), { turns: 1 }, DAY);
    const member = (s: string) => ({ user: BOT_INFO, status: s }) as never;
    h.emulator.push({
      my_chat_member: { chat: { id, type: "private", first_name: "U" }, from: { id, is_bot: false, first_name: "U" }, date: 0, old_chat_member: member("member"), new_chat_member: member("kicked") },
    });
    const deadline = Date.now() + 5000;
    while ((await store.readContext(String(id))) !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await store.readContext(String(id))).toBeUndefined();
    expect(textsTo(h, id)).toEqual([]);
  });
});
