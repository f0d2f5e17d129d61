import { BaseRetriever } from "@langchain/core/retrievers";
import { Document } from "@langchain/core/documents";
import type { KnowledgeBase } from "../index/knowledge-base.js";
import type { ChunkMetadata } from "../types.js";
import type { Bm25 } from "./bm25.js";

export interface ScoredChunk {
  chunk: Document<ChunkMetadata>;
  /** Reciprocal-rank-fusion score: what orders the results. */
  score: number;
  dense: number;
  lexical: number;
}

export interface HybridOptions {
  k: number;
  /** How deep each ranking is read before fusing. */
  depth: number;
  rrfK: number;
  /**
   * A chunk with no query word in common is kept only when its cosine
   * similarity reaches this; below it, an unrelated question retrieves nothing.
   */
  minDense: number;
}

export const DEFAULT_HYBRID: HybridOptions = { k: 5, depth: 20, rrfK: 60, minDense: 0.3 };

/** Dense (HNSW) and lexical (BM25) retrieval over the same chunks, fused by reciprocal rank. */
export class HybridRetriever extends BaseRetriever {
  lc_namespace = ["event_qa", "retrievers", "hybrid"];
  private readonly bm25: Bm25;
  private readonly options: HybridOptions;

  constructor(
    private readonly kb: KnowledgeBase,
    options: Partial<HybridOptions> = {},
  ) {
    super();
    this.options = { ...DEFAULT_HYBRID, ...options };
    this.bm25 = kb.lexical.chunks;
  }

  async search(query: string, k = this.options.k): Promise<ScoredChunk[]> {
    const { depth, rrfK, minDense } = this.options;
    const byId = new Map<string, ScoredChunk>();
    const entry = (chunk: Document<ChunkMetadata>) => {
      let e = byId.get(chunk.metadata.id);
      if (!e) byId.set(chunk.metadata.id, (e = { chunk, score: 0, dense: 0, lexical: 0 }));
      return e;
    };

    const lexical = this.bm25.search(this.kb.vocabulary.queryTerms(query), depth);
    lexical.forEach((hit, rank) => {
      const e = entry(this.kb.chunks[hit.item]);
      e.lexical = hit.score;
      e.score += 1 / (rrfK + rank + 1);
    });

    const dense = await this.denseSearch(query, Math.min(depth, this.kb.chunks.length));
    dense.forEach(([doc, distance], rank) => {
      const similarity = 1 - distance;
      const e = byId.get((doc.metadata as ChunkMetadata).id);
      if (!e && similarity < minDense) return;
      const target = e ?? entry(doc as Document<ChunkMetadata>);
      target.dense = similarity;
      target.score += 1 / (rrfK + rank + 1);
    });

    return [...byId.values()].sort((a, b) => b.score - a.score || a.chunk.metadata.start - b.chunk.metadata.start).slice(0, k);
  }

  /** Remote embeddings can fail at query time; the lexical ranking then answers alone. */
  private async denseSearch(query: string, n: number): Promise<[Document, number][]> {
    try {
      return await this.kb.store.similaritySearchVectorWithScore(await this.kb.embeddings.embedQuery(query), n);
    } catch {
      return [];
    }
  }

  async _getRelevantDocuments(query: string): Promise<Document<ChunkMetadata & { score: number }>[]> {
    return (await this.search(query)).map(
      (r) => new Document({ pageContent: r.chunk.pageContent, metadata: { ...r.chunk.metadata, score: r.score } }),
    );
  }
}
