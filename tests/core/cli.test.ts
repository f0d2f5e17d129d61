import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { writeFile } from "node:fs/promises";
import { SEED_CORPUS, copyCorpus, runScript, tempDir } from "../helpers.js";

let index: string;
beforeAll(async () => {
  index = path.join(await tempDir(), "index");
  expect(runScript("ingest.ts", ["--index", index]).status).toBe(0);
});

describe("CLI contracts", () => {
  it("ask --json prints one object with the agreed fields", () => {
    const r = runScript("ask.ts", ["--json", "--index", index, "Who agreed with Chizhova?"]);
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(Object.keys(o)).toEqual(["question", "answer", "answerable", "mode", "citations", "answerer"]);
    expect(o.answerer).toBe("extractive");
    expect(o.answerable).toBe(true);
    expect(Object.keys(o.citations[0])).toEqual(["n", "quote", "paragraph", "speaker", "docId"]);
    expect(o.citations[0]).toMatchObject({ n: 1, paragraph: 9, speaker: "Kirill Petrov", docId: "article" });
  });

  it("ask --json reads questions from stdin and answers each on its own line, in order", () => {
    const questions = ["Who is Grachev?", "", "What did Putin say?", "When was the round table held?"];
    const r = runScript("ask.ts", ["--json", "--index", index], questions.join("\n") + "\n");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(questions);
    expect(lines.map((l) => l.answerable)).toEqual([true, false, false, true]);
  });

  it("ask --json keeps one conversation per chat id across interleaved JSON lines", () => {
    const input = [
      { chat: "a", question: "What did Petrov say?" },
      { chat: "b", question: "Who is Darya Chizhova?" },
      { chat: "a", question: "who agreed with him?" },
      { chat: "b", question: "what did she say?" },
    ]
      .map((o) => JSON.stringify(o))
      .concat(["what did she say?", '{"chat": "a"}'])
      .join("\n");
    const r = runScript("ask.ts", ["--json", "--index", index], `${input}\n`);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 4).map((l) => l.chat)).toEqual(["a", "b", "a", "b"]);
    // "him" in chat a is Petrov, whom nobody is reported to agree with; "she" in chat b is Chizhova.
    expect(lines[2].answerable).toBe(false);
    expect(lines[3].citations.every((c: { speaker: string }) => c.speaker === "Darya Chizhova")).toBe(true);
    // A plain line is its own conversation: "she" points nowhere.
    expect(lines[4].answer).toMatch(/Whom do you mean/);
    expect(lines[5].error).toMatch(/question/);
  });

  it("ask prints a readable answer with its sources, and only that, on stdout", () => {
    const r = runScript("ask.ts", ["--index", index, "What did Tkachev say about young people?"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Anton Tkachev stressed: “Young people/);
    expect(r.stdout).toMatch(/\nSources:\n\[1\] paragraph 3, Anton Tkachev: “"Young people/);
  });

  it("ask without a question explains its usage and exits 2", () => {
    const r = runScript("ask.ts", ["--index", index]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Usage: npm run ask/);
  });

  it("speakers --json lists names, roles and claims with paragraphs", () => {
    const r = runScript("speakers.ts", ["--json", "--index", index]);
    const list = JSON.parse(r.stdout);
    expect(list).toHaveLength(8);
    expect(Object.keys(list[0])).toEqual(["name", "role", "claims"]);
    expect(list[7].claims[0]).toEqual({
      text: "Kirill Petrov, Head of the analytical department of the Minchenko Consulting Communications Holding company, agreed with her.",
      paragraph: 9,
    });
  });

  it("summary --json gives a cited summary", () => {
    const o = JSON.parse(runScript("summary.ts", ["--json", "--index", index]).stdout);
    expect(Object.keys(o)).toEqual(["summary", "citations"]);
    const markers = new Set([...o.summary.matchAll(/\[(\d+)\]/g)].map((m: RegExpMatchArray) => Number(m[1])));
    expect(markers.size).toBe(o.citations.length);
    expect(new Set(o.citations.map((c: { speaker: string | null }) => c.speaker)).size).toBeGreaterThanOrEqual(9);
  });

  it("rebuilds a stale index and says so on stderr only", async () => {
    const corpus = await copyCorpus(SEED_CORPUS);
    const own = path.join(await tempDir(), "index");
    runScript("ingest.ts", ["--corpus", corpus, "--index", own]);
    await writeFile(path.join(corpus, "extra.md"), "# Extra\n\nJane Roe, head of the Example Lab, said the new tests pass.\n");
    const r = runScript("speakers.ts", ["--json", "--corpus", corpus, "--index", own]);
    expect(r.stderr).toMatch(/Rebuilt the index .* corpus has changed/);
    expect(JSON.parse(r.stdout).map((s: { name: string }) => s.name)).toContain("Jane Roe");
  });
});
