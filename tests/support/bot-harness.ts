import type { Message, Update } from "grammy/types";
import { localBotInfo } from "../../src/bot/bot-info.js";
import { createBot, registerCommands } from "../../src/bot/create-bot.js";
import { startPolling } from "../../src/bot/run-polling.js";
import type { BotDeps } from "../../src/bot/context.js";
import { EventQa } from "../../src/core/event-qa.js";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { createLogger } from "../../src/logger.js";
import { BotApiEmulator, type EmulatorOptions } from "./bot-api-emulator.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";

export const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";

export const BOT_INFO = localBotInfo(4242, "event_qa_test_bot", "Event QA");

export interface Harness {
  emulator: BotApiEmulator;
  store: Store;
  stop: () => Promise<void>;
}

/** For tests that do not look at stored state: a fresh in-memory SQLite store. */
export const memoryStore = () => openStore({ sqliteFile: ":memory:" });

/** The real bot, polling a Bot API emulator on 127.0.0.1, as `npm start` would run it. */
export async function startHarness(kb: KnowledgeBase, options: { emulator?: Partial<EmulatorOptions>; deps?: Partial<BotDeps> } = {}): Promise<Harness> {
  const emulator = await new BotApiEmulator({
    botInfo: BOT_INFO,
    // Like telegram-test-api and some self-hosted setups: these answer 500.
    failing: ["setMyCommands", "sendChatAction"],
    ...options.emulator,
  }).start();
  const ownStore = options.deps?.store ? null : await memoryStore();
  const deps: BotDeps = { qa: new EventQa(kb), logger: createLogger("silent"), store: ownStore!, ...options.deps };
  const bot = createBot(TOKEN, deps, { apiRoot: emulator.apiRoot });
  const polling = await startPolling(bot, { apiRoot: emulator.apiRoot, logger: deps.logger });
  await registerCommands(bot, deps);
  return {
    emulator,
    store: deps.store,
    stop: async () => {
      await polling.stop();
      await emulator.stop();
      await ownStore?.close();
    },
  };
}

let messageId = 1;
const user = (id: number) => ({ id, is_bot: false, first_name: `User ${id}` });

function entitiesFor(text: string): Message["entities"] {
  const m = /^\/\w+(@\w+)?/.exec(text);
  return m ? [{ type: "bot_command", offset: 0, length: m[0].length }] : undefined;
}

export function privateMessage(userId: number, text: string): Omit<Update, "update_id"> {
  return {
    message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: "private", first_name: "U" }, from: user(userId), text, entities: entitiesFor(text) } as never,
  };
}

export function groupMessage(chatId: number, userId: number, text: string, extra: Partial<Message> = {}): Omit<Update, "update_id"> {
  return {
    message: {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "supergroup", title: "Group", is_forum: extra.is_topic_message ? true : undefined },
      from: user(userId),
      text,
      entities: entitiesFor(text),
      ...extra,
    } as never,
  };
}

export function privateNonText(userId: number, kind: "sticker" | "photo" | "voice"): Omit<Update, "update_id"> {
  const base = { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: "private" as const, first_name: "U" }, from: user(userId) };
  const content =
    kind === "sticker"
      ? { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }
      : kind === "photo"
        ? { photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] }
        : { voice: { file_id: "v", file_unique_id: "v", duration: 1 } };
  return { message: { ...base, ...content } as never };
}

export function callback(userId: number, data: string): Omit<Update, "update_id"> {
  return {
    callback_query: {
      id: String(messageId++),
      from: user(userId),
      chat_instance: "ci",
      data,
      message: { message_id: messageId++, date: 0, chat: { id: userId, type: "private", first_name: "U" }, text: "x" } as never,
    },
  };
}

export const textsTo = (h: Harness, chatId: number) => h.emulator.sent().filter((c) => c.payload.chat_id === chatId).map((c) => String(c.payload.text));
