import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { renderAnswer, renderSpeakerList } from "../render.js";
import { replyHtml, replyText, showTyping } from "../reply.js";
import { userLang, withLang } from "../i18n.js";
import type { Speaker } from "../../core/speakers/types.js";
import { shortRole } from "../../core/answer/compose.js";

/**
 * Buttons carry "sp:<index>:<index version>:<language>" (well under Telegram's
 * 64 bytes); a button from an older index is recognised as stale, not misread.
 */
const CALLBACK_RE = /^sp:(\d{1,4}):([0-9a-f]{6})(?::(?:en|ru))?$/;

export function speakersFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const version = deps.qa.kb.manifest.corpusHash.slice(0, 6);

  c.command("speakers", async (ctx) => {
    const lang = userLang(ctx);
    const speakers = deps.qa.kb.speakers;
    const keyboard = new InlineKeyboard();
    speakers.forEach((sp, i) => {
      keyboard.text(sp.name, withLang(`sp:${i}:${version}`, lang));
      if (i % 2 === 1) keyboard.row();
    });
    await replyHtml(ctx, renderSpeakerList(deps.qa.speakers(), lang), speakers.length ? keyboard : undefined);
  });

  c.command("speaker", async (ctx) => {
    const query = ctx.match.trim();
    if (!query) {
      await replyText(ctx, ctx.t("speaker-empty", { example: deps.qa.kb.speakers[0]?.name.split(" ").at(-1) ?? "Smith" }));
      return;
    }
    const found = deps.qa.findSpeakers(query);
    if (found.length === 0) {
      await replyText(ctx, ctx.t("speaker-none", { query }));
      return;
    }
    await showTyping(ctx);
    for (const sp of found.slice(0, 3)) await sendClaims(ctx, deps, sp);
  });

  c.callbackQuery(/^sp:/, async (ctx) => {
    const m = CALLBACK_RE.exec(ctx.callbackQuery.data);
    const sp = m && m[2] === version ? deps.qa.kb.speakers[Number(m[1])] : undefined;
    if (!sp) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-stale-speakers") });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendClaims(ctx, deps, sp);
  });
  return c;
}

async function sendClaims(ctx: BotContext, deps: BotDeps, sp: Speaker): Promise<void> {
  const answer = deps.qa.speakerClaims(sp);
  const role = shortRole(sp.role);
  await replyHtml(ctx, renderAnswer(answer, deps.qa.sources(), userLang(ctx), { heading: role ? `${sp.name} — ${role}` : sp.name }));
}
