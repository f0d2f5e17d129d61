import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { escapeHtml, renderSource, renderSummary } from "../render.js";
import { replyHtml, showTyping } from "../reply.js";
import { COMMANDS } from "../commands.js";
import { answerQuestion } from "./ask.js";

/** Three questions to try, derived from the corpus. */
export function exampleQuestions(deps: BotDeps): string[] {
  const speakers = deps.qa.kb.speakers;
  const examples = ["Who spoke at the event?"];
  if (speakers[0]) examples.push(`What did ${speakers[0].name} say?`);
  const agreement = deps.qa.kb.analysis.agreements[0];
  const other = agreement ? deps.qa.kb.speaker(agreement.withSpeakerId) : speakers[1];
  if (agreement && other) examples.push(`Who agreed with ${other.name}?`);
  else if (other) examples.push(`Who is ${other.name}?`);
  else examples.push("Summarize the event");
  return examples.slice(0, 3);
}

function eventTitle(deps: BotDeps): string {
  return deps.qa.sources().map((s) => `“${s.title}”${s.date ? ` (${s.date})` : ""}`).join(", ");
}

/** /start, /help, /summary, /source and the example buttons. */
export function infoFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const examples = exampleQuestions(deps);

  c.command("start", async (ctx) => {
    const keyboard = new InlineKeyboard();
    examples.forEach((q, i) => keyboard.text(q, `ex:${i}`).row());
    const text =
      `I answer questions about ${escapeHtml(eventTitle(deps))} from the article that reports it, ` +
      `and I quote the article's own words for every answer. When the article does not say, I tell you so.\n\n` +
      `Ask me anything about it, or try one of these:`;
    await replyHtml(ctx, [text], keyboard);
  });

  c.command("help", async (ctx) => {
    const lines = COMMANDS.map((cmd) => `/${cmd.command} — ${escapeHtml(cmd.description)}`);
    const text =
      `<b>Commands</b>\n${lines.join("\n")}\n\n` +
      `<b>In a private chat</b> just write your question.\n` +
      `<b>In a group</b> use /ask your question, mention @${escapeHtml(ctx.me.username)} in a message, or reply to one of my messages. ` +
      `I stay quiet otherwise.\n` +
      `<b>In any chat</b> type @${escapeHtml(ctx.me.username)} and a question to share an answer.\n\n` +
      `Each answer has numbered sources [1], [2] that quote the article word for word.`;
    await replyHtml(ctx, [text]);
  });

  c.command("summary", async (ctx) => {
    await showTyping(ctx);
    await replyHtml(ctx, renderSummary(deps.qa.summary(), deps.qa.sources()));
  });

  c.command("source", (ctx) => replyHtml(ctx, renderSource(deps.qa.sources())));

  c.callbackQuery(/^ex:/, async (ctx) => {
    const q = examples[Number(ctx.callbackQuery.data.slice(3))];
    if (!q) {
      await ctx.answerCallbackQuery({ text: "This button is out of date. Send /start again." });
      return;
    }
    await ctx.answerCallbackQuery();
    await answerQuestion(ctx, deps, q);
  });
  return c;
}
