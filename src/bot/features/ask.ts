import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { renderAnswer } from "../render.js";
import { replyHtml, replyText, whileTyping } from "../reply.js";
import { questionFor } from "../addressing.js";
import { userLang } from "../i18n.js";
import { fullSummaryButton, renderDigest } from "../render-digest.js";

/** Longest question worth analysing; longer text is answered from its beginning. */
const MAX_QUESTION = 1000;

/** Answers a question in the user's language, as the next turn of the chat's conversation. */
export async function answerQuestion(ctx: BotContext, deps: BotDeps, question: string): Promise<void> {
  const q = question.trim();
  if (!q) {
    await replyText(ctx, ctx.t("ask-empty"));
    return;
  }
  const asker = ctx.from ? { userId: ctx.from.id } : undefined;
  // In a chat, the question continues the chat's conversation ("what else did he say?"); the asker goes
  // along so that a daily limit on model answers can apply per person.
  const chat = ctx.chat ? deps.qa.conversation(ctx.session.conversation) : null;
  const text = q.slice(0, MAX_QUESTION);
  const answer = await whileTyping(ctx, () => (chat ? chat.ask(text, asker) : deps.qa.ask(text, undefined, asker)));
  if (chat) ctx.session = { conversation: chat.state };
  ctx.log.info({ answerable: answer.answerable, mode: answer.mode, citations: answer.citations.length, answerer: answer.answerer, fallback: answer.fallback }, "answered");
  // "tl;dr", "summary in 3 bullets", "кратко": the digest, laid out as /summary lays it out.
  if (answer.digest) {
    const lang = answer.lang ?? userLang(ctx);
    await replyHtml(ctx, renderDigest(answer.digest, lang), fullSummaryButton(lang));
    return;
  }
  await replyHtml(ctx, renderAnswer(answer, deps.qa.sources(), userLang(ctx)));
}

/** /ask, any text in a private chat, and in groups mentions of the bot and replies to it. */
export function askFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("ask", (ctx) => answerQuestion(ctx, deps, ctx.match));
  c.on("message:text", async (ctx, next) => {
    if (ctx.msg.text.startsWith("/")) return next();
    const q = questionFor(ctx);
    if (q === null) return; // group chatter not meant for the bot
    await answerQuestion(ctx, deps, q);
  });
  // An edited question gets a fresh answer, under the same rules as a new one.
  c.on("edited_message:text", async (ctx) => {
    const q = questionFor(ctx);
    if (q === null || q.startsWith("/")) return;
    await answerQuestion(ctx, deps, q);
  });
  return c;
}
