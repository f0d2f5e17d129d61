import type { Context } from "grammy";
import type { Logger } from "../logger.js";
import type { EventQa } from "../core/event-qa.js";

/** What every handler gets: grammY's context plus a logger scoped to the update. */
export type BotContext = Context & { log: Logger };

export interface BotDeps {
  qa: EventQa;
  logger: Logger;
  /** Empty: everyone may use the bot. */
  allowedChatIds?: number[];
  rateLimit?: { messages: number; windowMs: number };
}
