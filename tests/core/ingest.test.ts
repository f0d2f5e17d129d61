import { describe, expect, it } from "vitest";
import { appendFile, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildIndex } from "../../src/core/index/build-index.js";
import { DEFAULT_SETTINGS, openKnowledgeBase } from "../../src/core/index/open-knowledge-base.js";
import { UserError } from "../../src/core/errors.js";
import { HashedTfidfEmbeddings } from "../../src/core/embeddings/hashed-tfidf.js";
import { loadCorpus } from "../../src/core/corpus/load-corpus.js";
import { analyseText, analyseTextInBackground } from "../../src/core/index/analyse-text.js";
import { generateCorpus } from "../../scripts/lib/generate-corpus.js";
import { FIXTURES, SEED_CORPUS, buildTemp, copyCorpus, runScript, tempDir } from "../helpers.js";

describe("ingest", () => {
  it("gives chunks whose offsets map back to the exact original text", async () => {
    const { kb } = await buildTemp(SEED_CORPUS);
    expect(kb.chunks.length).toBeGreaterThan(0);
    for (const c of kb.chunks) {
      const article = kb.article(c.metadata.docId);
      expect(article.text.slice(c.metadata.start, c.metadata.end)).toBe(c.pageContent);
      for (const { index, start, end } of c.metadata.sentences) {
        const s = kb.sentence(c.metadata.docId, index);
        expect(article.text.slice(start, end)).toBe(s.text);
        expect(c.pageContent).toContain(s.text);
        expect(s.paragraph).toBe(c.metadata.paragraph);
      }
    }
  });

  it("never splits a sentence, even with a small chunk size", async () => {
    const settings = { ...DEFAULT_SETTINGS, chunking: { maxChars: 150 } };
    const { kb } = await buildTemp(SEED_CORPUS, settings);
    const sentences = kb.sentences(kb.articles[0].id);
    const covered = kb.chunks.flatMap((c) => c.metadata.sentences.map((s) => s.index));
    expect(covered).toEqual(sentences.map((s) => s.index));
    expect(kb.chunks.length).toBeGreaterThan(kb.articles[0].paragraphs.length);
  });

  it("builds identical vectors, docstore and manifest hashes from the same corpus", async () => {
    const a = await buildTemp(SEED_CORPUS);
    const b = await buildTemp(SEED_CORPUS);
    expect(a.kb.manifest.corpusHash).toBe(b.kb.manifest.corpusHash);
    expect(a.kb.manifest.settingsHash).toBe(b.kb.manifest.settingsHash);
    const va = await a.kb.embeddings.embedDocuments(a.kb.chunks.map((c) => c.pageContent));
    const vb = await b.kb.embeddings.embedDocuments(b.kb.chunks.map((c) => c.pageContent));
    expect(va).toEqual(vb);
    for (const f of ["docstore.json", "knowledge.json", "hnswlib.index"]) {
      expect(await readFile(path.join(a.indexDir, f))).toEqual(await readFile(path.join(b.indexDir, f)));
    }
  });

  it("loads a saved index that answers exactly as the one just built", async () => {
    const { kb, indexDir } = await buildTemp(SEED_CORPUS);
    const loaded = await openKnowledgeBase({ corpusDir: SEED_CORPUS, indexDir, rebuild: false });
    expect(loaded.chunks.map((c) => c.metadata.id)).toEqual(kb.chunks.map((c) => c.metadata.id));
    expect(loaded.speakers).toEqual(kb.speakers);
    expect(await loaded.embeddings.embedQuery("elections")).toEqual(await kb.embeddings.embedQuery("elections"));
  });

  it("marks the index stale when the corpus or a setting changes", async () => {
    const corpus = await copyCorpus(SEED_CORPUS);
    const indexDir = path.join(await tempDir(), "index");
    await buildIndex(corpus, indexDir, DEFAULT_SETTINGS);
    await expect(openKnowledgeBase({ corpusDir: corpus, indexDir, rebuild: false })).resolves.toBeDefined();

    const otherSettings = { ...DEFAULT_SETTINGS, chunking: { maxChars: 400 } };
    await expect(openKnowledgeBase({ corpusDir: corpus, indexDir, settings: otherSettings, rebuild: false })).rejects.toThrow(
      /settings have changed/,
    );

    const [file] = await readdir(corpus);
    await appendFile(path.join(corpus, file), "\n\nA new closing paragraph about something else.\n");
    await expect(openKnowledgeBase({ corpusDir: corpus, indexDir, rebuild: false })).rejects.toThrow(/corpus has changed/);

    const notes: string[] = [];
    const rebuilt = await openKnowledgeBase({ corpusDir: corpus, indexDir, rebuild: true, report: (m) => notes.push(m) });
    expect(notes.join()).toMatch(/Rebuilt .* corpus has changed/);
    expect(rebuilt.article(file.replace(/\.txt$/, "")).text).toContain("A new closing paragraph");
  });

  it("ingests articles of another style and script without code changes", async () => {
    const corpus = path.join(await tempDir(), "corpus");
    await mkdir(corpus);
    for (const [dir, file] of [
      ["forum", "tram-forum.md"],
      ["summit", "alpine-summit.txt"],
      ["cyrillic", "kruglyi-stol.txt"],
    ]) {
      await writeFile(path.join(corpus, file), await readFile(path.join(FIXTURES, dir, file)));
    }
    const { kb } = await buildTemp(corpus);
    expect(kb.manifest.counts.documents).toBe(3);
    expect(kb.articles.map((a) => a.id).sort()).toEqual(["alpine-summit", "kruglyi-stol", "tram-forum"]);
    const ru = kb.article("kruglyi-stol");
    expect(ru.title).toBe("Круглый стол о развитии городского транспорта");
  });

  it("embeds Cyrillic text and tolerates typos through character n-grams", async () => {
    const e = new HashedTfidfEmbeddings();
    e.fit(["Экономист Павел Орлов не согласился с коллегой.", "The tram line will pay for itself."]);
    const [ru] = await e.embedDocuments(["Экономист Павел Орлов не согласился с коллегой."]);
    expect(ru.every(Number.isFinite)).toBe(true);
    const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
    const exact = await e.embedQuery("tram line");
    const typo = await e.embedQuery("tarm lines");
    const other = await e.embedQuery("Экономист");
    expect(cos(exact, typo)).toBeGreaterThan(cos(exact, other) + 0.2);
  });

  describe("bad corpora", () => {
    const cases: [string, (dir: string) => Promise<void>, RegExp][] = [
      ["an empty corpus", async () => undefined, /has no articles/],
      ["a binary file", (d) => writeFile(path.join(d, "photo.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])), /looks binary/],
      ["invalid UTF-8", (d) => writeFile(path.join(d, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])), /not valid UTF-8/],
      ["an article with no paragraphs", (d) => writeFile(path.join(d, "empty.md"), "---\ntitle: Nothing\n---\n\n# Nothing\n"), /no paragraphs/],
      ["an empty file", (d) => writeFile(path.join(d, "blank.txt"), "  \n"), /is empty/],
      ["a file that is not an article", (d) => writeFile(path.join(d, "data.pdf"), "%PDF-1.4"), /not an article file/],
    ];
    for (const [name, make, message] of cases) {
      it(`rejects ${name} with a clear message and leaves the old index in place`, async () => {
        const corpus = path.join(await tempDir(), "corpus");
        await mkdir(corpus);
        await make(corpus);
        const { indexDir } = await buildTemp(SEED_CORPUS);
        const before = await readFile(path.join(indexDir, "manifest.json"), "utf8");
        const err = await buildIndex(corpus, indexDir, DEFAULT_SETTINGS).catch((e) => e);
        expect(err).toBeInstanceOf(UserError);
        expect(err.message).toMatch(message);
        expect(await readFile(path.join(indexDir, "manifest.json"), "utf8")).toBe(before);
        expect((await readdir(path.dirname(indexDir))).filter((f) => f.includes(".tmp-"))).toEqual([]);
      });
    }

    it("the ingest CLI prints one error line and exits non-zero", async () => {
      const corpus = path.join(await tempDir(), "corpus");
      await mkdir(corpus);
      const index = path.join(await tempDir(), "index");
      const r = runScript("ingest.ts", ["--corpus", corpus, "--index", index]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim()).toMatch(/^Error: The corpus .* has no articles/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it("the ingest CLI prints documents, chunks, dimensions and milliseconds", async () => {
    const index = path.join(await tempDir(), "index");
    const r = runScript("ingest.ts", ["--corpus", SEED_CORPUS, "--index", index]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Indexed 1 documents, \d+ chunks, 1024 dimensions in \d+ ms/);
  });
});

describe("ingest of a large corpus", () => {
  it("finds the same speakers and terms on a second core as in this one", async () => {
    const dir = await tempDir();
    await generateCorpus(dir, 12);
    const corpus = await loadCorpus(dir);
    const job = { files: corpus.files, chunking: DEFAULT_SETTINGS.chunking };
    // A threshold of 0 forces the worker thread that a 20 MB corpus would get.
    const background = await analyseTextInBackground(job, corpus.articles, 0);
    const here = analyseText(job, corpus.articles);
    expect(background.inWorker).toBe(true);
    expect(background.analysis.speakers.length).toBeGreaterThan(12);
    expect(background.analysis).toEqual(here.analysis);
    expect(background.derived.sentenceTerms).toEqual(here.derived.sentenceTerms);
    const { sentences } = background.derived.lexical;
    expect([...sentences.items]).toEqual([...here.derived.lexical.sentences.items]);
    expect(sentences.terms).toEqual(here.derived.lexical.sentences.terms);
  });
});
