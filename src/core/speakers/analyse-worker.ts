import { parentPort, workerData } from "node:worker_threads";
import type { Article } from "../types.js";
import { analyseSpeakers } from "./analyse-speakers.js";

// The worker side of analyseInBackground: the articles in, their analysis out.
parentPort?.postMessage(analyseSpeakers(workerData as Article[]));
