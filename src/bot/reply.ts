import type { InlineKeyboardMarkup } from "grammy/types";
import type { BotContext } from "./context.js";
import { toMessages } from "./render-html.js";

/**
 * Sends HTML messages in reply: in groups as a reply to the asker's message,
 * in forum topics in the same topic. Only the first message carries the reply
 * link; a keyboard goes on the last one.
 */
export async function replyHtml(ctx: BotContext, messages: string[], keyboard?: InlineKeyboardMarkup): Promise<void> {
  const msg = ctx.msg;
  const inGroup = ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
  for (const [i, text] of messages.entries()) {
    await ctx.reply(text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(msg?.is_topic_message && msg.message_thread_id ? { message_thread_id: msg.message_thread_id } : {}),
      ...(inGroup && i === 0 && msg && !ctx.callbackQuery ? { reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true } } : {}),
      ...(keyboard && i === messages.length - 1 ? { reply_markup: keyboard } : {}),
    });
  }
}

/** One line of plain text, escaped, sent like any other reply (in groups, as a reply to the asker). */
export function replyText(ctx: BotContext, text: string, keyboard?: InlineKeyboardMarkup): Promise<void> {
  return replyHtml(ctx, toMessages([{ text }]), keyboard);
}

/** Shows "typing…"; it carries no answer, so a failure is logged and ignored. */
export async function showTyping(ctx: BotContext): Promise<void> {
  if (!ctx.chat) return;
  try {
    const thread = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
    await ctx.api.sendChatAction(ctx.chat.id, "typing", thread ? { message_thread_id: thread } : {});
  } catch (err) {
    ctx.log.warn({ err }, "sendChatAction failed; going on without it");
  }
}

/** Telegram shows "typing…" for about five seconds; a model answer may take longer. */
const TYPING_REFRESH_MS = 4500;

/** Shows "typing…" until the work is done, however long a model takes. */
export async function whileTyping<T>(ctx: BotContext, work: () => Promise<T>): Promise<T> {
  await showTyping(ctx);
  const timer = setInterval(() => void showTyping(ctx), TYPING_REFRESH_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
