import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import type { Embeddings } from "@langchain/core/embeddings";
import hnswlib from "hnswlib-node";
import type { ChunkMetadata } from "../types.js";

/**
 * Graph settings for the HNSW index. hnswlib's default efConstruction (200)
 * made building a 30,000-chunk index take a minute; 16 builds it several times
 * faster, and the dense ranking only ever joins BM25's in hybrid retrieval, so a
 * slightly less exact graph costs little.
 */
const HNSW = { m: 12, efConstruction: 16, seed: 100 };

/** Chunks embedded per batch: the vectors of a whole large corpus would not fit in memory at once. */
const BATCH = 512;

/**
 * LangChain's HNSWLib over the chunks, embedded a batch at a time and added
 * to the graph as they come (a 20 MB corpus has tens of thousands of chunks,
 * each vector eight kilobytes as numbers), built with the settings above.
 */
export async function buildVectorStore(embeddings: Embeddings, chunks: Document<ChunkMetadata>[]): Promise<{ store: HNSWLib; dimensions: number }> {
  let index: InstanceType<typeof hnswlib.HierarchicalNSW> | null = null;
  let dimensions = 0;
  for (let from = 0; from < chunks.length; from += BATCH) {
    const vectors = await embeddings.embedDocuments(chunks.slice(from, from + BATCH).map((c) => c.pageContent));
    if (!index) {
      dimensions = vectors[0].length;
      index = new hnswlib.HierarchicalNSW("cosine", dimensions);
      index.initIndex(Math.max(1, chunks.length), HNSW.m, HNSW.efConstruction, HNSW.seed);
    }
    vectors.forEach((v, i) => index!.addPoint(v, from + i));
  }
  const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dimensions, index: index! });
  // What save() writes to args.json: the settings, not the native index (written on its own).
  store.args = { space: "cosine", numDimensions: dimensions };
  store.docstore.add(Object.fromEntries(chunks.map((c, i) => [i, c])));
  return { store, dimensions };
}

/** Saves the store without the chunks' text: the articles hold it, and loading slices it back (see loadIndex). */
export async function saveVectorStore(store: HNSWLib, dir: string): Promise<void> {
  const docs = store.docstore;
  const bare = new Map([...docs._docs].map(([k, d]) => [k, new Document({ pageContent: "", metadata: d.metadata })]));
  store.docstore = new SynchronousInMemoryDocstore(bare);
  try {
    await store.save(dir);
  } finally {
    store.docstore = docs;
  }
}
