import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { isGroup } from "../addressing.js";
import { replyText } from "../reply.js";
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
      return replyText(ctx, ctx.t("slash-only"));
    }
    await replyText(ctx, ctx.t("unknown-command", { command: name.slice(0, 64) }));
  });
  c.on("message", async (ctx) => {
    if (isGroup(ctx)) return;
    await replyText(ctx, ctx.t("text-only"));
  });
  c.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
  return c;
}
