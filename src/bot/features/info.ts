import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { renderSource, renderSummary, toMessages, type Block } from "../render.js";
import { fullSummaryButton, renderDigest } from "../render-digest.js";
import { replyHtml, replyText, showTyping, whileTyping } from "../reply.js";
import { COMMANDS } from "../commands.js";
import { LANGS, t, userLang, withLang, type Lang } from "../i18n.js";
import { answerQuestion } from "./ask.js";

/** Three questions to try, derived from the corpus, in one language. */
export function exampleQuestions(deps: BotDeps, lang: Lang): string[] {
  const speakers = deps.qa.kb.speakers;
  const ask = (key: string, sp?: { name: string; gender: string | null }) => t(lang, key, sp ? { name: sp.name, gender: sp.gender ?? "other" } : undefined);
  const examples = [ask("example-who-spoke")];
  if (speakers[0]) examples.push(ask("example-what-said", speakers[0]));
  const agreement = deps.qa.kb.analysis.agreements[0];
  const other = agreement ? deps.qa.kb.speaker(agreement.withSpeakerId) : speakers[1];
  if (agreement && other) examples.push(ask("example-who-agreed", other));
  else if (other) examples.push(ask("example-who-is", other));
  else examples.push(ask("example-summary"));
  return examples.slice(0, 3);
}

function quoted(text: string, lang: Lang): string {
  return lang === "ru" ? `«${text}»` : `“${text}”`;
}

function eventTitle(deps: BotDeps, lang: Lang): string {
  return deps.qa.sources().map((s) => `${quoted(s.title, lang)}${s.date ? ` (${s.date})` : ""}`).join(", ");
}

const EXAMPLE_RE = /^ex:(\d)(?::(en|ru))?$/;

/** /start, /help, /summary, /source and their buttons. */
export function infoFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const examples = Object.fromEntries(LANGS.map((l) => [l, exampleQuestions(deps, l)])) as Record<Lang, string[]>;

  c.command("start", async (ctx) => {
    const lang = userLang(ctx);
    const keyboard = new InlineKeyboard();
    examples[lang].forEach((q, i) => keyboard.text(q, withLang(`ex:${i}`, lang)).row());
    const text = `${ctx.t("start-intro", { title: eventTitle(deps, lang) })}\n\n${ctx.t("start-try")}`;
    await replyText(ctx, text, keyboard);
  });

  c.command("help", async (ctx) => {
    const bot = ctx.me.username;
    const blocks: Block[] = [{ text: ctx.t("help-commands"), tag: "b" }];
    for (const cmd of COMMANDS) blocks.push({ text: `/${cmd} — ${ctx.t(`cmd-${cmd}`)}` });
    const section = (title: string, body: string, gap = false): Block[] => [
      { text: title, tag: "b", gap },
      { text: ` ${body}`, newline: false },
    ];
    blocks.push(
      ...section(ctx.t("help-private-title"), ctx.t("help-private"), true),
      ...section(ctx.t("help-group-title"), ctx.t("help-group", { bot })),
      ...section(ctx.t("help-inline-title"), ctx.t("help-inline", { bot })),
      { text: ctx.t("help-sources"), gap: true },
    );
    await replyHtml(ctx, toMessages(blocks));
  });

  // "/summary" gives the digest; "/summary 3" gives it in three bullets.
  c.command("summary", async (ctx) => {
    const lang = userLang(ctx);
    const n = Number.parseInt(ctx.match.trim(), 10);
    await showTyping(ctx);
    const digest = deps.qa.digest(Number.isFinite(n) && n > 0 ? { bullets: Math.min(n, 30) } : {});
    await replyHtml(ctx, renderDigest(digest, lang), fullSummaryButton(lang));
  });

  c.callbackQuery(/^sum:full/, async (ctx) => {
    await ctx.answerCallbackQuery();
    // The full summary goes through the model when one is configured; the digest stays the offline one.
    const summary = await whileTyping(ctx, () => deps.qa.summarise());
    await replyHtml(ctx, renderSummary(summary, deps.qa.sources(), userLang(ctx)));
  });

  c.command("source", (ctx) => replyHtml(ctx, renderSource(deps.qa.sources(), userLang(ctx))));

  c.callbackQuery(/^ex:/, async (ctx) => {
    const m = EXAMPLE_RE.exec(ctx.callbackQuery.data);
    const lang = userLang(ctx);
    const i = Number(m?.[1]);
    const q = m ? examples[lang][i] : undefined;
    if (!q) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-stale-start") });
      return;
    }
    await ctx.answerCallbackQuery();
    await answerQuestion(ctx, deps, q);
  });
  return c;
}
