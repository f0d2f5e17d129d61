import type { Embeddings } from "@langchain/core/embeddings";
import { DEFAULT_HASHED_TFIDF, HashedTfidfEmbeddings, type FittedIdf, type HashedTfidfParams } from "./hashed-tfidf.js";
import { RemoteEmbeddings, type EmbeddingAccess, type RemoteEmbeddingSettings } from "../llm/remote-embeddings.js";
import { UserError } from "../errors.js";

export type HashedTfidfSettings = { provider: "hashed-tfidf" } & HashedTfidfParams;

/** Which embeddings an index was built with; recorded in its manifest. */
export type EmbeddingSettings = HashedTfidfSettings | RemoteEmbeddingSettings;

export const DEFAULT_EMBEDDING: HashedTfidfSettings = { provider: "hashed-tfidf", ...DEFAULT_HASHED_TFIDF };

export interface FittableEmbeddings {
  embeddings: Embeddings;
  /** Fits corpus statistics at ingest; returns the state to save with the index. */
  fit(texts: string[]): unknown;
  /** Restores the saved state when an index is loaded. */
  restore(state: unknown): void;
}

/** `access` says how to reach a remote embeddings API; the local provider needs none. */
export function createEmbeddings(settings: EmbeddingSettings, access?: EmbeddingAccess): FittableEmbeddings {
  switch (settings.provider) {
    case "hashed-tfidf": {
      const { provider: _provider, ...params } = settings;
      const e = new HashedTfidfEmbeddings(params);
      return { embeddings: e, fit: (texts) => e.fit(texts), restore: (state) => e.loadIdf(state as FittedIdf) };
    }
    case "openai-compatible": {
      if (!access) throw new UserError(`The index was built with the embeddings model ${settings.model}; set EMBEDDINGS_MODEL and LLM_BASE_URL (or EMBEDDINGS_BASE_URL) to use it.`);
      // The model holds its own state: nothing to fit at ingest or to restore at load.
      return { embeddings: new RemoteEmbeddings(settings, access), fit: () => null, restore: () => undefined };
    }
    default:
      throw new Error(`Unknown embedding provider: ${(settings as { provider: string }).provider}`);
  }
}
