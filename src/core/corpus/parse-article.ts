import { splitSentences } from "../text/sentences.js";
import type { Article, Paragraph, Sentence } from "../types.js";
import { UserError } from "../errors.js";

interface Block {
  start: number;
  end: number;
  text: string;
}

// "Source: x.org", or the same label in another language, closing the article.
const SOURCE_RE = /^(?:source|sources|\p{L}{3,12})\s*:\s*(\S+)$/iu;
const URLISH_RE = /^(?:https?:\/\/\S+|[\w.-]+\.[a-z]{2,}(?:\/\S*)?)$/i;

/**
 * Parses one article: the plain layout (title, date, paragraphs, "Source:")
 * or Markdown with optional YAML front matter (title, date, source_url).
 */
export function parseArticle(id: string, file: string, text: string): Article {
  let bodyStart = 0;
  const meta: Record<string, string> = {};
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (fm) {
    for (const line of fm[1].split(/\r?\n/)) {
      const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
      if (m) meta[m[1].toLowerCase()] = m[2].trim().replace(/^(["'])(.*)\1$/, "$2");
    }
    bodyStart = fm[0].length;
  }
  let blocks = splitBlocks(text, bodyStart);
  // No blank lines at all: one paragraph per line.
  if (blocks.length <= 2) {
    const lines = splitLines(text, bodyStart);
    if (lines.length >= 4) blocks = lines;
  }

  let title = meta.title ?? null;
  let date = meta.date ?? null;
  let source = meta.source_url ?? meta.source ?? null;

  const heading = blocks[0] && /^#{1,6}\s+(.+)$/.exec(blocks[0].text);
  if (heading) {
    title ??= heading[1].trim();
    blocks.shift();
  } else if (!title && blocks.length > 1 && isTitleLine(blocks[0].text)) {
    title = blocks.shift()!.text;
  }
  if (!date && blocks.length > 1 && isDateLine(blocks[0].text)) date = blocks.shift()!.text;
  const last = blocks.at(-1);
  const sourceMatch = last && SOURCE_RE.exec(last.text);
  if (sourceMatch && (/^sources?\s*:/i.test(last.text) || URLISH_RE.test(sourceMatch[1]))) {
    source ??= sourceMatch[1].trim();
    blocks.pop();
  }

  const bodyBlocks = blocks.filter((b) => !/^#{1,6}\s/.test(b.text) && /\p{L}/u.test(b.text));
  if (bodyBlocks.length === 0) throw new UserError(`${file}: no paragraphs of text were found.`);

  const paragraphs: Paragraph[] = [];
  let sentenceIndex = 0;
  for (const block of bodyBlocks) {
    const number = paragraphs.length + 1;
    const sentences: Sentence[] = splitSentences(block.text, block.start).map((s) => ({
      index: sentenceIndex++,
      paragraph: number,
      start: s.start,
      end: s.end,
      text: s.text,
    }));
    paragraphs.push({ number, start: block.start, end: block.end, text: block.text, sentences });
  }

  const { url, label } = sourceLink(source);
  return {
    id,
    file,
    title: title ?? id,
    date,
    isoDate: date ? parseDate(date) : null,
    sourceUrl: url,
    sourceLabel: label,
    text,
    paragraphs,
  };
}

/** Blocks separated by blank lines, trimmed, with offsets into the full text. */
function splitBlocks(text: string, from: number): Block[] {
  const blocks: Block[] = [];
  const re = /\S[\s\S]*?(?=\r?\n[ \t]*\r?\n|\s*$)/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0].length > 0) {
    blocks.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    if (re.lastIndex >= text.length) break;
  }
  return blocks;
}

function splitLines(text: string, from: number): Block[] {
  const out: Block[] = [];
  for (const m of text.slice(from).matchAll(/[^\r\n]+/g)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) out.push({ start: from + m.index! + lead, end: from + m.index! + lead + body.length, text: body });
  }
  return out;
}

function isTitleLine(text: string): boolean {
  return !text.includes("\n") && text.length <= 200 && !/[.!?]["”']?$/.test(text);
}

/** A short line with a year and at most a few words: a date line in any language. */
function isDateLine(text: string): boolean {
  return parseDate(text) !== null || (text.length <= 40 && /\b\d{4}\b/.test(text) && text.split(/\s+/).length <= 5 && !/[.!?]$/.test(text));
}

/** ISO date for common news date lines ("March 19, 2023", "19 March 2023", "2023-03-19"). */
export function parseDate(text: string): string | null {
  const t = text.trim();
  if (t.length > 40 || !/\d{4}/.test(t)) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const ms = Date.parse(`${t.replace(/(\d)(st|nd|rd|th)\b/, "$1")} UTC`);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().slice(0, 10);
}

function sourceLink(source: string | null): { url: string | null; label: string | null } {
  if (!source) return { url: null, label: null };
  const s = source.trim();
  const withScheme = /^https?:\/\//i.test(s) ? s : /^[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(s) ? `https://${s}` : null;
  if (!withScheme) return { url: null, label: s };
  try {
    const url = new URL(withScheme);
    return { url: url.href, label: url.hostname.replace(/^www\./, "") };
  } catch {
    return { url: null, label: s };
  }
}
