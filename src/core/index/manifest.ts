import { createHash } from "node:crypto";
import path from "node:path";
import type { ChunkingOptions } from "../ingest/chunk.js";
import type { EmbeddingSettings } from "../embeddings/create-embeddings.js";
import type { EmbeddingAccess } from "../llm/remote-embeddings.js";

// Bump when the saved layout or the extraction rules change, so old indexes rebuild.
export const INDEX_FORMAT = 26;

export interface IndexSettings {
  chunking: ChunkingOptions;
  embedding: EmbeddingSettings;
  /** How to reach a remote embeddings API: not a setting of the index, so neither hashed nor saved. */
  embeddingAccess?: EmbeddingAccess;
}

/** Marks a manifest as ours: only a folder holding one may be replaced by a rebuild. */
export const INDEX_KIND = "event-qa-index";

export interface Manifest {
  kind: typeof INDEX_KIND;
  format: number;
  /** Absolute path of the corpus the index was built from; absent in indexes written before it was recorded. */
  corpusDir?: string;
  /** The same corpus relative to the index folder: found again when both moved together. */
  corpusFromIndex?: string;
  corpusHash: string;
  settingsHash: string;
  embedding: EmbeddingSettings;
  chunking: ChunkingOptions;
  counts: { documents: number; paragraphs: number; sentences: number; chunks: number; speakers: number; claims: number };
  dimensions: number;
  builtAt: string;
  buildMs: number;
}

export function settingsHash({ embeddingAccess: _access, ...settings }: IndexSettings): string {
  return createHash("sha256")
    .update(JSON.stringify({ format: INDEX_FORMAT, ...settings }))
    .digest("hex")
    .slice(0, 16);
}

/**
 * Whether parsed JSON is a manifest this project wrote: it carries our marker,
 * or (written before the marker existed) it has all of the manifest's own fields.
 */
export function isIndexManifest(m: unknown): m is Manifest {
  if (!m || typeof m !== "object") return false;
  const o = m as Record<string, unknown>;
  if (o.kind === INDEX_KIND) return true;
  return (
    o.kind === undefined &&
    typeof o.format === "number" &&
    typeof o.corpusHash === "string" &&
    typeof o.settingsHash === "string" &&
    typeof o.builtAt === "string" &&
    !!o.counts &&
    typeof o.counts === "object" &&
    !!o.embedding &&
    typeof o.embedding === "object"
  );
}

export type Freshness = { fresh: true } | { fresh: false; reason: string };

/** The corpus an index is checked against: where it is, and the hash of its files. */
export interface CorpusIdentity {
  dir: string;
  hash: string;
}

export function checkManifest(manifest: Manifest | null, corpus: CorpusIdentity, settings: IndexSettings): Freshness {
  if (!manifest) return { fresh: false, reason: "no index has been built yet" };
  if (manifest.format !== INDEX_FORMAT) return { fresh: false, reason: "the index was built by another version" };
  if (manifest.corpusHash !== corpus.hash) {
    const builtFrom = manifest.corpusDir;
    if (builtFrom && path.resolve(builtFrom) !== path.resolve(corpus.dir))
      return { fresh: false, reason: `it was built from another corpus (${builtFrom})` };
    // An index from before the corpus was recorded cannot tell a changed corpus from another one.
    return { fresh: false, reason: builtFrom ? "the corpus has changed since the index was built" : "the corpus differs from the one it was built from" };
  }
  if (manifest.settingsHash !== settingsHash(settings))
    return { fresh: false, reason: "the chunking or embedding settings have changed" };
  return { fresh: true };
}
