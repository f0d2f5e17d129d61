import { Composer } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import type { BotContext, BotDeps } from "../context.js";
import { renderAnswer } from "../render.js";
import { userLang } from "../i18n.js";

/** "@bot question" in any chat: the answer and its sources as one shareable result. */
export function inlineFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on("inline_query", async (ctx) => {
    const q = ctx.inlineQuery.query.trim();
    if (!q) {
      await ctx.answerInlineQuery([], { cache_time: 0, button: { text: ctx.t("inline-prompt"), start_parameter: "inline" } });
      return;
    }
    const answer = await deps.qa.ask(q.slice(0, 256));
    // One message only: the first part holds the answer and as many sources as fit.
    const [html] = renderAnswer(answer, deps.qa.sources(), userLang(ctx));
    const refused = !answer.answerable && answer.mode !== "smalltalk";
    const result: InlineQueryResultArticle = {
      type: "article",
      id: `a${hash(q)}`,
      title: refused ? ctx.t("inline-not-in-article", { question: q }) : q,
      description: answer.answer.slice(0, 200),
      input_message_content: { message_text: html, parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    };
    await ctx.answerInlineQuery([result], { cache_time: 30, is_personal: false });
  });
  return c;
}

function hash(s: string): string {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + ch.codePointAt(0)!) | 0;
  return (h >>> 0).toString(36);
}
