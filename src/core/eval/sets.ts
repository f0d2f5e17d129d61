import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { EvalItem } from "./evaluate.js";

/** A question set and the corpus it is asked about. */
export interface EvalSet {
  name: string;
  group: "seed" | "fixtures" | "dev" | "test";
  corpus: string;
  questions: string;
  /** The people the article quotes or paraphrases, when known: for the speaker-finding score. */
  speakers?: string[];
}

/**
 * Every set: the seed questions, the fixture articles written for this project,
 * and the real articles written by others, split once into dev and a frozen test half.
 */
export function evalSets(root: string): EvalSet[] {
  const evalDir = path.join(root, "tests", "eval");
  const sets: EvalSet[] = [];
  const listed = JSON.parse(readFileSync(path.join(evalDir, "sets.json"), "utf8")) as { set: string; corpus: string }[];
  for (const s of listed) {
    sets.push({
      name: path.basename(s.set, ".json").replace(/-questions$/, ""),
      group: s.corpus === "corpus" ? "seed" : "fixtures",
      corpus: path.join(root, s.corpus),
      questions: path.join(evalDir, s.set),
    });
  }
  const realDir = path.join(evalDir, "real");
  const splitFile = path.join(realDir, "split.json");
  if (existsSync(splitFile)) {
    const split = JSON.parse(readFileSync(splitFile, "utf8")) as { dev: string[]; test: string[] };
    for (const group of ["dev", "test"] as const) {
      for (const slug of split[group]) {
        const dir = path.join(realDir, slug);
        const metaFile = path.join(dir, "meta.json");
        const meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, "utf8")) as { speakers?: string[] }) : {};
        sets.push({ name: slug, group, corpus: path.join(dir, "corpus"), questions: path.join(dir, "questions.json"), speakers: meta.speakers });
      }
    }
  }
  return sets;
}

export function readItems(set: EvalSet): EvalItem[] {
  return JSON.parse(readFileSync(set.questions, "utf8")) as EvalItem[];
}
