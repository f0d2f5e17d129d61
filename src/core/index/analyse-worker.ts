import { parentPort, workerData } from "node:worker_threads";
import { analyseText, type AnalysisJob } from "./analyse-text.js";

// The worker side of analyseTextInBackground: the articles in, their analysis and terms out.
// The lexical indexes' arrays are moved, not copied: a large corpus's would otherwise exist twice.
const result = analyseText(workerData as AnalysisJob);
const { chunks, sentences } = result.derived.lexical;
const arrays = [chunks, sentences].flatMap((b) => [b.offsets, b.items, b.tfs, b.lengths].map((a) => a.buffer as ArrayBuffer));
parentPort?.postMessage(result, arrays);
