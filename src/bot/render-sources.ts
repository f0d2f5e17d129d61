import type { Citation } from "../core/answer/types.js";
import type { SourceInfo } from "../core/event-qa.js";
import { t, type Lang } from "./i18n.js";
import type { Block } from "./render-html.js";

/** What one source entry shows: consecutive sentences of one quotation count as one passage. */
export interface SourceGroup {
  /** The number the reader sees, [1], [2], … in order of first mention. */
  n: number;
  citations: Citation[];
}

const RUN_RE = /(?:\[\d+\])+/g;

/** Whether b continues a's quotation: the next sentence, same paragraph, same speaker. */
function continues(a: Citation, b: Citation): boolean {
  return b.n === a.n + 1 && b.docId === a.docId && b.paragraph === a.paragraph && b.paragraph > 0 && b.speaker === a.speaker && b.start >= a.end;
}

/**
 * Merges markers that cite one passage sentence by sentence ("[1][2][3]"
 * after one quotation) into one marker, renumbers markers in order of first
 * mention, and returns the text with the new markers.
 */
export function groupCitations(text: string, citations: Citation[]): { text: string; groups: SourceGroup[] } {
  const byN = new Map(citations.map((c) => [c.n, c]));
  const groupOf = new Map<number, SourceGroup>();
  const groups: SourceGroup[] = [];
  const place = (c: Citation, prev: Citation | null) => {
    const known = groupOf.get(c.n);
    if (known) return known;
    const open = prev ? groupOf.get(prev.n) : undefined;
    const g = open && open.citations.at(-1) === prev && continues(prev!, c) ? open : { n: groups.length + 1, citations: [] };
    if (g.citations.length === 0) groups.push(g);
    g.citations.push(c);
    groupOf.set(c.n, g);
    return g;
  };
  const rewritten = text.replace(RUN_RE, (run) => {
    let prev: Citation | null = null;
    const shown: number[] = [];
    for (const m of run.matchAll(/\d+/g)) {
      const c = byN.get(Number(m[0]));
      if (!c) return run; // a marker without a citation is left as it is; validation reports it elsewhere
      const g = place(c, prev);
      if (!shown.includes(g.n)) shown.push(g.n);
      prev = c;
    }
    return shown.map((n) => `[${n}]`).join("");
  });
  for (const c of citations) place(c, null);
  return { text: rewritten, groups };
}

function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/\[\d+\]/g, " ")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Whether most of a quote (half its words, in one run) is already in the text
 * the reader sees: then the source entry shows where it is from, not the
 * words again.
 */
export function alreadyShown(quote: string, text: string): boolean {
  const q = wordsOf(quote);
  const w = wordsOf(text);
  if (q.length === 0) return true;
  // Longest run of the quote's words that appears, in order and adjacent, in the text.
  let longest = 0;
  let prev = new Array<number>(w.length + 1).fill(0);
  for (let i = 1; i <= q.length; i++) {
    const row = new Array<number>(w.length + 1).fill(0);
    for (let j = 1; j <= w.length; j++) {
      if (q[i - 1] === w[j - 1]) {
        row[j] = prev[j - 1] + 1;
        if (row[j] > longest) longest = row[j];
      }
    }
    prev = row;
  }
  return longest >= Math.max(1, Math.ceil(q.length / 2));
}

export function sourceHeading(g: SourceGroup, lang: Lang): string {
  const first = g.citations[0];
  const where = first.paragraph === 0 ? t(lang, "date-line") : `¶${first.paragraph}`;
  return `[${g.n}] ${where}${first.speaker ? ` · ${first.speaker}` : ""}`;
}

/**
 * One expandable blockquote per passage, closed by default, its heading
 * inside so that a closed source costs one line. The quote is left out when
 * the visible text already holds it: no sentence is printed twice.
 */
export function sourceBlocks(groups: SourceGroup[], visible: string, lang: Lang, heading = t(lang, "sources")): Block[] {
  if (groups.length === 0) return [];
  const blocks: Block[] = [{ text: heading, tag: "b", gap: true }];
  for (const g of groups) {
    const quote = g.citations.map((c) => c.quote).join(" ");
    blocks.push({ heading: sourceHeading(g, lang), text: alreadyShown(quote, visible) ? "" : quote, tag: "blockquote expandable" });
  }
  return blocks;
}

/** "Article: kazembassy.ru", linked; nothing when the article gives no link (/source has the title). */
export function articleBlocks(sources: SourceInfo[], lang: Lang): Block[] {
  return sources
    .filter((s) => s.url)
    .flatMap((s): Block[] => [
      { text: `${t(lang, "article")}: `, newline: true, gap: true },
      { text: s.label ?? hostOf(s.url!), href: s.url!, newline: false },
    ]);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
