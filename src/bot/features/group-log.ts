import type { Message } from "grammy/types";
import type { MiddlewareFn } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { isGroup } from "../addressing.js";
import type { GroupMessage } from "../../store/store.js";

/** A member's words worth a recap: text or a caption, not a command, not a bot's own message. */
function groupMessageToKeep(msg: Message, botId: number): GroupMessage | null {
  const text = (msg.text || msg.caption || "").trim();
  if (!text || text.startsWith("/")) return null;
  // Answers shared through a bot's inline mode are that bot's words, not the member's.
  if (msg.via_bot) return null;
  const chatSender = msg.sender_chat; // an anonymous admin or a linked channel
  if (!chatSender && (!msg.from || msg.from.is_bot || msg.from.id === botId)) return null;
  return {
    chatId: msg.chat.id,
    messageId: msg.message_id,
    threadId: msg.is_topic_message && msg.message_thread_id ? msg.message_thread_id : null,
    userId: chatSender ? null : msg.from!.id,
    firstName: chatSender ? ("title" in chatSender && chatSender.title ? chatSender.title : "Admin") : msg.from!.first_name,
    text,
    date: msg.date,
  };
}

/**
 * Keeps what members write in groups, for /recap; every update passes on. Runs
 * before the rate limiter, so that chatter is kept even from someone who asks
 * too much. Private chats are never logged. A storage failure costs the
 * message its place in a recap, never an answer.
 */
export function groupLog(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const msg = ctx.message ?? ctx.editedMessage;
    const keep = msg && isGroup(ctx) ? groupMessageToKeep(msg, ctx.me.id) : null;
    if (keep) await deps.store.addGroupMessage(keep).catch((err) => ctx.log.error({ err }, "could not keep a group message"));
    return next();
  };
}
