import type { BotContext } from "./context.js";

export function isGroup(ctx: BotContext): boolean {
  return ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
}

/**
 * The question in a message meant for the bot, or null for chatter. In a
 * private chat every text is meant for the bot; in a group only a mention of
 * @bot or a reply to one of the bot's messages is.
 */
export function questionFor(ctx: BotContext): string | null {
  const msg = ctx.msg;
  const text = msg?.text;
  if (text === undefined) return null;
  if (!isGroup(ctx)) return text;
  const username = ctx.me.username;
  const mention = new RegExp(`@${username}\\b`, "i");
  if (mention.test(text)) return text.replace(new RegExp(`@${username}\\b`, "gi"), " ").replace(/\s+/g, " ").trim();
  if (msg?.reply_to_message?.from?.id === ctx.me.id) return text;
  return null;
}
