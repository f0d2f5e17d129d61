import type { Digest } from "../core/answer/digest.js";
import { InlineKeyboard } from "grammy";
import { t, withLang, type Lang } from "./i18n.js";
import { toMessages, type Block } from "./render-html.js";
import { groupCitations, sourceBlocks } from "./render-sources.js";

/**
 * A digest for a group chat: a heading, the event, a bullet per speaker and
 * how it ended, with the sources closed below (the first gets a blank line before it). The lines are the core's; the
 * labels are in `lang`.
 */
export function renderDigest(digest: Digest, lang: Lang): string[] {
  // Number the markers across all lines at once, so [n] means the same everywhere.
  const lines = [digest.event, ...digest.speakers.map((s) => s.text), digest.ending ?? ""];
  const { text, groups } = groupCitations(lines.join("\n"), digest.citations);
  const shown = text.split("\n");
  const blocks: Block[] = [{ text: t(lang, "digest-heading"), tag: "b" }, { text: shown[0] }];
  digest.speakers.forEach((s, i) => {
    blocks.push({ text: "• " }, { text: s.name, tag: "b", newline: false }, { text: `: ${shown[i + 1]}`, newline: false });
  });
  const ending = shown.at(-1);
  if (digest.ending && ending) blocks.push({ text: `${t(lang, "digest-ended")}: `, tag: "i" }, { text: ending, newline: false });
  // No "Sources" heading and no link here: every visible character counts in a group, and the
  // full summary behind the button has both.
  const sources = sourceBlocks(groups, text, lang).slice(1);
  if (sources[0]) sources[0] = { ...sources[0], gap: true };
  return toMessages([...blocks, ...sources]);
}

/** Under a digest: a button for the full cited summary (callback "sum:full"). */
export function fullSummaryButton(lang: Lang): InlineKeyboard {
  return new InlineKeyboard().text(t(lang, "digest-full"), withLang("sum:full", lang));
}
