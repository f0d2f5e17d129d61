import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { digest, type Digest } from "../../src/core/answer/digest.js";
import { validateCitations } from "../../src/core/answer/citations.js";
import { EventQa } from "../../src/core/event-qa.js";
import { renderDigest } from "../../src/bot/render-digest.js";
import { FIXTURES, SEED_CORPUS, buildTemp } from "../helpers.js";
import { visibleLength } from "../support/message-checks.js";

const CORPORA = {
  seed: SEED_CORPUS,
  forum: path.join(FIXTURES, "forum"),
  geneva: path.join(FIXTURES, "geneva"),
  vienna: path.join(FIXTURES, "vienna"),
  tallinn: path.join(FIXTURES, "tallinn"),
};
const kbs = new Map<string, KnowledgeBase>();

beforeAll(async () => {
  for (const [name, dir] of Object.entries(CORPORA)) kbs.set(name, (await buildTemp(dir)).kb);
});

const lines = (d: Digest) => [d.event, ...d.speakers.map((s) => `${s.name}: ${s.text}`), ...(d.ending ? [d.ending] : [])];
/** A line's words without the digest's own marks: quotation marks, ellipses and [n] markers. */
const core = (text: string) => text.replace(/\s*(\[\d+\])+$/, "").replace(/^“|”$/g, "").replace(/^…|…$/g, "");
const markers = (text: string) => [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe.each(Object.keys(CORPORA))("digest of %s", (name) => {
  it("has one line on the event, one per speaker with claims, and the ending, in at most 1,000 characters", () => {
    const kb = kbs.get(name)!;
    const d = digest(kb);
    expect(d.event).toMatch(/\S.*\[\d+\]$/);
    const withClaims = kb.speakers.filter((s) => s.claims.length > 0).map((s) => s.name);
    expect(d.speakers.map((s) => s.name)).toEqual(withClaims);
    expect(d.ending).toMatch(/\[\d+\]$/);
    expect(lines(d).join("\n").length).toBeLessThanOrEqual(1000);
    // As the bot shows it, headings and labels included, in either language.
    for (const lang of ["en", "ru"] as const) {
      const messages = renderDigest(d, lang);
      expect(messages).toHaveLength(1);
      expect(visibleLength(messages[0]), lang).toBeLessThanOrEqual(1000);
    }
  });

  it("quotes the article verbatim: every citation at its offsets, every speaker's gist inside the sentence it cites", () => {
    const kb = kbs.get(name)!;
    const d = digest(kb);
    const problems = validateCitations(kb, { question: "", answer: lines(d).join("\n"), answerable: true, citations: d.citations });
    expect(problems).toEqual([]);
    for (const s of d.speakers) {
      const [n] = markers(s.text);
      const cited = d.citations.find((c) => c.n === n)!;
      expect(cited.quote, s.text).toContain(core(s.text));
      expect(cited.speaker).toBe(s.name);
      expect(wordCount(core(s.text)), s.text).toBeLessThanOrEqual(24);
    }
  });

  it("reads on its own: no pronoun-led gist, no 'today', ellipses where words were cut", () => {
    const kb = kbs.get(name)!;
    const d = digest(kb);
    expect(d.event).not.toMatch(/\btoday\b/i);
    for (const s of d.speakers) {
      const words = core(s.text).toLowerCase().split(/\s+/).slice(0, 3);
      expect(words.filter((w) => /^(he|she|his|her|him|they|their|them|it|its|this|these|those)$/.test(w)), s.text).toEqual([]);
      const [n] = markers(s.text);
      const quote = d.citations.find((c) => c.n === n)!.quote;
      const gist = core(s.text);
      // Starting mid-sentence, mid-quotation, is marked; so is stopping short.
      if (s.text.startsWith("“") && !quote.includes(`"${gist}`) && !quote.includes(`“${gist}`) && !quote.startsWith(gist)) expect(s.text).toMatch(/^“…/);
    }
  });
});

describe("digest options", () => {
  it("gives exactly N bullets: the event, the most important speakers and the ending", () => {
    const kb = kbs.get("geneva")!;
    for (const n of [1, 2, 3, 4, 6]) {
      const d = digest(kb, { bullets: n });
      expect(lines(d), `bullets: ${n}`).toHaveLength(n);
    }
    expect(digest(kb, { bullets: 1 }).speakers).toEqual([]);
    const three = digest(kb, { bullets: 3 });
    expect(three.speakers).toHaveLength(1);
    expect(three.ending).not.toBeNull();
  });

  it("picks the speakers the article gives most to say, and shows them in the article's order", () => {
    const kb = kbs.get("seed")!;
    const d = digest(kb, { bullets: 5 });
    expect(d.speakers).toHaveLength(3);
    const order = kb.speakers.map((s) => s.name);
    const shown = d.speakers.map((s) => order.indexOf(s.name));
    expect([...shown].sort((a, b) => a - b)).toEqual(shown);
    const said = (name: string) => kb.speakers.find((s) => s.name === name)!.claims.length;
    const least = Math.min(...d.speakers.map((s) => said(s.name)));
    const left = kb.speakers.filter((s) => !d.speakers.some((x) => x.name === s.name));
    for (const s of left) expect(s.claims.length).toBeLessThanOrEqual(least + 1);
  });

  it("fills more bullets than speakers with further claims, never inventing lines", () => {
    const kb = kbs.get("forum")!;
    const d = digest(kb, { bullets: 9 });
    expect(lines(d).length).toBeLessThanOrEqual(9);
    expect(lines(d).length).toBeGreaterThan(lines(digest(kb)).length);
    const cited = d.speakers.map((s) => markers(s.text)[0]).map((n) => d.citations.find((c) => c.n === n)!.start);
    expect(new Set(cited).size).toBe(cited.length);
  });

  it("dates the event from the date line, and drops the date before a speaker's words when short of room", () => {
    const forum = digest(kbs.get("forum")!);
    expect(forum.event).toMatch(/^2024-05-14 — A public forum on extending the northern tram line took place on Tuesday .*\[1\]\[2\]$/);
    expect(forum.citations[0]).toMatchObject({ paragraph: 0, quote: "2024-05-14" });
    const seed = digest(kbs.get("seed")!);
    expect(seed.event).toMatch(/^A round table was held at the Embassy of Kazakhstan in Moscow on the results of the elections/);
    expect(digest(kbs.get("seed")!, { maxChars: 3000 }).event).toMatch(/^March 19, 2023 — A round table was held at the Embassy of Kazakhstan in Moscow/);
  });

  it("is what EventQa.digest returns", () => {
    const kb = kbs.get("tallinn")!;
    expect(new EventQa(kb).digest({ bullets: 4 })).toEqual(digest(kb, { bullets: 4 }));
  });
});
