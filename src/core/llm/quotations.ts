import type { Passage } from "./passages.js";
import { dominantScript } from "./passages.js";

/** Text an answer puts in quotation marks, with where it stands (marks included). */
export interface Quotation {
  text: string;
  start: number;
  end: number;
}

const CLOSERS: Record<string, string> = { "“": "”", "«": "»", "„": "“”", '"': '"', "「": "」" };

/** The quotations in a text: “…”, «…», „…“, "…" and 「…」. Single quotes are left alone: they double as apostrophes. */
export function quotations(text: string): Quotation[] {
  const out: Quotation[] = [];
  let i = 0;
  while (i < text.length) {
    const closers = CLOSERS[text[i]];
    if (!closers) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && !closers.includes(text[j])) j++;
    if (j >= text.length) {
      i++;
      continue;
    }
    out.push({ text: text.slice(i + 1, j), start: i, end: j + 1 });
    i = j + 1;
  }
  return out;
}

/** Quote style, dashes, whitespace and case do not count when comparing a quotation with the article. */
export function normaliseQuoted(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[“”«»„‟〝〞＂"]/g, '"')
    .replace(/[‘’‚‛`´]/g, "'")
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

const EDGES = /^[\s"'.,;:!?…\-()]+|[\s"'.,;:!?…\-()]+$/g;
const ELLIPSIS = /\s*(?:\[\s*(?:\.{3}|…)\s*\]|\(\s*(?:\.{3}|…)\s*\)|\.{3}|…)\s*/;

interface Block {
  text: string;
  /** Each passage and where its text starts and ends in `text`. */
  parts: { passage: Passage; start: number; end: number }[];
}

/** Consecutive sentences read as one text, so that a quotation may run across a sentence boundary. */
function blocks(passages: Passage[]): Block[] {
  const sorted = [...passages].sort((a, b) => a.docId.localeCompare(b.docId) || a.start - b.start);
  const out: Block[] = [];
  let prev: Passage | null = null;
  for (const p of sorted) {
    const follows = prev && prev.docId === p.docId && prev.sentence !== null && p.sentence === prev.sentence + 1;
    const norm = normaliseQuoted(p.text);
    if (!follows || out.length === 0) out.push({ text: "", parts: [] });
    const b = out[out.length - 1];
    if (b.text) b.text += " ";
    b.parts.push({ passage: p, start: b.text.length, end: b.text.length + norm.length });
    b.text += norm;
    prev = p;
  }
  return out;
}

function isWordChar(ch: string | undefined): boolean {
  return !!ch && /[\p{L}\p{N}]/u.test(ch);
}

/** Where `piece` occurs in `text` from `from` on, as whole words; -1 if nowhere. */
function findWords(text: string, piece: string, from: number): number {
  for (let at = text.indexOf(piece, from); at >= 0; at = text.indexOf(piece, at + 1)) {
    if (!isWordChar(text[at - 1]) && !isWordChar(text[at + piece.length])) return at;
  }
  return -1;
}

/**
 * The passages a quotation is taken from, word for word, or null when none
 * of them says it. An ellipsis may stand for omitted words: each piece must
 * then occur, in order, in the same passage or run of consecutive ones.
 */
export function sourceOfQuotation(quoted: string, passages: Passage[]): Passage[] | null {
  const pieces = normaliseQuoted(quoted)
    .split(ELLIPSIS)
    .map((p) => p.replace(EDGES, ""))
    .filter((p) => /[\p{L}\p{N}]/u.test(p));
  if (pieces.length === 0) return [];
  for (const b of blocks(passages)) {
    let from = 0;
    const spans: [number, number][] = [];
    for (const piece of pieces) {
      const at = findWords(b.text, piece, from);
      if (at < 0) break;
      spans.push([at, at + piece.length]);
      from = at + piece.length;
    }
    if (spans.length === pieces.length) {
      return b.parts.filter((part) => spans.some(([s, e]) => s < part.end && e > part.start)).map((part) => part.passage);
    }
  }
  return null;
}

/**
 * Whether a quotation that is not the article's text is the translation of
 * an adjacent verbatim one: next to it (at most a few characters apart, as
 * in `“…” («…»)`), of comparable length, and in another script.
 */
export function isTranslation(original: Quotation, candidate: Quotation, text: string): boolean {
  const gap = original.end <= candidate.start ? text.slice(original.end, candidate.start) : text.slice(candidate.end, original.start);
  if (gap.length > 30 || /["“”«»„\[\]]/.test(gap) || /[\p{N}]/u.test(gap)) return false;
  const ratio = candidate.text.length / Math.max(1, original.text.length);
  return ratio >= 0.4 && ratio <= 2.5 && dominantScript(candidate.text) !== dominantScript(original.text);
}
