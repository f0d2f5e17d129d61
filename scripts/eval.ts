import path from "node:path";
import { BM25Retriever } from "@langchain/community/retrievers/bm25";
import { EventQa } from "../src/core/event-qa.js";
import { combine, evaluate, type Ask, type EvalItem, type EvalScores } from "../src/core/eval/evaluate.js";
import { evalSets, readItems, type EvalSet } from "../src/core/eval/sets.js";
import { speakerRecall, type SpeakerRecall } from "../src/core/eval/speaker-recall.js";
import { openKnowledgeBase } from "../src/core/index/open-knowledge-base.js";
import type { KnowledgeBase } from "../src/core/index/knowledge-base.js";
import { HybridRetriever } from "../src/core/retrieval/hybrid-retriever.js";
import { INDEX_OPTIONS, runCli } from "../src/cli/run-cli.js";
import type { Answer } from "../src/core/answer/types.js";
import type { ChunkMetadata } from "../src/core/types.js";

const USAGE = `Usage: npm run eval -- [--split seed|dev|test|fixtures|all] [--verbose]
       npm run eval -- --set FILE --corpus DIR      (one question set against one corpus)

By default: the seed questions, and the real articles' dev and test halves, each
next to two baselines that answer with the top passage of LangChain's BM25Retriever
and of this project's own hybrid retriever.`;
const ROOT = path.join(import.meta.dirname, "..");

/** A baseline that answers with one retrieved chunk, quoted whole. */
function passageAnswer(q: string, chunk: { pageContent: string; metadata: unknown } | undefined): Answer {
  if (!chunk) return { question: q, answer: "", answerable: false, citations: [], mode: "refusal" };
  const m = chunk.metadata as ChunkMetadata;
  return {
    question: q,
    answer: `${chunk.pageContent} [1]`,
    answerable: true,
    mode: "answer",
    citations: [{ n: 1, quote: chunk.pageContent, paragraph: m.paragraph, speaker: null, docId: m.docId, start: m.start, end: m.end }],
  };
}

function baselines(kb: KnowledgeBase): Record<"bm25" | "hybrid", () => Ask> {
  const bm25 = BM25Retriever.fromDocuments(kb.chunks, { k: 1 });
  const hybrid = new HybridRetriever(kb);
  return {
    bm25: () => async (q) => passageAnswer(q, (await bm25.invoke(q))[0]),
    hybrid: () => async (q) => passageAnswer(q, (await hybrid.search(q, 1))[0]?.chunk),
  };
}

interface SetResult {
  set: EvalSet;
  items: EvalItem[];
  ours: EvalScores;
  bm25: EvalScores;
  hybrid: EvalScores;
  speakers: SpeakerRecall | null;
}

async function runSet(set: EvalSet, indexRoot: string, settings: Parameters<typeof openKnowledgeBase>[0]["settings"]): Promise<SetResult> {
  const kb = await openKnowledgeBase({ corpusDir: set.corpus, indexDir: path.join(indexRoot, `eval-${set.group}-${set.name}`), settings, rebuild: true });
  const qa = new EventQa(kb);
  const items = readItems(set);
  const base = baselines(kb);
  const session = (): Ask => {
    const c = qa.conversation();
    return (q) => c.ask(q);
  };
  return {
    set,
    items,
    ours: await evaluate(items, session),
    bm25: await evaluate(items, base.bm25),
    hybrid: await evaluate(items, base.hybrid),
    speakers: set.speakers ? speakerRecall(set.speakers, kb.speakers) : null,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function table(title: string, results: SetResult[]): string[] {
  const ours = combine(results.map((r) => r.ours));
  const bm25 = combine(results.map((r) => r.bm25));
  const hybrid = combine(results.map((r) => r.hybrid));
  const rows: [string, (s: EvalScores) => string][] = [
    ["answer accuracy", (s) => pct(s.accuracy)],
    ["closest, gold cited", (s) => pct(s.closestWithGold)],
    ["citation recall", (s) => pct(s.citationRecall)],
    ["citation precision", (s) => pct(s.citationPrecision)],
    ["correct refusals", (s) => pct(s.refusalAccuracy)],
    ["false refusals", (s) => pct(s.falseRefusalRate)],
    ["wrong-speaker answers", (s) => String(s.wrongSpeaker)],
  ];
  const lines = [
    `${title}: ${results.length} article(s), ${ours.questions} questions (${ours.answerable} answerable, ${ours.unanswerable} not)`,
    "",
    "| metric | extractive | hybrid top passage | BM25 top passage |",
    "|---|---|---|---|",
    ...rows.map(([name, f]) => `| ${name} | ${f(ours)} | ${f(hybrid)} | ${f(bm25)} |`),
  ];
  const recalls = results.map((r) => r.speakers).filter((s): s is SpeakerRecall => !!s);
  if (recalls.length) {
    const expected = recalls.reduce((n, s) => n + s.expected, 0);
    const found = recalls.reduce((n, s) => n + s.found, 0);
    const extra = recalls.flatMap((s) => s.extra);
    lines.push("", `Speakers found: ${found} of ${expected} (${pct(found / (expected || 1))}); not among the quoted: ${extra.length}${extra.length ? ` (${extra.join(", ")})` : ""}`);
  }
  return lines;
}

function perSet(results: SetResult[]): string[] {
  return [
    "| set | group | questions | accuracy | closest | citation recall | refusals | false refusals | wrong speaker | hybrid | BM25 |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.set.name} | ${r.set.group} | ${r.items.length} | ${pct(r.ours.accuracy)} | ${pct(r.ours.closestWithGold)} | ${pct(r.ours.citationRecall)} | ${pct(r.ours.refusalAccuracy)} | ${pct(r.ours.falseRefusalRate)} | ${r.ours.wrongSpeaker} | ${pct(r.hybrid.accuracy)} | ${pct(r.bm25.accuracy)} |`,
    ),
  ];
}

function failures(results: SetResult[]): string[] {
  return results.flatMap((r) =>
    r.ours.failures.length
      ? ["", `${r.set.group}/${r.set.name}: ${r.ours.failures.length} failures`, ...r.ours.failures.map((f) => `- ${f.q}\n  ${f.why}: ${f.answer.slice(0, 300)}`)]
      : [],
  );
}

await runCli(
  USAGE,
  { ...INDEX_OPTIONS, set: { type: "string" }, split: { type: "string" }, verbose: { type: "boolean" }, all: { type: "boolean" } },
  async ({ values, config }) => {
    const indexRoot = path.join(config.indexDir, "..");
    if (values.set) {
      const set: EvalSet = { name: path.basename(values.set, ".json"), group: "seed", corpus: config.corpusDir, questions: path.resolve(values.set) };
      const result = await runSet(set, indexRoot, config.index);
      process.stdout.write(`${[...table(set.name, [result]), ...failures([result])].join("\n")}\n`);
      return;
    }
    const split = values.all ? "all" : (values.split ?? "default");
    const groups = split === "all" ? ["seed", "fixtures", "dev", "test"] : split === "default" ? ["seed", "dev", "test"] : [split];
    const sets = evalSets(ROOT).filter((s) => groups.includes(s.group));
    if (sets.length === 0) throw new Error(`No question sets in the split "${split}".`);
    const results: SetResult[] = [];
    for (const s of sets) results.push(await runSet(s, indexRoot, config.index));
    const out: string[] = [];
    for (const g of groups) {
      const inGroup = results.filter((r) => r.set.group === g);
      if (inGroup.length) out.push(...table(g, inGroup), "");
    }
    out.push(...perSet(results));
    if (values.verbose) out.push(...failures(results));
    process.stdout.write(`${out.join("\n")}\n`);
  },
);
