import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { chunkArticle, type ChunkingOptions } from "../ingest/chunk.js";
import { analyseSpeakers } from "../speakers/analyse-speakers.js";
import type { SpeakerAnalysis } from "../speakers/types.js";
import { parseCorpusFiles, type CorpusFile } from "../corpus/load-corpus.js";
import type { Article } from "../types.js";
import { deriveTerms, type Derived } from "./derived.js";

/** What ingest learns from the text itself: who speaks, and the terms retrieval reads back. */
export interface TextAnalysis {
  analysis: SpeakerAnalysis;
  derived: Derived;
  /** Set when a worker thread did the work (a failed worker falls back to this thread). */
  inWorker?: true;
}

/**
 * The corpus as files, not articles: a worker parses them again, which costs
 * far less memory than a structured clone of every paragraph and sentence.
 */
export interface AnalysisJob {
  files: CorpusFile[];
  chunking: ChunkingOptions;
}

/** Speakers, then the terms (the roles of introduced speakers are kept apart from what they said). */
export function analyseText({ files, chunking }: AnalysisJob, parsed?: Article[]): TextAnalysis {
  const articles = parsed ?? parseCorpusFiles(files);
  const analysis = analyseSpeakers(articles);
  const chunks = articles.flatMap((a) => chunkArticle(a, chunking));
  return { analysis, derived: deriveTerms(articles, chunks, analysis) };
}

/**
 * The worker's heap limit. Without one, V8 lets garbage pile up while memory
 * seems plentiful, and the worker's heap on top of the main thread's pushed a
 * 20 MB ingest past 1 GB. Its live data is about 11 bytes per byte of text
 * (220 MB for 20 MB); should it ever hit the limit, the analysis falls back to
 * the main thread.
 */
const workerHeapMb = (chars: number) => Math.max(512, Math.ceil((chars / 1e6) * 25));

/** Below this much text, a worker thread costs more to start than the analysis takes. */
const WORKER_FROM_CHARS = 2_000_000;

/**
 * The text analysis of a large corpus on a second core, while the caller
 * embeds and indexes the chunks on the first: ingest of a 20 MB corpus is
 * bound by both. Small corpora, and any failure to start a worker, are
 * analysed in this thread.
 */
export function analyseTextInBackground(job: AnalysisJob, articles: Article[], workerFromChars = WORKER_FROM_CHARS): Promise<TextAnalysis> {
  const size = articles.reduce((n, a) => n + a.text.length, 0);
  if (size < workerFromChars) return Promise.resolve(analyseText(job, articles));
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = startWorker(new URL(`./analyse-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url), job, workerHeapMb(size));
    } catch {
      resolve(analyseText(job, articles));
      return;
    }
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      resolve(analyseText(job, articles));
    };
    worker.once("message", (result: TextAnalysis) => {
      settled = true;
      resolve({ ...result, inWorker: true });
      void worker.terminate();
    });
    worker.once("error", fallback);
    worker.once("exit", (code) => code !== 0 && fallback());
  });
}

/** A worker for the module at `url`; TypeScript sources get tsx's loader, which workers do not inherit. */
function startWorker(url: URL, job: AnalysisJob, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { workerData: job, resourceLimits });
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: job, resourceLimits });
}
