import type { Answer } from "../core/answer/types.js";
import type { SourceInfo, SpeakerEntry, Summary } from "../core/event-qa.js";
import { shortRole } from "../core/answer/compose.js";
import { t, type Lang } from "./i18n.js";
import { toMessages, type Block } from "./render-html.js";
import { articleBlocks, groupCitations, sourceBlocks } from "./render-sources.js";

export { MAX_MESSAGE, escapeHtml, htmlToText, toMessages, type Block } from "./render-html.js";

type Rendered = Pick<Answer, "answer" | "answerable" | "citations" | "mode" | "lang">;

/** How to present an answer: the core says so in `mode`; older answerers only in `answerable`. */
function modeOf(answer: Rendered): NonNullable<Answer["mode"]> {
  return answer.mode ?? (answer.answerable ? "answer" : "refusal");
}

/**
 * An answer in Telegram HTML: the answer first, then one closed expandable
 * source per quoted passage, then the article's link. Labels are in the
 * answer's language when the core gives it, else in the user's.
 */
export function renderAnswer(answer: Rendered, sources: SourceInfo[], userLang: Lang = "en", options: { heading?: string } = {}): string[] {
  const lang = answer.lang ?? userLang;
  const mode = modeOf(answer);
  const { text, groups } = groupCitations(answer.answer, answer.citations);
  const head: Block[] = options.heading ? [{ text: options.heading, tag: "b" }] : [];
  if (mode === "smalltalk") return toMessages([...head, { text }]);
  const body: Block[] =
    mode === "refusal"
      ? [{ text: t(lang, "not-in-article"), tag: "b" }, { text, tag: "i" }]
      : mode === "closest"
        ? [{ text: t(lang, "closest"), tag: "b" }, { text }]
        : [{ text, gap: head.length > 0 }];
  const visible = [options.heading ?? "", text].join("\n");
  const label = mode === "refusal" ? t(lang, "what-it-says") : t(lang, "sources");
  return toMessages([...head, ...body, ...sourceBlocks(groups, visible, lang, label), ...articleBlocks(sources, lang)]);
}

/** The full cited summary, as long as it takes: split into as many messages as needed. */
export function renderSummary(summary: Summary, sources: SourceInfo[], lang: Lang = "en"): string[] {
  const { text, groups } = groupCitations(summary.summary, summary.citations);
  return toMessages([{ text: t(lang, "summary-heading"), tag: "b" }, { text }, ...sourceBlocks(groups, text, lang), ...articleBlocks(sources, lang)]);
}

export function renderSpeakerList(speakers: SpeakerEntry[], lang: Lang = "en"): string[] {
  if (speakers.length === 0) return toMessages([{ text: t(lang, "no-speakers") }]);
  const blocks: Block[] = [{ text: t(lang, "speakers-count", { count: speakers.length }), tag: "b" }];
  speakers.forEach((s, i) => {
    blocks.push({ text: `${i + 1}. ${s.name}`, tag: "b" });
    const role = shortRole(s.role);
    if (role) blocks.push({ text: ` — ${role}`, newline: false });
  });
  return toMessages(blocks);
}

export function renderSource(sources: SourceInfo[], lang: Lang = "en"): string[] {
  const blocks: Block[] = sources.flatMap((s): Block[] => [
    { text: s.title, tag: "b" },
    ...(s.date ? [{ text: s.date, tag: "i" as const }] : []),
    s.url ? { text: s.label ?? s.url, href: s.url } : { text: s.label ?? t(lang, "no-link") },
  ]);
  return toMessages(blocks);
}
