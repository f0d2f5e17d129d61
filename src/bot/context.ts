import type { Context, SessionFlavor } from "grammy";
import type { ConversationState } from "../core/answer/conversation.js";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Logger } from "../logger.js";
import type { EventQa } from "../core/event-qa.js";
import type { Store } from "../store/store.js";
import type { JournalOptions } from "./journal.js";

/** What a chat remembers between updates (kept in the store, expiring): the conversation so far. */
export interface ChatSession {
  conversation: ConversationState;
}

/**
 * What every handler gets: grammY's context, a logger scoped to the update,
 * `ctx.t` in the user's language, and the chat's session (updates with a chat only).
 */
export type BotContext = Context & I18nFlavor & SessionFlavor<ChatSession> & { log: Logger };

export interface BotDeps {
  qa: EventQa;
  logger: Logger;
  /** Empty: everyone may use the bot. */
  allowedChatIds?: number[];
  rateLimit?: { messages: number; windowMs: number };
  /** Durable state: conversation context, group messages, settings, the update journal. */
  store: Store;
  /** maxAgeMs: unfinished updates older than this get an apology instead of a late answer (default 10 minutes). */
  journal?: Partial<JournalOptions>;
  /** /recap reads at most this far back (RECAP_WINDOW_HOURS). */
  recapWindowHours?: number;
}
