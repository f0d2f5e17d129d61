import { createHash } from "node:crypto";
import type { ChunkingOptions } from "../ingest/chunk.js";
import type { EmbeddingSettings } from "../embeddings/create-embeddings.js";

// Bump when the saved layout or the extraction rules change, so old indexes rebuild.
export const INDEX_FORMAT = 22;

export interface IndexSettings {
  chunking: ChunkingOptions;
  embedding: EmbeddingSettings;
}

export interface Manifest {
  format: number;
  corpusHash: string;
  settingsHash: string;
  embedding: EmbeddingSettings;
  chunking: ChunkingOptions;
  counts: { documents: number; paragraphs: number; sentences: number; chunks: number; speakers: number; claims: number };
  dimensions: number;
  builtAt: string;
  buildMs: number;
}

export function settingsHash(settings: IndexSettings): string {
  return createHash("sha256")
    .update(JSON.stringify({ format: INDEX_FORMAT, ...settings }))
    .digest("hex")
    .slice(0, 16);
}

export type Freshness = { fresh: true } | { fresh: false; reason: string };

export function checkManifest(manifest: Manifest | null, corpusHash: string, settings: IndexSettings): Freshness {
  if (!manifest) return { fresh: false, reason: "no index has been built yet" };
  if (manifest.format !== INDEX_FORMAT) return { fresh: false, reason: "the index was built by another version" };
  if (manifest.corpusHash !== corpusHash) return { fresh: false, reason: "the corpus has changed since the index was built" };
  if (manifest.settingsHash !== settingsHash(settings))
    return { fresh: false, reason: "the chunking or embedding settings have changed" };
  return { fresh: true };
}
