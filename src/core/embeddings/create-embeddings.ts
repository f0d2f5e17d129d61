import type { Embeddings } from "@langchain/core/embeddings";
import { DEFAULT_HASHED_TFIDF, HashedTfidfEmbeddings, type FittedIdf, type HashedTfidfParams } from "./hashed-tfidf.js";

/** Which embeddings an index was built with; recorded in its manifest. */
export type EmbeddingSettings = { provider: "hashed-tfidf" } & HashedTfidfParams;

export const DEFAULT_EMBEDDING: EmbeddingSettings = { provider: "hashed-tfidf", ...DEFAULT_HASHED_TFIDF };

export interface FittableEmbeddings {
  embeddings: Embeddings;
  /** Fits corpus statistics at ingest; returns the state to save with the index. */
  fit(texts: string[]): unknown;
  /** Restores the saved state when an index is loaded. */
  restore(state: unknown): void;
}

export function createEmbeddings(settings: EmbeddingSettings): FittableEmbeddings {
  switch (settings.provider) {
    case "hashed-tfidf": {
      const { provider: _provider, ...params } = settings;
      const e = new HashedTfidfEmbeddings(params);
      return { embeddings: e, fit: (texts) => e.fit(texts), restore: (state) => e.loadIdf(state as FittedIdf) };
    }
    default:
      throw new Error(`Unknown embedding provider: ${(settings as { provider: string }).provider}`);
  }
}
