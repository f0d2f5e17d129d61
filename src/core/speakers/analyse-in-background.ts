import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Article } from "../types.js";
import { analyseSpeakers } from "./analyse-speakers.js";
import type { SpeakerAnalysis } from "./types.js";

/** Below this much text, a worker thread costs more to start than the analysis takes. */
const WORKER_FROM_CHARS = 2_000_000;

/**
 * Speaker analysis for a large corpus on a second core, while the caller
 * embeds and indexes the chunks on the first: ingest of a 20 MB corpus is
 * bound by both. Small corpora, and any failure to start a worker, are
 * analysed in this thread.
 */
export function analyseInBackground(articles: Article[]): Promise<SpeakerAnalysis> {
  const size = articles.reduce((n, a) => n + a.text.length, 0);
  if (size < WORKER_FROM_CHARS) return Promise.resolve(analyseSpeakers(articles));
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = startWorker(new URL(`./analyse-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url), articles);
    } catch {
      resolve(analyseSpeakers(articles));
      return;
    }
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      resolve(analyseSpeakers(articles));
    };
    worker.once("message", (analysis: SpeakerAnalysis) => {
      settled = true;
      resolve(analysis);
      void worker.terminate();
    });
    worker.once("error", fallback);
    worker.once("exit", (code) => code !== 0 && fallback());
  });
}

/** A worker for the module at `url`; TypeScript sources get tsx's loader, which workers do not inherit. */
function startWorker(url: URL, articles: Article[]): Worker {
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { workerData: articles });
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: articles });
}
