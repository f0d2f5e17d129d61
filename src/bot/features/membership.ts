import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { escapeHtml } from "../render.js";
import { replyHtml } from "../reply.js";

/** Introduces the bot once, when it is added to a group. */
export function membershipFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on("my_chat_member", async (ctx) => {
    const { old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    const joined = ["left", "kicked"].includes(before.status) && ["member", "administrator"].includes(after.status);
    if (!joined || ctx.chat.type === "private" || ctx.chat.type === "channel") return;
    const title = deps.qa.sources()[0]?.title ?? "the event";
    await replyHtml(ctx, [
      `Hello! I answer questions about ${escapeHtml(`“${title}”`)} with quotes from the article. ` +
        `Ask with /ask, mention @${escapeHtml(ctx.me.username)}, or reply to me. /summary catches you up.`,
    ]);
  });
  return c;
}
