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
import { UserError } from "../src/core/errors.js";
import { createEventQa } from "../src/core/llm/create-event-qa.js";
import type { LlmAnswerer, LlmStats } from "../src/core/llm/llm-answerer.js";
import type { LlmSettings } from "../src/core/llm/settings.js";
import { createLogger } from "../src/logger.js";

const USAGE = `Usage: npm run eval -- [--split seed|dev|test|fixtures|all] [--verbose] [--llm]
       npm run eval -- --set FILE --corpus DIR      (one question set against one corpus)

With LLM_BASE_URL and LLM_MODEL set, every set also goes through the model (--llm
insists on one), reporting fallback rate, dropped sentences, latency and tokens.

By default: the seed questions, and the real articles' dev and test halves, each
next to two baselines that answer with the top passage of LangChain's BM25Retriever
and of this project's own hybrid retriever.`;
const ROOT = path.join(import.meta.dirname, "..");

/** A baseline that answers with one retrieved chunk, quoted whole: one citation per paragraph it holds. */
function passageAnswer(kb: KnowledgeBase, q: string, chunk: { pageContent: string; metadata: unknown } | undefined): Answer {
  if (!chunk) return { question: q, answer: "", answerable: false, citations: [], mode: "refusal" };
  const m = chunk.metadata as ChunkMetadata;
  const article = kb.article(m.docId);
  const citations = m.paragraphs.map((n, i) => {
    const p = article.paragraphs[n - 1];
    return { n: i + 1, quote: p.text, paragraph: n, speaker: null, docId: m.docId, start: p.start, end: p.end };
  });
  return { question: q, answer: `${chunk.pageContent} ${citations.map((c) => `[${c.n}]`).join("")}`, answerable: true, mode: "answer", citations };
}

function baselines(kb: KnowledgeBase): Record<"bm25" | "hybrid", () => Ask> {
  const bm25 = BM25Retriever.fromDocuments(kb.chunks, { k: 1 });
  const hybrid = new HybridRetriever(kb);
  return {
    bm25: () => async (q) => passageAnswer(kb, q, (await bm25.invoke(q))[0]),
    hybrid: () => async (q) => passageAnswer(kb, q, (await hybrid.search(q, 1))[0]?.chunk),
  };
}

interface SetResult {
  set: EvalSet;
  items: EvalItem[];
  ours: EvalScores;
  bm25: EvalScores;
  hybrid: EvalScores;
  speakers: SpeakerRecall | null;
  model?: ModelRun;
}

/** A set through the model: its scores, and what the model did on the way. */
interface ModelRun {
  scores: EvalScores;
  questions: number;
  fallbacks: number;
  ms: number;
  stats: LlmStats;
}

async function runModel(kb: KnowledgeBase, items: EvalItem[], llm: LlmSettings): Promise<ModelRun> {
  const qa = createEventQa(kb, llm, createLogger(process.env.LOG_LEVEL || "warn", [llm.apiKey]));
  let [questions, fallbacks, ms] = [0, 0, 0];
  const session = (): Ask => {
    const c = qa.conversation();
    return async (q) => {
      const started = performance.now();
      const a = await c.ask(q);
      ms += performance.now() - started;
      questions++;
      if (a.fallback) fallbacks++;
      return a;
    };
  };
  const scores = await evaluate(items, session);
  return { scores, questions, fallbacks, ms, stats: (qa.answerer as LlmAnswerer).stats };
}

/** The model's figures summed over several sets. */
function modelReport(runs: ModelRun[]): string[] {
  const sum = (f: (r: ModelRun) => number) => runs.reduce((n, r) => n + f(r), 0);
  const [questions, sentences, dropped] = [sum((r) => r.questions), sum((r) => r.stats.sentences), sum((r) => r.stats.dropped)];
  const [input, output, asked] = [sum((r) => r.stats.inputTokens), sum((r) => r.stats.outputTokens), sum((r) => r.stats.asked)];
  const reasons = new Map<string, number>();
  for (const r of runs) for (const [k, n] of Object.entries(r.stats.fallbacks)) reasons.set(k, (reasons.get(k) ?? 0) + n);
  const why = [...reasons].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
  return [
    "",
    `Through the model: answer accuracy ${pct(combine(runs.map((r) => r.scores)).accuracy)}, fallback rate ${pct(sum((r) => r.fallbacks) / (questions || 1))}${why ? ` (${why})` : ""},`,
    `model sentences dropped by verification ${pct(dropped / (sentences || 1))} (${dropped} of ${sentences}), mean latency ${(sum((r) => r.ms) / (questions || 1)).toFixed(0)} ms,`,
    `tokens ${input + output} (${input} in, ${output} out) over ${asked} requests.`,
  ];
}

async function runSet(set: EvalSet, indexRoot: string, settings: Parameters<typeof openKnowledgeBase>[0]["settings"], llm?: LlmSettings): Promise<SetResult> {
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
    model: llm ? await runModel(kb, items, llm) : undefined,
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
  const runs = results.map((r) => r.model).filter((m): m is ModelRun => !!m);
  const model = runs.length ? combine(runs.map((m) => m.scores)) : null;
  const lines = [
    `${title}: ${results.length} article(s), ${ours.questions} questions (${ours.answerable} answerable, ${ours.unanswerable} not)`,
    "",
    `| metric |${model ? " llm (verified) |" : ""} extractive | hybrid top passage | BM25 top passage |`,
    `|---|${model ? "---|" : ""}---|---|---|`,
    ...rows.map(([name, f]) => `| ${name} |${model ? ` ${f(model)} |` : ""} ${f(ours)} | ${f(hybrid)} | ${f(bm25)} |`),
    ...(runs.length ? modelReport(runs) : []),
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
  { ...INDEX_OPTIONS, set: { type: "string" }, split: { type: "string" }, verbose: { type: "boolean" }, all: { type: "boolean" }, llm: { type: "boolean" } },
  async ({ values, config }) => {
    if (values.llm && !config.llm) throw new UserError("--llm needs a model: set LLM_BASE_URL and LLM_MODEL (see .env.example).");
    const indexRoot = path.join(config.indexDir, "..");
    if (values.set) {
      const set: EvalSet = { name: path.basename(values.set, ".json"), group: "seed", corpus: config.corpusDir, questions: path.resolve(values.set) };
      const result = await runSet(set, indexRoot, config.index, config.llm);
      process.stdout.write(`${[...table(set.name, [result]), ...failures([result])].join("\n")}\n`);
      return;
    }
    const split = values.all ? "all" : (values.split ?? "default");
    const groups = split === "all" ? ["seed", "fixtures", "dev", "test"] : split === "default" ? ["seed", "dev", "test"] : [split];
    const sets = evalSets(ROOT).filter((s) => groups.includes(s.group));
    if (sets.length === 0) throw new Error(`No question sets in the split "${split}".`);
    const results: SetResult[] = [];
    for (const s of sets) results.push(await runSet(s, indexRoot, config.index, config.llm));
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
