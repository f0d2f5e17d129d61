import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { isGroup } from "../addressing.js";
import { escapeHtml } from "../render.js";
import { replyHtml } from "../reply.js";
import { answerQuestion } from "./ask.js";

/** Installed last: whatever no feature handled gets a short, clear reply, never silence in a private chat. */
export function fallbackFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on("message:text", async (ctx) => {
    // Any script: Telegram only links Latin commands, but people type /привет too.
    const m = /^\/([^\s@]*)(?:@(\w+))?/.exec(ctx.msg.text);
    if (!m) return;
    const [, name, target] = m;
    const addressedToUs = target?.toLowerCase() === ctx.me.username.toLowerCase();
    // In a group a bare /command may be for another bot.
    if (isGroup(ctx) && !addressedToUs) return;
    if (target && !addressedToUs) return;
    if (!name) {
      // A stray slash: "/ who spoke?" is a question; "/" alone asks what to do.
      const rest = ctx.msg.text.slice(m[0].length).trim();
      if (rest) return answerQuestion(ctx, deps, rest);
      return replyHtml(ctx, ["Send /help to see what I can do, or just type your question."]);
    }
    await replyHtml(ctx, [`I don't know the command /${escapeHtml(name.slice(0, 64))}. Send /help to see what I can do.`]);
  });
  c.on("message", async (ctx) => {
    if (isGroup(ctx)) return;
    await ctx.reply("I can only read text. Please type your question about the event.");
  });
  c.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: "This button is out of date." }));
  return c;
}
