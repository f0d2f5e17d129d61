import { readFile } from "node:fs/promises";
import path from "node:path";
import { BM25Retriever } from "@langchain/community/retrievers/bm25";
import { EventQa } from "../src/core/event-qa.js";
import { evaluate, type EvalItem, type EvalScores } from "../src/core/eval/evaluate.js";
import { INDEX_OPTIONS, runCli } from "../src/cli/run-cli.js";
import type { Answer } from "../src/core/answer/types.js";

const USAGE = "Usage: npm run eval -- [--set FILE] [--index DIR] [--corpus DIR] [--verbose]";
const DEFAULT_SET = path.join(import.meta.dirname, "..", "tests", "eval", "seed-questions.json");

await runCli(USAGE, { ...INDEX_OPTIONS, set: { type: "string" }, verbose: { type: "boolean" } }, async ({ values, open }) => {
  const items = JSON.parse(await readFile(values.set ?? DEFAULT_SET, "utf8")) as EvalItem[];
  const kb = await open();
  const qa = new EventQa(kb);

  // Baseline: LangChain's BM25Retriever, its top passage taken as the answer.
  const bm25 = BM25Retriever.fromDocuments(kb.chunks, { k: 1 });
  const baseline = async (q: string): Promise<Answer> => {
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

  const ours = await evaluate(items, (q) => qa.ask(q));
  const base = await evaluate(items, baseline);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(9);
  const rows: [string, (s: EvalScores) => number, string][] = [
    ["answer accuracy", (s) => s.accuracy, ">= 95 %"],
    ["citation recall", (s) => s.citationRecall, ">= 95 %"],
    ["citation precision", (s) => s.citationPrecision, ""],
    ["refusal accuracy", (s) => s.refusalAccuracy, "100 %"],
    ["false-refusal rate", (s) => s.falseRefusalRate, "<= 2 %"],
  ];
  const out = [
    `${items.length} questions (${ours.answerable} answerable, ${ours.unanswerable} not) from ${path.relative(process.cwd(), values.set ?? DEFAULT_SET)}`,
    "",
    `| metric             | extractive | BM25 top passage | target  |`,
    `|--------------------|------------|------------------|---------|`,
    ...rows.map(([name, f, target]) => `| ${name.padEnd(18)} | ${pct(f(ours)).padStart(10)} | ${pct(f(base)).padStart(16)} | ${target.padEnd(7)} |`),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  if (values.verbose || ours.failures.length) {
    process.stdout.write(`\n${ours.failures.length} failures of the extractive answerer:\n`);
    for (const f of ours.failures) process.stdout.write(`- ${f.q}\n  ${f.why}: ${f.answer.slice(0, 300)}\n`);
  }
});
