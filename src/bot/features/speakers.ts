import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { escapeHtml, renderAnswer, renderSpeakerList } from "../render.js";
import { replyHtml, showTyping } from "../reply.js";
import type { Speaker } from "../../core/speakers/types.js";

/**
 * Buttons carry "sp:<index>:<index version>" (well under Telegram's 64 bytes);
 * a button from an older index is recognised as stale, not misread.
 */
const CALLBACK_RE = /^sp:(\d{1,4}):([0-9a-f]{6})$/;

export function speakersFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const version = deps.qa.kb.manifest.corpusHash.slice(0, 6);

  c.command("speakers", async (ctx) => {
    const speakers = deps.qa.kb.speakers;
    const keyboard = new InlineKeyboard();
    speakers.forEach((sp, i) => {
      keyboard.text(sp.name, `sp:${i}:${version}`);
      if (i % 2 === 1) keyboard.row();
    });
    await replyHtml(ctx, renderSpeakerList(deps.qa.speakers()), speakers.length ? keyboard : undefined);
  });

  c.command("speaker", async (ctx) => {
    const query = ctx.match.trim();
    if (!query) {
      await ctx.reply("Whose claims? For example: /speaker " + (deps.qa.kb.speakers[0]?.name.split(" ").at(-1) ?? "Smith"));
      return;
    }
    const found = deps.qa.findSpeakers(query);
    if (found.length === 0) {
      await replyHtml(ctx, [`No speaker matches “${escapeHtml(query)}”. Send /speakers for the list.`]);
      return;
    }
    await showTyping(ctx);
    for (const sp of found.slice(0, 3)) await sendClaims(ctx, deps, sp);
  });

  c.callbackQuery(/^sp:/, async (ctx) => {
    const m = CALLBACK_RE.exec(ctx.callbackQuery.data);
    const sp = m && m[2] === version ? deps.qa.kb.speakers[Number(m[1])] : undefined;
    if (!sp) {
      await ctx.answerCallbackQuery({ text: "This button is out of date. Send /speakers again." });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendClaims(ctx, deps, sp);
  });
  return c;
}

async function sendClaims(ctx: BotContext, deps: BotDeps, sp: Speaker): Promise<void> {
  const answer = deps.qa.speakerClaims(sp);
  const heading = sp.role ? `${sp.name} — ${sp.role}` : sp.name;
  await replyHtml(ctx, renderAnswer({ ...answer, answer: `${heading}\n\n${answer.answer}` }, deps.qa.sources()));
}
