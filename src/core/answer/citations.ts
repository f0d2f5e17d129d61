import type { KnowledgeBase } from "../index/knowledge-base.js";
import type { Sentence } from "../types.js";
import type { Answer, Citation } from "./types.js";

/** Hands out citation numbers while an answer is composed; the same sentence keeps its number. */
export class CitationList {
  private readonly list: Citation[] = [];

  constructor(private readonly kb: KnowledgeBase) {}

  /** Cites one sentence and returns its marker, e.g. "[2]". */
  cite(docId: string, sentence: Sentence): string {
    let c = this.list.find((x) => x.docId === docId && x.start === sentence.start);
    if (!c) {
      c = {
        n: this.list.length + 1,
        quote: sentence.text,
        paragraph: sentence.paragraph,
        speaker: this.kb.speakerOf(docId, sentence.index)?.name ?? null,
        docId,
        start: sentence.start,
        end: sentence.end,
      };
      this.list.push(c);
    }
    return `[${c.n}]`;
  }

  /** Cites the article's date or title line (paragraph 0). */
  citeHeader(docId: string, line: string): string | null {
    const article = this.kb.article(docId);
    const start = article.text.indexOf(line);
    if (start < 0) return null;
    let c = this.list.find((x) => x.docId === docId && x.start === start);
    if (!c) {
      c = { n: this.list.length + 1, quote: line, paragraph: 0, speaker: null, docId, start, end: start + line.length };
      this.list.push(c);
    }
    return `[${c.n}]`;
  }

  get citations(): Citation[] {
    return [...this.list];
  }
}

/**
 * Checks an answer against the article, whoever composed it: every [n] has a
 * citation, every citation is used, and every quote is the article's own text
 * at the offsets it claims. Returns the problems found; none means valid.
 */
export function validateCitations(kb: KnowledgeBase, answer: Answer): string[] {
  const problems: string[] = [];
  const markers = new Set([...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  const numbers = new Set(answer.citations.map((c) => c.n));
  for (const n of markers) if (!numbers.has(n)) problems.push(`[${n}] has no citation`);
  for (const c of answer.citations) {
    if (!markers.has(c.n)) problems.push(`citation ${c.n} is not used in the answer`);
    let text: string;
    try {
      text = kb.article(c.docId).text;
    } catch {
      problems.push(`citation ${c.n} names an unknown document ${c.docId}`);
      continue;
    }
    if (text.slice(c.start, c.end) !== c.quote) problems.push(`citation ${c.n} does not quote the article at ${c.start}-${c.end}`);
    if (!c.quote.trim()) problems.push(`citation ${c.n} is empty`);
  }
  if (answer.answerable && answer.citations.length === 0) problems.push("an answer without citations");
  return problems;
}
