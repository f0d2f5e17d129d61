import type { KnowledgeBase } from "../index/knowledge-base.js";
import type { Sentence } from "../types.js";
import type { Answer, Citation } from "./types.js";

/** Hands out citation numbers while an answer is composed; the same sentence keeps its number. */
export class CitationList {
  private readonly list: Citation[] = [];

  constructor(private readonly kb: KnowledgeBase) {}

  /** Cites one sentence and returns its marker, e.g. "[2]". */
  cite(docId: string, sentence: Sentence): string {
    return this.citeSpan(docId, [sentence]);
  }

  /**
   * Cites consecutive sentences of one paragraph as one passage: a quotation
   * spread over three sentences is one source, [2], not [2][3][4].
   */
  citeSpan(docId: string, sentences: Sentence[]): string {
    const first = sentences[0];
    const last = sentences.at(-1)!;
    // A passage already cited, or one that holds this one, keeps its number.
    let c = this.list.find((x) => x.docId === docId && x.start <= first.start && x.end >= last.end && x.paragraph === first.paragraph);
    if (!c) {
      c = {
        n: this.list.length + 1,
        quote: this.kb.article(docId).text.slice(first.start, last.end),
        paragraph: first.paragraph,
        speaker: this.kb.speakerOf(docId, first.index)?.name ?? null,
        docId,
        start: first.start,
        end: last.end,
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
