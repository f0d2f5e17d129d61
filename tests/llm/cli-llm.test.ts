import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeLlm } from "../support/fake-llm.js";
import { ROOT, runScript, tempDir, type CliResult } from "../helpers.js";

const API_KEY = "sk-cli-test-key-0123456789";
let fake: FakeLlm;
let index: string;

beforeAll(async () => {
  fake = await new FakeLlm().start();
  index = path.join(await tempDir(), "index");
  expect(runScript("ingest.ts", ["--index", index]).status).toBe(0);
});
afterAll(() => fake.stop());

/** Runs a script without blocking this process, which serves the fake model. */
function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", script), ...args], {
      cwd: ROOT,
      env: { ...process.env, BOT_TOKEN: "", LLM_BASE_URL: fake.baseUrl, LLM_MODEL: "fake-model", LLM_API_KEY: API_KEY, LLM_TIMEOUT_MS: "2000", EMBEDDINGS_MODEL: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const grachev = (req: { marker(w: string): string }) => ({ content: `Vladimir Grachev is a veteran of diplomatic service ${req.marker("The veteran of diplomatic")}.` });

// Each case starts Node with tsx at least once: slow on a busy machine.
describe("the CLIs with a model configured", { timeout: 120_000 }, () => {
  it("ask --json shows the model's verified answer and which answerer wrote it", async () => {
    fake.answer(grachev);
    const r = await run("ask.ts", ["--json", "--index", index, "Who is Grachev?"]);
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(Object.keys(o)).toEqual(["question", "answer", "answerable", "mode", "citations", "answerer"]);
    expect(o).toMatchObject({ answer: "Vladimir Grachev is a veteran of diplomatic service [1].", answerable: true, answerer: "llm" });
    expect(o.citations[0]).toMatchObject({ n: 1, paragraph: 7, speaker: "Vladimir Grachev" });
  });

  it("ask --json gives the offline answer and the reason when the model fails, and never shows the key", async () => {
    fake.answer([{ status: 500 }]);
    const r = await run("ask.ts", ["--json", "--index", index, "Who is Grachev?"], { LOG_LEVEL: "debug" });
    const o = JSON.parse(r.stdout);
    expect(o).toMatchObject({ answerable: true, answerer: "extractive", fallback: "http 500" });
    expect(o.answer).toMatch(/Vladimir Grachev/);
    expect(r.stderr + r.stdout).not.toContain(API_KEY);

    const text = await run("ask.ts", ["--index", index, "Who is Grachev?"]);
    expect(text.stdout).toMatch(/^Vladimir Grachev/);
    expect(text.stderr).toMatch(/Answered offline: the model's answer was not used \(http 500\)\./);
  });

  it("summary --json goes through the model", async () => {
    fake.answer((req) => ({ content: `A round table was held at the Embassy of Kazakhstan in Moscow ${req.marker("A round table was held")}.` }));
    const o = JSON.parse((await run("summary.ts", ["--json", "--index", index])).stdout);
    expect(o).toMatchObject({ summary: "A round table was held at the Embassy of Kazakhstan in Moscow [1].", answerer: "llm" });
    expect(o.citations).toHaveLength(1);
  });

  it("eval --llm reports accuracy, fallback rate, dropped sentences, latency and tokens", async () => {
    const set = path.join(await tempDir(), "set.json");
    await writeFile(
      set,
      JSON.stringify([
        { q: "Who is Grachev?", gold: [7], expect: ["veteran"] },
        { q: "Who is Vladimir Grachev?", gold: [7], expect: ["veteran"] },
        { q: "What is the weather in Astana?", answerable: false },
      ]),
    );
    fake.answer((req, i) =>
      i === 0
        ? { ...grachev(req), usage: { prompt_tokens: 900, completion_tokens: 15 } }
        : i === 1
          ? { status: 500 }
          : { content: "The article does not say what the weather was.", usage: { prompt_tokens: 500, completion_tokens: 10 } },
    );
    const r = await run("eval.ts", ["--llm", "--set", set, "--index", index]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\| metric \| llm \(verified\) \| extractive \| hybrid top passage \| BM25 top passage \|$/m);
    expect(r.stdout).toMatch(/^\| answer accuracy \| 100\.0 % \|/m);
    expect(r.stdout).toMatch(/fallback rate 33\.3 % \(http 500 1\)/);
    expect(r.stdout).toMatch(/model sentences dropped by verification 0\.0 % \(0 of 1\), mean latency \d+ ms/);
    expect(r.stdout).toMatch(/tokens 1425 \(1400 in, 25 out\) over 3 requests\./);
  });

  it("eval --llm without a model configured fails with one clear line", async () => {
    const r = runScript("eval.ts", ["--llm", "--index", index]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("Error: --llm needs a model: set LLM_BASE_URL and LLM_MODEL (see .env.example).");
  });

  it("refuses a half-done model configuration, naming the variable", async () => {
    const r = runScript("ask.ts", ["--index", index, "Who is Grachev?"], undefined, { LLM_BASE_URL: "http://127.0.0.1:9/v1" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("Error: Invalid configuration: LLM_MODEL is required when LLM_BASE_URL is set. See .env.example.");
  });
});

describe("remote embeddings", { timeout: 240_000 }, () => {
  it("builds the index through the embeddings API, records the model, and rebuilds when it changes", async () => {
    const dir = path.join(await tempDir(), "index");
    fake.embeddingsStatus = null;
    const env = { EMBEDDINGS_MODEL: "fake-embed" };
    const first = await run("ingest.ts", ["--index", dir], env);
    expect(first.status).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
    expect(manifest.embedding).toEqual({ provider: "openai-compatible", model: "fake-embed" });
    expect(manifest.dimensions).toBe(fake.dimensions);
    expect(JSON.stringify(manifest)).not.toContain(API_KEY);
    expect(fake.embeddingRequests.at(-1)).toMatchObject({ model: "fake-embed", encoding: "float" });

    fake.answer(grachev);
    const o = JSON.parse((await run("ask.ts", ["--json", "--index", dir, "Who is Grachev?"], env)).stdout);
    expect(o).toMatchObject({ answerer: "llm", answerable: true });

    // Another model makes the index stale; a failure while rebuilding leaves the old one in place.
    fake.embeddingsStatus = 500;
    const failed = await run("ingest.ts", ["--index", dir], { EMBEDDINGS_MODEL: "other-embed" });
    expect(failed.status).toBe(1);
    expect(failed.stderr.trim().split("\n")).toHaveLength(1);
    expect(failed.stderr).toMatch(/^Error: Embedding the corpus with other-embed at http:\/\/127\.0\.0\.1:\d+\/v1 failed \(http 500\); the previous index is untouched\.$/m);
    expect(JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"))).toEqual(manifest);

    // At query time a failing embeddings API leaves lexical retrieval to answer.
    const offline = JSON.parse((await run("ask.ts", ["--json", "--index", dir, "Who is Grachev?"], { ...env, LLM_BASE_URL: "", LLM_MODEL: "", EMBEDDINGS_BASE_URL: fake.baseUrl })).stdout);
    expect(offline).toMatchObject({ answerer: "extractive", answerable: true });
    expect(offline.answer).toMatch(/Vladimir Grachev/);
    fake.embeddingsStatus = null;
  });
});
