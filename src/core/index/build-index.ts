import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { buildVectorStore, saveVectorStore } from "./vector-store.js";
import { packKnowledge, unpackKnowledge, writeKnowledge, type SavedKnowledge } from "./saved-knowledge.js";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadCorpus, type Corpus } from "../corpus/load-corpus.js";
import { createEmbeddings } from "../embeddings/create-embeddings.js";
import { chunkArticle } from "../ingest/chunk.js";
import { analyseTextInBackground } from "./analyse-text.js";
import { KnowledgeBase } from "./knowledge-base.js";
import { INDEX_FORMAT, INDEX_KIND, settingsHash, type IndexSettings, type Manifest } from "./manifest.js";
import { MANIFEST_FILE, corpusRecord, prepareIndexDir, replaceIndexDir } from "./index-dir.js";

const KNOWLEDGE = "knowledge.json";

/**
 * Builds the index for a corpus and writes it atomically: everything goes to a
 * temporary sibling directory that replaces the old index only when complete.
 * A folder that is not an index of ours is never written to (see index-dir.ts).
 */
export async function buildIndex(corpusDir: string, indexDir: string, settings: IndexSettings): Promise<KnowledgeBase> {
  const started = performance.now();
  await prepareIndexDir(indexDir, corpusDir);
  const corpus = await loadCorpus(corpusDir);
  const { kb, knowledge } = await assemble(corpus, settings, started, indexDir);
  await replaceIndexDir(indexDir, corpusDir, async (tmp) => {
    await saveVectorStore(kb.store, tmp);
    await writeKnowledge(path.join(tmp, KNOWLEDGE), knowledge);
    await writeFile(path.join(tmp, MANIFEST_FILE), JSON.stringify(kb.manifest, null, 2) + "\n");
  });
  return kb;
}

async function assemble(corpus: Corpus, settings: IndexSettings, started: number, indexDir: string) {
  const chunks = corpus.articles.flatMap((a) => chunkArticle(a, settings.chunking));
  // On another core while this one embeds and indexes (a large corpus needs both).
  const analysing = analyseTextInBackground({ files: corpus.files, chunking: settings.chunking }, corpus.articles);
  const provider = createEmbeddings(settings.embedding, settings.embeddingAccess);
  const embeddingState = provider.fit(chunks.map((c) => c.pageContent));
  const { store, dimensions } = await buildVectorStore(provider.embeddings, chunks);
  const { analysis, derived } = await analysing;

  const manifest: Manifest = {
    kind: INDEX_KIND,
    format: INDEX_FORMAT,
    ...corpusRecord(corpus.dir, indexDir),
    corpusHash: corpus.hash,
    settingsHash: settingsHash(settings),
    embedding: settings.embedding,
    chunking: settings.chunking,
    counts: {
      documents: corpus.articles.length,
      paragraphs: corpus.articles.reduce((n, a) => n + a.paragraphs.length, 0),
      sentences: corpus.articles.reduce((n, a) => n + a.paragraphs.reduce((m, p) => m + p.sentences.length, 0), 0),
      chunks: chunks.length,
      speakers: analysis.speakers.length,
      claims: analysis.speakers.reduce((n, s) => n + s.claims.length, 0),
    },
    dimensions,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - started),
  };
  const kb = new KnowledgeBase(manifest, corpus.articles, chunks, store, provider.embeddings, analysis, derived);
  const knowledge = packKnowledge(corpus.articles, analysis, embeddingState, derived);
  return { kb, knowledge };
}

/** Loads a built index; the caller has already checked its manifest. */
export async function loadIndex(indexDir: string, manifest: Manifest, settings?: IndexSettings): Promise<KnowledgeBase> {
  const knowledge = unpackKnowledge(JSON.parse(await readFile(path.join(indexDir, KNOWLEDGE), "utf8")) as SavedKnowledge);
  const provider = createEmbeddings(manifest.embedding, settings?.embeddingAccess);
  provider.restore(knowledge.embeddingState);
  const store = await HNSWLib.load(indexDir, provider.embeddings);
  // The docstore keeps insertion order, which is the order chunks were built in; their text is the articles' own.
  const texts = new Map(knowledge.articles.map((a) => [a.id, a.text]));
  const chunks = [...store.docstore._docs.values()] as KnowledgeBase["chunks"];
  for (const c of chunks) c.pageContent = texts.get(c.metadata.docId)!.slice(c.metadata.start, c.metadata.end);
  return new KnowledgeBase(manifest, knowledge.articles, chunks, store, provider.embeddings, knowledge.analysis, knowledge.derived);
}
