import type { Answer, Citation } from "../core/answer/types.js";
import type { SourceInfo, SpeakerEntry } from "../core/event-qa.js";

/** Telegram's limit for one message. */
export const MAX_MESSAGE = 4096;
/** Quotes longer than this are folded into an expandable blockquote. */
const LONG_QUOTE = 220;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A piece of a message: plain text wrapped in one tag (or none). Pieces are
 * what splitting works on, so a tag is never cut in half.
 */
export interface Block {
  text: string;
  tag?: "b" | "i" | "blockquote" | "blockquote expandable";
  href?: string;
  /** Starts on a new line (true) or continues the previous block. */
  newline?: boolean;
  /** Starts after an empty line: a new section. */
  gap?: boolean;
}

function blockHtml(b: Block, text = b.text): string {
  const body = escapeHtml(text);
  if (b.href) return `<a href="${escapeHtml(b.href)}">${body}</a>`;
  if (!b.tag) return body;
  const close = b.tag.split(" ")[0];
  return `<${b.tag}>${body}</${close}>`;
}

/**
 * Packs blocks into messages of at most `limit` characters of HTML. A block
 * too long for one message is split between words, each part wrapped in
 * its own tag, so every message is valid HTML on its own.
 */
export function toMessages(blocks: Block[], limit = MAX_MESSAGE): string[] {
  const messages: string[] = [];
  let current = "";
  const push = (html: string, newline: boolean, gap = false) => {
    const sep = current && gap ? "\n\n" : current && newline ? "\n" : "";
    if (current && current.length + sep.length + html.length > limit) {
      messages.push(current);
      current = html;
    } else {
      current += sep + html;
    }
  };
  for (const b of blocks) {
    const html = blockHtml(b);
    if (html.length <= limit) {
      push(html, b.newline ?? true, b.gap);
      continue;
    }
    for (const part of splitText(b.text, limit - (blockHtml(b, "").length + 16))) push(blockHtml(b, part), true);
  }
  if (current) messages.push(current);
  return messages;
}

/** Splits text into parts whose escaped length fits, preferring line, sentence and word boundaries. */
function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (escapeHtml(rest).length > limit) {
    let cut = limit;
    while (escapeHtml(rest.slice(0, cut)).length > limit) cut = Math.floor(cut * 0.9);
    const window = rest.slice(0, cut);
    const at = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(". ") + 1, window.lastIndexOf(" "));
    const end = at > cut * 0.5 ? at : cut;
    // Never split a surrogate pair (an emoji) in two.
    const safe = /[\uD800-\uDBFF]/.test(rest[end - 1] ?? "") ? end - 1 : end;
    parts.push(rest.slice(0, safe).trimEnd());
    rest = rest.slice(safe).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function citationBlocks(c: Citation): Block[] {
  const where = c.paragraph === 0 ? "date line" : `¶${c.paragraph}`;
  const head: Block = { text: `[${c.n}] ${where}${c.speaker ? ` · ${c.speaker}` : ""}`, tag: "b" };
  const quote: Block = { text: c.quote, tag: c.quote.length > LONG_QUOTE ? "blockquote expandable" : "blockquote" };
  return [head, quote];
}

function sourceBlocks(sources: SourceInfo[]): Block[] {
  return sources.flatMap((s): Block[] => {
    const label: Block[] = [{ text: "Article: ", newline: true, gap: true }];
    if (s.url) return [...label, { text: s.title, href: s.url, newline: false }];
    return [...label, { text: s.title, newline: false }];
  });
}

/** An answer in Telegram HTML: the answer, its sources with verbatim quotes, and the article link. */
export function renderAnswer(answer: Pick<Answer, "answer" | "answerable" | "citations">, sources: SourceInfo[]): string[] {
  const blocks: Block[] = answer.answerable
    ? [{ text: answer.answer }]
    : [{ text: "Not in the article", tag: "b" }, { text: answer.answer, tag: "i" }];
  if (answer.citations.length) {
    blocks.push({ text: answer.answerable ? "Sources" : "What it does say", tag: "b", gap: true });
    for (const c of answer.citations) blocks.push(...citationBlocks(c));
  }
  blocks.push(...sourceBlocks(sources));
  return toMessages(blocks);
}

/** A summary for a group: the text in full, sources as compact references (the quotes are the text itself). */
export function renderSummary(summary: { summary: string; citations: Citation[] }, sources: SourceInfo[]): string[] {
  const full = renderAnswer({ answer: summary.summary, answerable: true, citations: summary.citations }, sources);
  if (full.length === 1) return full;
  const refs = summary.citations.map((c) => `[${c.n}] ${c.paragraph === 0 ? "date line" : `¶${c.paragraph}`}${c.speaker ? ` ${c.speaker}` : ""}`);
  return toMessages([
    { text: "Summary", tag: "b" },
    { text: summary.summary },
    { text: `Sources: ${refs.join("; ")}`, tag: "i", gap: true },
    ...sourceBlocks(sources),
  ]);
}

export function renderSpeakerList(speakers: SpeakerEntry[]): string[] {
  if (speakers.length === 0) return ["The article names no speakers."];
  const blocks: Block[] = [{ text: `${speakers.length} people spoke. Tap a name to see their claims with sources.`, tag: "b" }];
  speakers.forEach((s, i) => {
    blocks.push({ text: `${i + 1}. ${s.name}`, tag: "b" });
    if (s.role) blocks.push({ text: ` — ${s.role}`, newline: false });
  });
  return toMessages(blocks);
}

export function renderSource(sources: SourceInfo[]): string[] {
  const blocks: Block[] = sources.flatMap((s): Block[] => [
    { text: s.title, tag: "b" },
    ...(s.date ? [{ text: s.date, tag: "i" as const }] : []),
    s.url ? { text: s.label ?? s.url, href: s.url } : { text: s.label ?? "No link is given." },
  ]);
  return toMessages(blocks);
}

/** Telegram HTML back to plain text, for the console chat. */
export function htmlToText(html: string): string {
  return html
    .replace(/<blockquote[^>]*>/g, "  “")
    .replace(/<\/blockquote>/g, "”")
    .replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (_, href, text) => `${text} (${href.replace(/&amp;/g, "&")})`)
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
