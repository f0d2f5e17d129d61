import { UserError } from "../errors.js";
import { hashCorpus, readCorpusFiles } from "../corpus/load-corpus.js";
import { DEFAULT_EMBEDDING } from "../embeddings/create-embeddings.js";
import { DEFAULT_CHUNKING } from "../ingest/chunk.js";
import { buildIndex, loadIndex, readManifest } from "./build-index.js";
import type { KnowledgeBase } from "./knowledge-base.js";
import { checkManifest, type IndexSettings } from "./manifest.js";

export const DEFAULT_SETTINGS: IndexSettings = { chunking: DEFAULT_CHUNKING, embedding: DEFAULT_EMBEDDING };

export interface OpenOptions {
  corpusDir: string;
  indexDir: string;
  settings?: IndexSettings;
  /** Build the index when it is missing or stale (true), or fail with instructions (false). */
  rebuild?: boolean;
  /** Where to report a rebuild; the CLIs pass stderr so stdout stays clean. */
  report?: (message: string) => void;
}

/** Loads the index, first rebuilding it when the corpus or the settings changed. */
export async function openKnowledgeBase(options: OpenOptions): Promise<KnowledgeBase> {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const corpusHash = hashCorpus(await readCorpusFiles(options.corpusDir));
  const manifest = await readManifest(options.indexDir);
  const freshness = checkManifest(manifest, corpusHash, settings);
  if (freshness.fresh && manifest) {
    try {
      return await loadIndex(options.indexDir, manifest);
    } catch {
      if (!options.rebuild) throw new UserError(`The index at ${options.indexDir} is damaged. Run: npm run ingest`);
    }
  } else if (!options.rebuild) {
    throw new UserError(`The index at ${options.indexDir} is out of date: ${freshness.fresh ? "" : freshness.reason}. Run: npm run ingest`);
  }
  const why = freshness.fresh ? "it could not be read" : freshness.reason;
  const kb = await buildIndex(options.corpusDir, options.indexDir, settings);
  options.report?.(
    `Rebuilt the index at ${options.indexDir} because ${why}: ${kb.manifest.counts.documents} documents, ${kb.manifest.counts.chunks} chunks in ${kb.manifest.buildMs} ms.`,
  );
  return kb;
}
