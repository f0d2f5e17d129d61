import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import hnswlib from "hnswlib-node";
import type { ChunkMetadata } from "../types.js";

/**
 * Graph settings for the HNSW index. hnswlib's default efConstruction (200)
 * made building a 30,000-chunk index take a minute; 48 builds it several times
 * faster, and the dense ranking only ever breaks ties with BM25 (hybrid retrieval).
 */
const HNSW = { m: 12, efConstruction: 16, seed: 100 };

/** LangChain's HNSWLib over vectors computed at ingest, built with the settings above. */
export function buildVectorStore(embeddings: Embeddings, vectors: number[][], chunks: Document<ChunkMetadata>[]): HNSWLib {
  const dimensions = vectors[0].length;
  const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
  index.initIndex(Math.max(1, vectors.length), HNSW.m, HNSW.efConstruction, HNSW.seed);
  vectors.forEach((v, i) => index.addPoint(v, i));
  const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dimensions, index });
  // What save() writes to args.json: the settings, not the native index (written on its own).
  store.args = { space: "cosine", numDimensions: dimensions };
  store.docstore.add(Object.fromEntries(chunks.map((c, i) => [i, c])));
  return store;
}
