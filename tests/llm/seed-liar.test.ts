import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import type { EvalItem } from "../../src/core/eval/evaluate.js";
import { validateCitations } from "../../src/core/answer/citations.js";
import { createEventQa } from "../../src/core/llm/create-event-qa.js";
import { FakeLlm, type ChatRequest, type PromptPassage } from "../support/fake-llm.js";
import { ROOT, SEED_CORPUS, buildTemp } from "../helpers.js";

let kb: KnowledgeBase;
let fake: FakeLlm;
beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
  fake = await new FakeLlm().start();
});
afterAll(() => fake.stop());

const FABRICATED = [
  "The elections were a fraud and nobody believed the results",
  "Kazakhstan will leave every union with Russia within a year",
  "The opposition was banned from the ballot",
  "Only the ruling party deserves the trust of the people",
];

/** A run of words from a passage that holds no quotation mark: quotable as it stands. */
function quotable(p: PromptPassage): string {
  const segment = p.text.split(/["“”]/).sort((a, b) => b.length - a.length)[0];
  return segment.trim().split(/\s+/).slice(0, 7).join(" ").replace(/[,.;:]$/, "");
}

/**
 * A model that lies in varied ways: each answer has one true, cited sentence
 * and one lie, the lie first in every other answer. The lies are recorded
 * with the words that must never reach the user.
 */
function liar(lies: Map<string, string>) {
  return (req: ChatRequest, i: number) => {
    const spoken = req.passages.filter((p) => p.speaker !== "none");
    const speakers = [...new Set(spoken.map((p) => p.speaker))];
    const source = spoken[i % Math.max(1, spoken.length)] ?? req.passages[0];
    const truth =
      source.speaker === "none"
        ? `The article reports: “${quotable(source)}” [${source.n}].`
        : `${source.speaker} is quoted: “${quotable(source)}” [${source.n}].`;
    const other = speakers.find((s) => s !== source.speaker) ?? "Vladimir Putin";
    const otherPassage = spoken.find((p) => p.speaker === other);
    const claim = quotable(source);
    const kinds: [string, string][] = [
      [`${source.speaker === "none" ? other : source.speaker} said: “${FABRICATED[i % 4]}” [${source.n}].`, FABRICATED[i % 4]],
      [`${other} said that ${claim[0].toLowerCase()}${claim.slice(1)} [${source.n}].`, `${other} said that`],
      [`${other} stressed: “${claim}” [${source.n}]${otherPassage ? `[${otherPassage.n}]` : ""}.`, `${other} stressed`],
      [`${source.speaker === "none" ? "The article" : source.speaker} also said that 37 parties took part [${source.n}].`, "37 parties"],
      [`According to ${source.speaker === "none" ? other : source.speaker}, seventeen deputies lost their seats [${source.n}].`, "seventeen deputies"],
      [`The elections were rigged, as everyone at the round table admitted.`, "rigged"],
      [`${source.speaker === "none" ? other : source.speaker} praised the turnout [99].`, "praised the turnout"],
    ];
    const [lie, mark] = kinds[i % kinds.length];
    lies.set(req.question, mark);
    return { content: i % 2 === 0 ? `${truth} ${lie}` : `${lie} ${truth}` };
  };
}

describe("a lying model across the whole seed question set", () => {
  it("lets no fabricated quotation, invented number or misattributed claim reach the user", async () => {
    const items = JSON.parse(readFileSync(path.join(ROOT, "tests", "eval", "seed-questions.json"), "utf8")) as EvalItem[];
    const lies = new Map<string, string>();
    fake.answer(liar(lies));
    const qa = createEventQa(kb, { baseUrl: fake.baseUrl, apiKey: undefined, model: "liar", timeoutMs: 5000, dailyLimitPerUser: undefined });
    const article = kb.articles[0].text.replace(/[“”]/g, '"').replace(/\s+/g, " ").toLowerCase();
    const answerers = { llm: 0, extractive: 0 };

    for (const item of items) {
      const a = await qa.ask(item.q);
      expect(fake.scriptErrors).toEqual([]);
      answerers[a.answerer!]++;
      expect(validateCitations(kb, a), item.q).toEqual([]);
      const mark = lies.get(item.q.replace(/\s+/g, " ").trim());
      if (mark) expect(a.answer, item.q).not.toContain(mark);
      if (a.answerer !== "llm") continue;
      // What the model said and the user sees: quotations are the article's, numbers are the cited passages'.
      for (const m of a.answer.matchAll(/“([^”]+)”/g)) expect(article, item.q).toContain(m[1].replace(/\s+/g, " ").toLowerCase());
      const cited = a.citations.map((c) => c.quote).join(" ");
      for (const n of a.answer.replace(/\[\d+\]/g, "").match(/\d+/g) ?? []) expect(cited, item.q).toContain(n);
      // Every sentence that names a speaker as its subject cites that speaker.
      for (const sentence of a.answer.split(/(?<=\]\.?)\s+/)) {
        const markers = [...sentence.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
        const subject = kb.speakers.find((s) => sentence.startsWith(s.name));
        if (subject) expect(markers.map((n) => a.citations[n - 1].speaker), sentence).toContain(subject.name);
      }
    }
    expect(lies.size).toBe(items.length);
    // Both paths were taken: the true sentence shown alone, and the offline answer instead.
    expect(answerers.llm).toBeGreaterThan(items.length / 4);
    expect(answerers.extractive).toBeGreaterThan(items.length / 4);
  });
});
