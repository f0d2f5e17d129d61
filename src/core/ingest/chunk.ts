import { Document } from "@langchain/core/documents";
import type { Article, ChunkMetadata } from "../types.js";

export interface ChunkingOptions {
  /** Largest chunk in characters; a paragraph longer than this is split between sentences. */
  maxChars: number;
}

// A news paragraph runs 200–900 characters: one chunk each keeps "paragraph N" meaningful.
export const DEFAULT_CHUNKING: ChunkingOptions = { maxChars: 1000 };

/** Chunks by paragraph, then by whole sentences: a chunk never splits a sentence. */
export function chunkArticle(article: Article, options: ChunkingOptions = DEFAULT_CHUNKING): Document<ChunkMetadata>[] {
  const chunks: Document<ChunkMetadata>[] = [];
  for (const p of article.paragraphs) {
    let group: typeof p.sentences = [];
    const flush = () => {
      if (group.length === 0) return;
      const start = group[0].start;
      const end = group.at(-1)!.end;
      const part = chunks.filter((c) => c.metadata.paragraph === p.number && c.metadata.docId === article.id).length;
      chunks.push(
        new Document<ChunkMetadata>({
          pageContent: article.text.slice(start, end),
          metadata: {
            id: `${article.id}#p${p.number}.${part + 1}`,
            docId: article.id,
            paragraph: p.number,
            start,
            end,
            sentences: group.map((s) => ({ index: s.index, start: s.start, end: s.end })),
          },
        }),
      );
      group = [];
    };
    for (const s of p.sentences) {
      if (group.length > 0 && s.end - group[0].start > options.maxChars) flush();
      group.push(s);
    }
    flush();
  }
  return chunks;
}
