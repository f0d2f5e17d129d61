import { Document } from "@langchain/core/documents";
import type { Article, ChunkMetadata, Paragraph, Sentence } from "../types.js";

export interface ChunkingOptions {
  /** Largest chunk in characters; a paragraph longer than this is split between sentences. */
  maxChars: number;
}

// A news paragraph runs 200–900 characters: one chunk each keeps "paragraph N" meaningful.
export const DEFAULT_CHUNKING: ChunkingOptions = { maxChars: 1000 };

/**
 * Paragraphs shorter than this (wire copy's one-sentence paragraphs) share a
 * chunk with their short neighbours, up to maxChars: a chunk per sentence
 * would make the vector index of a large corpus several times bigger and
 * slower to build, and tell retrieval no more.
 */
const SHORT_PARAGRAPH = 300;

/**
 * Chunks by paragraph (short neighbours together), then by whole sentences:
 * a chunk never splits a sentence, nor a paragraph unless it is longer than maxChars.
 */
export function chunkArticle(article: Article, options: ChunkingOptions = DEFAULT_CHUNKING): Document<ChunkMetadata>[] {
  const chunks: Document<ChunkMetadata>[] = [];
  const push = (paragraphs: Paragraph[], sentences: Sentence[], part: number | null) => {
    const start = sentences[0].start;
    const end = sentences.at(-1)!.end;
    const first = paragraphs[0].number;
    const last = paragraphs.at(-1)!.number;
    chunks.push(
      new Document<ChunkMetadata>({
        pageContent: article.text.slice(start, end),
        metadata: {
          id: `${article.id}#p${first}${last !== first ? `-${last}` : ""}${part ? `.${part}` : ""}`,
          docId: article.id,
          paragraph: first,
          paragraphs: paragraphs.map((p) => p.number),
          start,
          end,
          sentences: sentences.map((s) => ({ index: s.index, start: s.start, end: s.end })),
        },
      }),
    );
  };
  let shortRun: Paragraph[] = [];
  const flushShort = () => {
    if (shortRun.length) push(shortRun, shortRun.flatMap((p) => p.sentences), null);
    shortRun = [];
  };
  for (const p of article.paragraphs) {
    if (p.sentences.length === 0) continue;
    const length = p.end - p.start;
    if (length < SHORT_PARAGRAPH) {
      if (shortRun.length && p.end - shortRun[0].start > options.maxChars) flushShort();
      shortRun.push(p);
      continue;
    }
    flushShort();
    // A long paragraph: whole sentences, up to maxChars each.
    let group: Sentence[] = [];
    let part = 0;
    const parts = p.end - p.start > options.maxChars;
    for (const s of p.sentences) {
      if (group.length > 0 && s.end - group[0].start > options.maxChars) {
        push([p], group, parts ? ++part : null);
        group = [];
      }
      group.push(s);
    }
    push([p], group, parts ? ++part : null);
  }
  flushShort();
  return chunks;
}
