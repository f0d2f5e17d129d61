import { Composer } from "grammy";
import type { RecapPoint } from "../../core/answer/recap.js";
import type { BotContext, BotDeps } from "../context.js";
import { isGroup } from "../addressing.js";
import { userLang, type Lang } from "../i18n.js";
import { toMessages, type Block } from "../render-html.js";
import { groupCitations, sourceBlocks } from "../render-sources.js";
import { replyHtml, replyText, showTyping } from "../reply.js";
import { t } from "../i18n.js";

const LAST_RECAP = "lastRecap";

/** https://t.me/c/<id>/<message_id>: a link to a message in a supergroup (its id without the -100). */
export function messageLink(chatId: number, messageId: number, threadId: number | null): string | null {
  const id = String(chatId);
  if (!id.startsWith("-100")) return null;
  return `https://t.me/c/${id.slice(4)}/${threadId ? `${threadId}/` : ""}${messageId}`;
}

function verdictText(p: RecapPoint, lang: Lang): string {
  if (p.verdict === "other-speaker") return t(lang, "recap-other-speaker", { name: p.actual ?? t(lang, "recap-narration") });
  return t(lang, `recap-${p.verdict}`);
}

/**
 * /recap in a group: what members said about the event since the last recap
 * (or in the last RECAP_WINDOW_HOURS), point by point, who said it, a link to
 * each message, and what the article makes of it, cited.
 */
export function recapFeature(deps: BotDeps, windowHours: number): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("recap", async (ctx) => {
    const lang = userLang(ctx);
    if (!isGroup(ctx)) {
      await replyText(ctx, ctx.t("recap-groups-only"));
      return;
    }
    await showTyping(ctx);
    const now = Math.floor(Date.now() / 1000);
    // Since the last recap (message ids grow within a chat), and never further back than the window.
    const last = await deps.store.getSetting<{ date: number; messageId: number }>(ctx.chat.id, LAST_RECAP);
    const since = Math.max(last?.date ?? 0, now - windowHours * 3600);
    const messages = (await deps.store.recentGroupMessages(ctx.chat.id, since)).filter((m) => m.messageId > (last?.messageId ?? 0) && m.messageId !== ctx.msg.message_id);
    if (messages.length === 0) {
      // Nothing since the last recap, or nothing ever: then the bot probably cannot read the group.
      await replyText(ctx, last ? ctx.t("recap-nothing-new") : ctx.t("recap-nothing", { bot: ctx.me.username }));
      return;
    }
    const recap = deps.qa.recap(messages.map((m) => ({ name: m.firstName, text: m.text, link: messageLink(m.chatId, m.messageId, m.threadId) })));
    await deps.store.setSetting(ctx.chat.id, LAST_RECAP, { date: now, messageId: ctx.msg.message_id });
    ctx.log.info({ read: recap.read, points: recap.points.length }, "recap");
    const head = ctx.t("recap-heading", { read: recap.read, points: recap.points.length });
    if (recap.points.length === 0) {
      await replyText(ctx, `${head}\n${ctx.t("recap-no-points")}`);
      return;
    }
    // Markers numbered across all points at once, as the sources below are.
    const lines = recap.points.map((p) => `${verdictText(p, lang)} ${p.marker}`.trim());
    const { text, groups } = groupCitations(lines.join("\n"), recap.citations);
    const shown = text.split("\n");
    const blocks: Block[] = [{ text: head, tag: "b" }];
    recap.points.forEach((p, i) => {
      blocks.push({ text: "• " }, { text: p.name, tag: "b", newline: false }, { text: `: “${p.gist}” — ${shown[i]}`, newline: false });
      if (p.link) blocks.push({ text: " ", newline: false }, { text: "↗", href: p.link, newline: false });
    });
    if (recap.unrelated > 0) blocks.push({ text: ctx.t("recap-unrelated", { count: recap.unrelated }), tag: "i" });
    const sources = sourceBlocks(groups, text, lang).slice(1);
    if (sources[0]) sources[0] = { ...sources[0], gap: true };
    await replyHtml(ctx, toMessages([...blocks, ...sources]));
  });
  return c;
}
