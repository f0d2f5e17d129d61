import { readFile } from "node:fs/promises";
import path from "node:path";
import { BM25Retriever } from "@langchain/community/retrievers/bm25";
import { EventQa } from "../src/core/event-qa.js";
import { evaluate, type EvalItem, type EvalScores } from "../src/core/eval/evaluate.js";
import { openKnowledgeBase } from "../src/core/index/open-knowledge-base.js";
import type { KnowledgeBase } from "../src/core/index/knowledge-base.js";
import { INDEX_OPTIONS, runCli } from "../src/cli/run-cli.js";
import type { Answer } from "../src/core/answer/types.js";

const USAGE = `Usage: npm run eval -- [--set FILE] [--index DIR] [--corpus DIR] [--verbose]
       npm run eval -- --all      (every set in tests/eval/sets.json, each with its own corpus)`;
const ROOT = path.join(import.meta.dirname, "..");
const DEFAULT_SET = path.join(ROOT, "tests", "eval", "seed-questions.json");

/** LangChain's BM25Retriever, its top passage taken as the answer. */
function baseline(kb: KnowledgeBase) {
  const bm25 = BM25Retriever.fromDocuments(kb.chunks, { k: 1 });
  return async (q: string): Promise<Answer> => {
    const [doc] = await bm25.invoke(q);
    if (!doc) return { question: q, answer: "", answerable: false, citations: [] };
    const m = doc.metadata as { paragraph: number; docId: string; start: number; end: number };
    return {
      question: q,
      answer: `${doc.pageContent} [1]`,
      answerable: true,
      citations: [{ n: 1, quote: doc.pageContent, paragraph: m.paragraph, speaker: null, docId: m.docId, start: m.start, end: m.end }],
    };
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function table(ours: EvalScores, base: EvalScores): string[] {
  const rows: [string, (s: EvalScores) => number, string][] = [
    ["answer accuracy", (s) => s.accuracy, ">= 95 %"],
    ["citation recall", (s) => s.citationRecall, ">= 95 %"],
    ["citation precision", (s) => s.citationPrecision, ""],
    ["refusal accuracy", (s) => s.refusalAccuracy, "100 %"],
    ["false-refusal rate", (s) => s.falseRefusalRate, "<= 2 %"],
  ];
  return [
    `| metric             | extractive | BM25 top passage | target  |`,
    `|--------------------|------------|------------------|---------|`,
    ...rows.map(([name, f, target]) => `| ${name.padEnd(18)} | ${pct(f(ours)).padStart(10)} | ${pct(f(base)).padStart(16)} | ${target.padEnd(7)} |`),
  ];
}

async function run(setFile: string, kb: KnowledgeBase) {
  const items = JSON.parse(await readFile(setFile, "utf8")) as EvalItem[];
  const qa = new EventQa(kb);
  return { items, ours: await evaluate(items, (q) => qa.ask(q)), base: await evaluate(items, baseline(kb)) };
}

function failures(s: EvalScores): string[] {
  return s.failures.length
    ? ["", `${s.failures.length} failures of the extractive answerer:`, ...s.failures.map((f) => `- ${f.q}\n  ${f.why}: ${f.answer.slice(0, 300)}`)]
    : [];
}

await runCli(USAGE, { ...INDEX_OPTIONS, set: { type: "string" }, verbose: { type: "boolean" }, all: { type: "boolean" } }, async ({ values, config, open }) => {
  if (!values.all) {
    const setFile = values.set ?? DEFAULT_SET;
    const { items, ours, base } = await run(setFile, await open());
    const head = `${items.length} questions (${ours.answerable} answerable, ${ours.unanswerable} not) from ${path.relative(process.cwd(), setFile)}`;
    process.stdout.write(`${[head, "", ...table(ours, base), ...failures(ours)].join("\n")}\n`);
    return;
  }
  const sets = JSON.parse(await readFile(path.join(ROOT, "tests", "eval", "sets.json"), "utf8")) as { set: string; corpus: string; note: string }[];
  const lines = [
    "| set | corpus | questions | accuracy | citation recall | citation precision | refusals | false refusals | BM25 accuracy |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  const problems: string[] = [];
  for (const s of sets) {
    const kb = await openKnowledgeBase({
      corpusDir: path.join(ROOT, s.corpus),
      indexDir: path.join(config.indexDir, "..", `eval-${path.basename(s.set, ".json")}`),
      settings: config.index,
      rebuild: true,
    });
    const { items, ours, base } = await run(path.join(ROOT, "tests", "eval", s.set), kb);
    lines.push(
      `| ${s.set} | ${s.corpus} | ${items.length} | ${pct(ours.accuracy)} | ${pct(ours.citationRecall)} | ${pct(ours.citationPrecision)} | ${pct(ours.refusalAccuracy)} | ${pct(ours.falseRefusalRate)} | ${pct(base.accuracy)} |`,
    );
    if (ours.failures.length) problems.push(`\n${s.set}:`, ...failures(ours));
  }
  process.stdout.write(`${[...lines, ...problems].join("\n")}\n`);
});
