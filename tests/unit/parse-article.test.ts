import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArticle } from "../../src/core/corpus/parse-article.js";
import { FIXTURES, SEED_CORPUS } from "../helpers.js";

describe("parseArticle", () => {
  it("reads the plain layout: title, date, paragraphs, source line", async () => {
    const text = await readFile(path.join(SEED_CORPUS, "article.txt"), "utf8");
    const a = parseArticle("article", "article.txt", text);
    expect(a.title).toBe(text.split("\n")[0]);
    expect(a.isoDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(a.sourceUrl).toMatch(/^https:\/\//);
    expect(a.paragraphs.length).toBeGreaterThan(3);
    // The source line is not a paragraph.
    expect(a.paragraphs.at(-1)!.text).not.toMatch(/^Source:/);
  });

  it("reads Markdown with YAML front matter", async () => {
    const text = await readFile(path.join(FIXTURES, "forum", "tram-forum.md"), "utf8");
    const a = parseArticle("tram", "tram-forum.md", text);
    expect(a.title).toBe("Riverside Forum Debates the Future of the Northern Tram Line");
    expect(a.isoDate).toBe("2024-05-14");
    expect(a.sourceUrl).toBe("https://example.org/news/tram-forum");
    expect(a.sourceLabel).toBe("example.org");
    expect(a.paragraphs[0].text).toMatch(/^A public forum/);
  });

  it("keeps every paragraph and sentence at its exact offsets", async () => {
    for (const [dir, file] of [
      [SEED_CORPUS, "article.txt"],
      [path.join(FIXTURES, "forum"), "tram-forum.md"],
      [path.join(FIXTURES, "cyrillic"), "kruglyi-stol.txt"],
    ]) {
      const text = await readFile(path.join(dir, file), "utf8");
      const a = parseArticle("x", file, text);
      for (const p of a.paragraphs) {
        expect(text.slice(p.start, p.end)).toBe(p.text);
        for (const s of p.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
      }
    }
  });

  it("recognises a date line and a source line written in another language", async () => {
    const text = await readFile(path.join(FIXTURES, "cyrillic", "kruglyi-stol.txt"), "utf8");
    const a = parseArticle("ru", "kruglyi-stol.txt", text);
    expect(a.date).toBe("5 апреля 2023");
    expect(a.sourceUrl).toBe("https://example.ru/");
    expect(a.paragraphs).toHaveLength(3);
  });

  it("reads Windows line endings with a byte-order mark", () => {
    const text = "\uFEFFPark Debate\r\n\r\n2 February 2025\r\n\r\nThe council met.\r\n\r\n\"We need parks,\" said Laura Chen.\r\n\r\nSource: citynews.example\r\n";
    const a = parseArticle("p", "p.txt", text);
    expect([a.title, a.isoDate, a.sourceUrl]).toEqual(["Park Debate", "2025-02-02", "https://citynews.example/"]);
    expect(a.paragraphs.map((p) => p.text)).toEqual(["The council met.", '"We need parks," said Laura Chen.']);
  });

  it("takes one paragraph per line when an article has no blank lines", () => {
    const text = "Budget Hearing Ends\nMay 3, 2024\nThe hearing ended late.\nOmar Haddad said the deficit would grow.\nSource: example.net\n";
    const a = parseArticle("b", "b.txt", text);
    expect([a.title, a.date, a.sourceLabel]).toEqual(["Budget Hearing Ends", "May 3, 2024", "example.net"]);
    expect(a.paragraphs.map((p) => p.text)).toEqual(["The hearing ended late.", "Omar Haddad said the deficit would grow."]);
    for (const p of a.paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
  });
});
