import { UserError } from "../errors.js";
import { DEFAULT_CORPUS_DIR, hashCorpus, readCorpusFiles, type CorpusFile } from "../corpus/load-corpus.js";
import { DEFAULT_EMBEDDING } from "../embeddings/create-embeddings.js";
import { DEFAULT_CHUNKING } from "../ingest/chunk.js";
import { buildIndex, loadIndex } from "./build-index.js";
import { readManifest, recordedCorpus } from "./index-dir.js";
import type { KnowledgeBase } from "./knowledge-base.js";
import { checkManifest, type IndexSettings, type Manifest } from "./manifest.js";

export const DEFAULT_SETTINGS: IndexSettings = { chunking: DEFAULT_CHUNKING, embedding: DEFAULT_EMBEDDING };

export interface OpenOptions {
  /** The corpus to answer from. Absent: the corpus the index was built from (corpus/ for a new index). */
  corpusDir?: string;
  indexDir: string;
  settings?: IndexSettings;
  /** Build the index when it is missing or stale (true), or fail with instructions (false). */
  rebuild?: boolean;
  /** Where to report a rebuild; the CLIs pass stderr so stdout stays clean. */
  report?: (message: string) => void;
}

/** The corpus that goes with an index: the one given, else the one the index records, else corpus/. */
export async function resolveCorpusDir(indexDir: string, given: string | undefined): Promise<string> {
  return given ?? (await recordedCorpus(await readManifest(indexDir), indexDir)) ?? DEFAULT_CORPUS_DIR;
}

/** Loads the index, first rebuilding it when its corpus or the settings changed. */
export async function openKnowledgeBase(options: OpenOptions): Promise<KnowledgeBase> {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const manifest = await readManifest(options.indexDir);
  const own = options.corpusDir === undefined ? await recordedCorpus(manifest, options.indexDir) : undefined;
  const corpusDir = options.corpusDir ?? own ?? DEFAULT_CORPUS_DIR;
  let files: CorpusFile[];
  try {
    files = await readCorpusFiles(corpusDir);
  } catch (err) {
    if (!own || !manifest) throw err;
    return openWithoutCorpus(options, manifest, settings, err as Error);
  }
  // The index's own corpus, found where it was or where it moved: a different hash means it changed.
  const identity = { dir: own ? manifest!.corpusDir! : corpusDir, hash: hashCorpus(files) };
  const freshness = checkManifest(manifest, identity, settings);
  if (freshness.fresh && manifest) {
    try {
      return await loadIndex(options.indexDir, manifest, settings);
    } catch {
      if (!options.rebuild) throw new UserError(`The index at ${options.indexDir} is damaged. Run: npm run ingest`);
    }
  } else if (!options.rebuild) {
    throw new UserError(`The index at ${options.indexDir} is out of date: ${freshness.fresh ? "" : freshness.reason}. Run: npm run ingest`);
  }
  const why = freshness.fresh ? "it could not be read" : freshness.reason;
  const kb = await buildIndex(corpusDir, options.indexDir, settings);
  options.report?.(
    `Rebuilt the index at ${options.indexDir} because ${why}: ${kb.manifest.counts.documents} documents, ${kb.manifest.counts.chunks} chunks in ${kb.manifest.buildMs} ms.`,
  );
  return kb;
}

/** The corpus an index was built from is gone: the index still holds everything needed to answer. */
async function openWithoutCorpus(options: OpenOptions, manifest: Manifest, settings: IndexSettings, cause: Error): Promise<KnowledgeBase> {
  const builtFrom = manifest.corpusDir!;
  const usable = checkManifest(manifest, { dir: builtFrom, hash: manifest.corpusHash }, settings).fresh;
  const kb = usable ? await loadIndex(options.indexDir, manifest).catch(() => null) : null;
  if (!kb)
    throw new UserError(`The index at ${options.indexDir} was built from ${builtFrom}, which cannot be read (${cause.message}), so it cannot be rebuilt. Pass --corpus DIR.`);
  options.report?.(
    `The index at ${options.indexDir} was built from ${builtFrom}, which cannot be read now (${cause.message}); answering from the index as it was built. Pass --corpus DIR to rebuild it from another corpus.`,
  );
  return kb;
}
