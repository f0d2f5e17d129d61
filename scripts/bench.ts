import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildIndex } from "../src/core/index/build-index.js";
import { DEFAULT_SETTINGS, openKnowledgeBase } from "../src/core/index/open-knowledge-base.js";
import { EventQa } from "../src/core/event-qa.js";
import { generateCorpus } from "./lib/generate-corpus.js";

/**
 * npm run bench: ingest time, query latency (p50/p95), index size and peak RSS
 * for the seed corpus and generated corpora of 100 and 1,000 articles, plus
 * the bot under load. Each corpus is measured in its own process, so peak RSS
 * is that corpus's own.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const QUESTIONS_PER_RUN = 300;

interface Row {
  corpus: string;
  documents: number;
  chunks: number;
  ingestMs: number;
  p50: number;
  p95: number;
  indexBytes: number;
  peakRssMb: number;
}

async function measure(corpusDir: string, label: string): Promise<Row> {
  const indexDir = path.join(await mkdtemp(path.join(tmpdir(), "bench-")), "index");
  const started = performance.now();
  await buildIndex(corpusDir, indexDir, DEFAULT_SETTINGS);
  const ingestMs = performance.now() - started;
  const kb = await openKnowledgeBase({ corpusDir, indexDir, rebuild: false });
  const qa = new EventQa(kb);
  const names = kb.speakers.map((s) => s.name);
  const templates = [
    (n: string) => `What did ${n} say?`,
    (n: string) => `Who is ${n.split(" ").at(-1)}?`,
    () => "Who spoke at the event?",
    () => "What was the voter turnout?",
    () => "Which speakers talked about cooperation?",
    (n: string) => `did ${n.toLowerCase()} mention funding`,
  ];
  const latencies: number[] = [];
  for (let i = 0; i < QUESTIONS_PER_RUN; i++) {
    const q = templates[i % templates.length](names[(i * 7) % Math.max(1, names.length)] ?? "Smith");
    const t = performance.now();
    await qa.ask(q);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const files = await readdir(indexDir);
  let indexBytes = 0;
  for (const f of files) indexBytes += (await stat(path.join(indexDir, f))).size;
  await rm(path.dirname(indexDir), { recursive: true, force: true });
  return {
    corpus: label,
    documents: kb.manifest.counts.documents,
    chunks: kb.manifest.counts.chunks,
    ingestMs,
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p95: latencies[Math.floor(latencies.length * 0.95)],
    indexBytes,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function child(args: string[]): Promise<Row> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "bench.ts"), ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`bench child failed: ${args.join(" ")}`))));
  });
}

async function main() {
  const [mode, arg, label] = process.argv.slice(2);
  if (mode === "--measure") {
    process.stdout.write(JSON.stringify(await measure(arg, label)));
    return;
  }
  const work = await mkdtemp(path.join(tmpdir(), "bench-corpora-"));
  try {
    const rows: Row[] = [await child(["--measure", path.join(ROOT, "corpus"), "seed"])];
    for (const n of [100, 1000]) {
      const dir = path.join(work, `gen-${n}`);
      await generateCorpus(dir, n);
      rows.push(await child(["--measure", dir, `generated ${n}`]));
    }

    // The CLI as a user runs it: Node start included.
    const cliIndex = path.join(work, "cli-index");
    const t = performance.now();
    spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "ingest.ts"), "--index", cliIndex], { cwd: ROOT });
    const cliMs = performance.now() - t;

    const { runLoad } = await import("../tests/support/load.js");
    const kb = await buildIndex(path.join(ROOT, "corpus"), path.join(work, "load-index"), DEFAULT_SETTINGS);
    const load = await runLoad(kb, 20, 5, 10);

    const fmt = (x: number, d = 0) => x.toFixed(d);
    const lines = [
      `| corpus | documents | chunks | ingest (ms) | query p50 (ms) | query p95 (ms) | index on disk (KB) | peak RSS (MB) |`,
      `|---|---|---|---|---|---|---|---|`,
      ...rows.map(
        (r) =>
          `| ${r.corpus} | ${r.documents} | ${r.chunks} | ${fmt(r.ingestMs)} | ${fmt(r.p50, 2)} | ${fmt(r.p95, 2)} | ${fmt(r.indexBytes / 1024)} | ${fmt(r.peakRssMb)} |`,
      ),
      "",
      `Query latency: ${QUESTIONS_PER_RUN} questions through the full answerer, per corpus.`,
      `npm run ingest on the seed corpus, Node start included: ${fmt(cliMs)} ms wall time.`,
      `Bot under load: ${load.questions} questions from ${load.users} users at once, ${load.floodReplies} of ${load.sendAttempts} sendMessage calls answered 429 (retry_after 1 s): ` +
        `all answered in ${fmt(load.ms)} ms, ${load.exactlyOnceInOrder ? "each exactly once, in order" : "NOT each exactly once"}.`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
