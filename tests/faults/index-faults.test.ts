import { describe, expect, it } from "vitest";
import { appendFile, copyFile, mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildIndex } from "../../src/core/index/build-index.js";
import { DEFAULT_SETTINGS } from "../../src/core/index/open-knowledge-base.js";
import { FIXTURES, ROOT, SEED_CORPUS, copyCorpus, runScript, runScriptAsync, tempDir, type CliResult } from "../helpers.js";
import { SLOW_MS, STACK_TRACE } from "../support/main-process.js";

/** Every file under a folder with its content: what must survive a refused ingest. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name))] = await readFile(path.join(e.parentPath, e.name), "utf8");
  }
  return out;
}

// Every test runs CLIs as child processes: each takes a few seconds on a busy machine.

/** One readable error line, nothing on stdout, a non-zero exit. */
function expectRefusal(r: CliResult, message: RegExp): void {
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.status).not.toBe(0);
  expect(r.status).not.toBeNull();
}

const ingest = (args: string[], env: NodeJS.ProcessEnv = {}) => runScript("ingest.ts", args, undefined, env);

describe("1. the index is written only into an empty or missing folder, or an index of ours", { timeout: 180_000 }, () => {
  it("refuses a folder that holds other files, and leaves them all in place", async () => {
    const parent = await tempDir();
    const dir = path.join(parent, "notes");
    await mkdir(path.join(dir, "2024"), { recursive: true });
    await writeFile(path.join(dir, "todo.txt"), "call the printer\n");
    await writeFile(path.join(dir, "2024", "minutes.md"), "# Minutes\n");
    const before = await snapshot(dir);
    for (const r of [ingest([], { INDEX_DIR: dir }), runScript("ask.ts", ["--corpus", SEED_CORPUS, "--index", dir, "Who is Grachev?"])]) {
      expectRefusal(r, /^Error: .*notes.* (holds|has) (other )?files.*not an index/i);
    }
    expect(await snapshot(dir)).toEqual(before);
    expect(await readdir(parent)).toEqual(["notes"]);
  });

  it("refuses a folder with a manifest.json that is not ours", async () => {
    const dir = path.join(await tempDir(), "app");
    await mkdir(dir);
    await writeFile(path.join(dir, "manifest.json"), JSON.stringify({ name: "my-web-app", version: "1.0.0", icons: [] }));
    const before = await snapshot(dir);
    expectRefusal(ingest(["--index", dir]), /^Error: .*not an index/i);
    expect(await snapshot(dir)).toEqual(before);
  });

  it("refuses --corpus D --index D, and the articles stay", async () => {
    const corpus = await copyCorpus(SEED_CORPUS);
    const before = await snapshot(corpus);
    expectRefusal(ingest(["--corpus", corpus, "--index", corpus]), /^Error: .*(same|overlap|inside|apart)/i);
    expectRefusal(ingest([], { CORPUS_DIR: corpus, INDEX_DIR: corpus }), /^Error: .*(same|overlap|inside|apart)/i);
    expect(await snapshot(corpus)).toEqual(before);
  });

  it("refuses an index inside the corpus or around it", async () => {
    const corpus = await copyCorpus(SEED_CORPUS);
    const parent = path.dirname(corpus);
    const before = await snapshot(parent);
    expectRefusal(ingest(["--corpus", corpus, "--index", path.join(corpus, "index")]), /^Error: .*(overlap|inside|apart)/i);
    expectRefusal(ingest(["--corpus", corpus, "--index", parent]), /^Error: .*(overlap|inside|apart)/i);
    expect(await snapshot(parent)).toEqual(before);
    expect(await readdir(parent)).toEqual(["corpus"]);
  });

  it("refuses INDEX_DIR naming a file, and the file is unchanged", async () => {
    const parent = await tempDir();
    const file = path.join(parent, "package.json");
    await copyFile(path.join(ROOT, "package.json"), file);
    const before = await readFile(file, "utf8");
    expectRefusal(ingest([], { INDEX_DIR: file }), /^Error: .*package\.json.* (is a file|not a folder)/i);
    expect(await readFile(file, "utf8")).toBe(before);
    expect(await readdir(parent)).toEqual(["package.json"]);
  });

  it("builds into an empty folder, and rebuilds an index of ours, also one written before the marker existed", async () => {
    const parent = await tempDir();
    const dir = path.join(parent, "index");
    await mkdir(dir);
    expect(ingest(["--index", dir]).status).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
    expect(manifest.kind).toBe("event-qa-index");
    expect(ingest(["--index", dir]).status).toBe(0);

    // An index from the current format, written before `kind` and the corpus were recorded.
    const { kind: _kind, corpusDir: _corpusDir, ...legacy } = manifest;
    await writeFile(path.join(dir, "manifest.json"), JSON.stringify(legacy));
    const r = ingest(["--corpus", SEED_CORPUS, "--index", dir]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(await readdir(parent)).toEqual(["index"]);
  });
});

describe("2. an index answers from the corpus it was built from", { timeout: 180_000 }, () => {
  it("--index DIR alone answers from DIR's own corpus, without rebuilding it", async () => {
    const other = await copyCorpus(path.join(FIXTURES, "forum"));
    const dir = path.join(await tempDir(), "index");
    expect(ingest(["--corpus", other, "--index", dir]).status).toBe(0);
    const built = await readFile(path.join(dir, "manifest.json"), "utf8");
    expect(JSON.parse(built)).toMatchObject({ corpusDir: other });

    const ask = runScript("ask.ts", ["--json", "--index", dir, "Who moderated the discussion?"]);
    expect(ask.stderr).toBe("");
    expect(JSON.parse(ask.stdout).answer).toMatch(/Helen Marsh/);
    const speakers = runScript("speakers.ts", ["--json", "--index", dir]);
    expect(speakers.stderr).toBe("");
    expect(JSON.parse(speakers.stdout).map((s: { name: string }) => s.name)).toContain("Greta Lindqvist");
    const summary = runScript("summary.ts", ["--json", "--index", dir]);
    expect(summary.stderr).toBe("");
    expect(JSON.parse(summary.stdout).summary).toMatch(/Okafor/);
    // INDEX_DIR alone is the same as --index alone.
    expect(JSON.parse(runScript("speakers.ts", ["--json"], undefined, { INDEX_DIR: dir }).stdout)).toEqual(JSON.parse(speakers.stdout));
    expect(await readFile(path.join(dir, "manifest.json"), "utf8")).toBe(built);
  });

  it("rebuilds DIR from its own corpus when that corpus changed, and says so truthfully", async () => {
    const other = await copyCorpus(path.join(FIXTURES, "forum"));
    const dir = path.join(await tempDir(), "index");
    expect(ingest(["--corpus", other, "--index", dir]).status).toBe(0);
    await appendFile(path.join(other, "tram-forum.md"), "\nJane Roe, head of the Example Lab, said the new timetable works.\n");
    const r = runScript("speakers.ts", ["--json", "--index", dir]);
    expect(r.stderr).toMatch(/^Rebuilt the index at .* because the corpus has changed/);
    expect(JSON.parse(r.stdout).map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["Jane Roe", "Greta Lindqvist"]));
    // Once rebuilt it is fresh: no second rebuild.
    expect(runScript("speakers.ts", ["--json", "--index", dir]).stderr).toBe("");
  });

  it("--corpus and --index together rebuild from the corpus given, naming the real reason", async () => {
    const other = await copyCorpus(path.join(FIXTURES, "forum"));
    const dir = path.join(await tempDir(), "index");
    expect(ingest(["--corpus", other, "--index", dir]).status).toBe(0);
    const r = runScript("speakers.ts", ["--json", "--corpus", SEED_CORPUS, "--index", dir]);
    expect(r.stderr).toMatch(/because it was built from another corpus/);
    expect(r.stderr).not.toMatch(/corpus has changed/);
    expect(JSON.parse(r.stdout)).toHaveLength(8);
    expect(JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")).corpusDir).toBe(SEED_CORPUS);
  });

  it("answers from the index as built when its corpus is gone, and says so", async () => {
    const parent = await tempDir();
    const other = path.join(parent, "gone");
    await mkdir(other);
    await copyFile(path.join(FIXTURES, "forum", "tram-forum.md"), path.join(other, "tram-forum.md"));
    const dir = path.join(parent, "index");
    expect(ingest(["--corpus", other, "--index", dir]).status).toBe(0);
    await rm(other, { recursive: true });
    const r = runScript("ask.ts", ["--json", "--index", dir, "Who moderated the discussion?"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/built from .*gone.*cannot be read/);
    expect(JSON.parse(r.stdout).answer).toMatch(/Helen Marsh/);
  });
});

describe("2. (moved) an index and its corpus moved together", { timeout: 180_000 }, () => {
  it("still answer from that corpus, without a rebuild", async () => {
    const before = path.join(await tempDir(), "project");
    await mkdir(before);
    const corpus = path.join(before, "articles");
    await mkdir(corpus);
    await copyFile(path.join(FIXTURES, "forum", "tram-forum.md"), path.join(corpus, "tram-forum.md"));
    expect(ingest(["--corpus", corpus, "--index", path.join(before, "data", "index")]).status).toBe(0);
    const after = path.join(path.dirname(before), "moved");
    await rename(before, after);
    const r = runScript("speakers.ts", ["--json", "--index", path.join(after, "data", "index")]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).map((s: { name: string }) => s.name)).toContain("Greta Lindqvist");
  });
});

describe("3. concurrent ingests of one index serialise", { timeout: 180_000 }, () => {
  it("three ingest processes at once all succeed and leave one valid index, no leftovers", async () => {
    const corpus = await copyCorpus(SEED_CORPUS);
    const parent = await tempDir();
    const dir = path.join(parent, "index");
    const runs = await Promise.all(Array.from({ length: 3 }, () => runScriptAsync("ingest.ts", ["--corpus", corpus, "--index", dir])));
    for (const r of runs) {
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    }
    expect(await readdir(parent)).toEqual(["index"]);
    const ask = runScript("ask.ts", ["--json", "--index", dir, "Who is Grachev?"]);
    expect(ask.stderr).toBe("");
    expect(JSON.parse(ask.stdout).answerable).toBe(true);
  });

  it("twelve builds of one index at once in one process all succeed, no leftovers", async () => {
    const parent = await tempDir();
    const dir = path.join(parent, "index");
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => buildIndex(SEED_CORPUS, dir, DEFAULT_SETTINGS)));
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await readdir(parent)).toEqual(["index"]);
    expect(JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")).kind).toBe("event-qa-index");
  });

  it("takes over a lock and removes the temporary folder left by a process that died, and waits for a live one", async () => {
    const parent = await tempDir();
    const dir = path.join(parent, "index");
    const lock = path.join(parent, "index.lock");
    // Above Linux's largest pid: no such process. It also left a half-built index behind.
    const dead = 2 ** 22 + 17;
    await writeFile(lock, JSON.stringify({ pid: dead, since: new Date().toISOString() }));
    await mkdir(path.join(parent, `index.tmp-${dead}-0badcafe`));
    await writeFile(path.join(parent, `index.tmp-${dead}-0badcafe`, "args.json"), "{}");
    await mkdir(path.join(parent, "index.tmp-notes")); // not a name we give: left alone
    const r = ingest(["--index", dir]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect((await readdir(parent)).sort()).toEqual(["index", "index.tmp-notes"]);
    await rm(path.join(parent, "index.tmp-notes"), { recursive: true });

    const built = await readFile(path.join(dir, "manifest.json"), "utf8");
    await writeFile(lock, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
    let finished = false;
    const waiting = runScriptAsync("ingest.ts", ["--index", dir]).finally(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(finished).toBe(false);
    expect(await readFile(path.join(dir, "manifest.json"), "utf8")).toBe(built);
    await rm(lock);
    const done = await waiting;
    expect(done.stderr).toBe("");
    expect(done.status).toBe(0);
    expect(await readdir(parent)).toEqual(["index"]);
  });
});

describe("7. an index folder that cannot be created", { timeout: 180_000 }, () => {
  it("stops with a clear error instead of hanging, under /proc or under a file", async () => {
    const file = path.join(await tempDir(), "plain.txt");
    await writeFile(file, "x");
    // Killed after SLOW_MS, a hang shows as status null.
    const [proc, underFile] = await Promise.all([
      runScriptAsync("ingest.ts", [], { INDEX_DIR: "/proc/event-qa-faults/index" }, SLOW_MS),
      runScriptAsync("ask.ts", ["--index", path.join(file, "index"), "Who is Grachev?"], {}, SLOW_MS),
    ]);
    expectRefusal(proc, /^Error: The index folder \/proc\/event-qa-faults\/index cannot be created/);
    expectRefusal(underFile, /^Error: The index folder .*plain\.txt\/index cannot be created/);
  });
});
