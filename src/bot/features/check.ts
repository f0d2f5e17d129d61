import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { userLang } from "../i18n.js";
import { renderAnswer } from "../render.js";
import { replyHtml, replyText, showTyping } from "../reply.js";

/** Longest claim worth checking; a longer message is checked from its beginning. */
const MAX_CLAIM = 600;

/**
 * /check <claim>, or /check in reply to someone's message: what the article
 * makes of it, with the same check as yes/no questions. Works in any chat.
 */
export function checkFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("check", async (ctx) => {
    const replied = ctx.msg.reply_to_message;
    const claim = (ctx.match.trim() || replied?.text || replied?.caption || "").trim();
    if (!claim) {
      await replyText(ctx, ctx.t("check-usage", { example: deps.qa.kb.speakers[0]?.name.split(" ").at(-1) ?? "Smith" }));
      return;
    }
    await showTyping(ctx);
    const answer = await deps.qa.check(claim.slice(0, MAX_CLAIM));
    ctx.log.info({ verdict: answer.verdict, citations: answer.citations.length }, "claim checked");
    const lang = userLang(ctx);
    // The verdict is the heading; the passages it rests on follow, closed.
    await replyHtml(ctx, renderAnswer({ ...answer, mode: "answer" }, deps.qa.sources(), lang, { heading: ctx.t(`check-${answer.verdict}`) }));
  });
  return c;
}
