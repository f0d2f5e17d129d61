import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { readFile } from "node:fs/promises";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { EventQa } from "../../src/core/event-qa.js";
import { validateCitations } from "../../src/core/answer/citations.js";
import { combine, evaluate, type EvalItem, type EvalScores } from "../../src/core/eval/evaluate.js";
import { evalSets, readItems } from "../../src/core/eval/sets.js";
import { ROOT, SEED_CORPUS, buildTemp } from "../helpers.js";

let kb: KnowledgeBase;
let qa: EventQa;
beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
  qa = new EventQa(kb);
});

describe("grounded answers", () => {
  it("names the person first in a who-question and cites the exact sentence", async () => {
    const a = await qa.ask("Who said that Kazakhstan has reached sovereign pluralism?");
    expect(a.answerable).toBe(true);
    expect(a.answer).toMatch(/^Kirill Petrov/);
    expect(a.citations.some((c) => c.quote.includes("sovereign pluralism") && c.speaker === "Kirill Petrov" && c.paragraph === 9)).toBe(true);
  });

  it("attributes claims instead of stating them as fact", async () => {
    const a = await qa.ask("What did the ambassador say?");
    expect(a.answer).toMatch(/Ermek Kosherbayev/);
    expect(a.answer).not.toMatch(/^He /);
    for (const c of a.citations) expect(c.speaker).toBe("Ermek Kosherbayev");
  });

  it("finds a speaker by surname, lower case, misspelling and role", async () => {
    for (const q of ["What did Perminova say about Auyl?", "what did perminova say about auyl", "What did Permnova say about Auyl?", "What did the researcher say about Auyl?"]) {
      const a = await qa.ask(q);
      expect(a.answerable, q).toBe(true);
      expect(a.citations[0].speaker, q).toBe("Alexandra Perminova");
    }
  });

  it("answers a several-speaker question with each speaker cited", async () => {
    const a = await qa.ask("Which speakers mentioned Respublica?");
    const speakers = new Set(a.citations.map((c) => c.speaker));
    expect(speakers).toEqual(new Set(["Anton Tkachev", "Kamila Baidildina"]));
  });

  it("answers who agreed with whom", async () => {
    expect((await qa.ask("Who agreed with Chizhova?")).answer).toMatch(/^Kirill Petrov agreed with Darya Chizhova \[1\]/);
    expect((await qa.ask("Did anyone disagree?")).answerable).toBe(false);
  });

  it("says no when a claim is put in the wrong mouth", async () => {
    const a = await qa.ask("Did Grachev say that young courage should lead to useful solutions?");
    expect(a.answer).toMatch(/^No\. The article attributes this to Anton Tkachev, not to Vladimir Grachev/);
  });

  it("refuses plainly, without inventing a figure, a person or a topic", async () => {
    for (const q of ["What was the voter turnout?", "How many seats did Respublica win?", "What did Putin say?", "What is the price of bitcoin?"]) {
      const a = await qa.ask(q);
      expect(a.answerable, q).toBe(false);
      expect(a.answer, q).toMatch(/^The article does not/);
      expect(a.answer, q).not.toMatch(/\d{2,}/);
    }
  });

  it("points to what the article covers when it refuses", async () => {
    const a = await qa.ask("What did the ambassador say about inflation?");
    expect(a.answerable).toBe(false);
    expect(a.answer).toMatch(/What it reports from Ermek Kosherbayev/);
    expect(validateCitations(kb, a)).toEqual([]);
  });

  it("gives only valid citations for every question of the evaluation set", async () => {
    const items = JSON.parse(await readFile(path.join(ROOT, "tests/eval/seed-questions.json"), "utf8")) as EvalItem[];
    for (const item of items) {
      const a = await qa.ask(item.q);
      expect(validateCitations(kb, a), item.q).toEqual([]);
      const sentences = [...a.answer.matchAll(/[^.!?]+[.!?]/g)].length;
      expect(sentences, item.q).toBeGreaterThan(0);
    }
  });

  it("answers greetings and thanks politely, and a question in a script other than the article's and Russian with a request for the article's language", async () => {
    expect((await qa.ask("thanks!")).answer).toMatch(/^You're welcome!/);
    expect((await qa.ask("Hello")).answer).toMatch(/^Hello! Ask me about the event/);
    expect((await qa.ask("Hi, who spoke?")).answer).toMatch(/^The speakers were/);
    const greek = await qa.ask("Ποιος μίλησε;");
    expect(greek.answerable).toBe(false);
    expect(greek.answer).toMatch(/language of the article/);
  });

  it("answers empty or symbol-only input with a clear message", async () => {
    for (const q of ["", "   ", "🙂🙂", "???"]) {
      const a = await qa.ask(q);
      expect(a.answerable).toBe(false);
      expect(a.answer).toMatch(/does not look like a question/);
    }
  });
});

describe("citation validation", () => {
  it("rejects a quote that is not the article's text, a missing marker and an unused citation", async () => {
    const a = await qa.ask("What did Petrov say?");
    expect(validateCitations(kb, a)).toEqual([]);
    const tampered = { ...a, citations: a.citations.map((c, i) => (i === 0 ? { ...c, quote: `${c.quote} (sic)` } : c)) };
    expect(validateCitations(kb, tampered).join()).toMatch(/does not quote the article/);
    expect(validateCitations(kb, { ...a, answer: `${a.answer} [9]` }).join()).toMatch(/\[9\] has no citation/);
    expect(validateCitations(kb, { ...a, answer: "No markers." }).join()).toMatch(/not used/);
  });
});

describe("evaluation targets", () => {
  // The seed and the fixture articles are regression sets (the rules were tuned on them): each stays close to
  // perfect, all of them together above the targets, and none ever puts a claim in the wrong mouth.
  const sets = evalSets(ROOT).filter((s) => s.group === "seed" || s.group === "fixtures");
  const scores: EvalScores[] = [];
  for (const set of sets) {
    it(`holds its score on ${set.name}`, async () => {
      const local = new EventQa((await buildTemp(set.corpus)).kb);
      const s = await evaluate(readItems(set), () => {
        const chat = local.conversation();
        return (q) => chat.ask(q);
      });
      scores.push(s);
      const why = JSON.stringify(s.failures, null, 1);
      expect(s.wrongSpeaker, why).toBe(0);
      expect(s.accuracy, why).toBeGreaterThanOrEqual(set.group === "seed" ? 0.97 : 0.9);
      expect(s.refusalAccuracy, why).toBe(1);
      expect(s.falseRefusalRate, why).toBeLessThanOrEqual(0.05);
    });
  }
  it("meets the targets over all of them", () => {
    expect(scores).toHaveLength(sets.length);
    const all = combine(scores);
    expect(all.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(all.citationRecall).toBeGreaterThanOrEqual(0.95);
    expect(all.falseRefusalRate).toBeLessThanOrEqual(0.02);
  });
});
