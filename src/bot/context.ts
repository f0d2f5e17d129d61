import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Logger } from "../logger.js";
import type { EventQa } from "../core/event-qa.js";

/** What every handler gets: grammY's context, a logger scoped to the update, and `ctx.t` in the user's language. */
export type BotContext = Context & I18nFlavor & { log: Logger };

export interface BotDeps {
  qa: EventQa;
  logger: Logger;
  /** Empty: everyone may use the bot. */
  allowedChatIds?: number[];
  rateLimit?: { messages: number; windowMs: number };
}
