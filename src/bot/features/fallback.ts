import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { isGroup } from "../addressing.js";
import { replyText } from "../reply.js";

/** Installed last: whatever no feature handled gets a short, clear reply, never silence in a private chat. */
export function fallbackFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on("message:text", async (ctx) => {
    const m = /^\/([A-Za-z0-9_]+)(?:@(\w+))?/.exec(ctx.msg.text);
    if (!m) return;
    const addressedToUs = m[2]?.toLowerCase() === ctx.me.username.toLowerCase();
    // In a group a bare /command may be for another bot.
    if (isGroup(ctx) && !addressedToUs) return;
    if (m[2] && !addressedToUs) return;
    await replyText(ctx, ctx.t("unknown-command", { command: m[1] }));
  });
  c.on("message", async (ctx) => {
    if (isGroup(ctx)) return;
    await replyText(ctx, ctx.t("text-only"));
  });
  c.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
  return c;
}
