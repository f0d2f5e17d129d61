import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { EventQa } from "../../src/core/event-qa.js";
import { validateCitations } from "../../src/core/answer/citations.js";
import { SEED_CORPUS, buildTemp } from "../helpers.js";

let kb: KnowledgeBase;
let qa: EventQa;
beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
  qa = new EventQa(kb);
});

const cyrillicFrame = (text: string) => /\p{Script=Cyrillic}/u.test(text);

describe("Russian questions about an English article", () => {
  it("recognise speakers in any grammatical case and misspelt, and quote them verbatim", async () => {
    const cases: [string, string][] = [
      ["Что сказал Петров?", "Kirill Petrov"],
      ["Что Петрову понравилось?", "Kirill Petrov"],
      ["что сказал Кошербаев", "Ermek Kosherbayev"],
      ["Мнение Чижовой?", "Darya Chizhova"],
      ["что говорил Грачёв", "Vladimir Grachev"],
      ["что сказал Грачев", "Vladimir Grachev"],
      ["позиция Байдильдиной", "Kamila Baidildina"],
    ];
    for (const [q, name] of cases) {
      const a = await qa.ask(q);
      expect(a.lang, q).toBe("ru");
      expect(a.answerable, q).toBe(true);
      expect(a.citations.length, q).toBeGreaterThan(0);
      expect(a.citations.every((c) => c.speaker === name), q).toBe(true);
      expect(validateCitations(kb, a), q).toEqual([]);
      // The quotation is the article's English text, as written.
      for (const c of a.citations) expect(a.answer).toContain(c.quote);
      // The guillemets hold the article's words: each line says so, rather than "Name: «…»" as if the speaker said them.
      expect(a.answer, q).toContain(`${name} — в изложении статьи: «`);
      expect(a.answer, q).not.toContain(`${name}: «`);
    }
  });

  it("find a speaker for /speaker by a Cyrillic name", () => {
    for (const [q, name] of [["Грачев", "Vladimir Grachev"], ["грачёва", "Vladimir Grachev"], ["Чижова", "Darya Chizhova"], ["посол", "Ermek Kosherbayev"]]) {
      expect(qa.findSpeakers(q).map((s) => s.name), q).toEqual([name]);
    }
  });

  it("recognise speakers by role in Russian", async () => {
    const cases: [string, string][] = [
      ["Что сказал посол?", "Ermek Kosherbayev"],
      ["что сказал депутат", "Anton Tkachev"],
      ["что сказал эксперт из МГИМО?", "Igor Filkevich"],
      ["что сказал аналитик из Минченко?", "Kirill Petrov"],
    ];
    for (const [q, name] of cases) {
      const a = await qa.ask(q);
      expect(a.citations.map((c) => c.speaker), q).toContain(name);
      expect(new Set(a.citations.map((c) => c.speaker)).size, q).toBe(1);
    }
  });

  it("answer the basic kinds with a Russian frame", async () => {
    const who = await qa.ask("Кто выступал?");
    expect(who.answer).toMatch(/^Выступили: /);
    expect(who.citations).toHaveLength(8);

    const agreed = await qa.ask("Кто согласился с Чижовой?");
    expect(agreed.answer).toMatch(/Kirill Petrov согласил/);
    expect(agreed.answer).toMatch(/Darya Chizhova/);

    const when = await qa.ask("Когда это было?");
    expect(when.answer).toContain("March 19, 2023");
    expect(when.citations[0].paragraph).toBe(0);

    const where = await qa.ask("Где прошла встреча?");
    expect(where.answer).toContain("Embassy of Kazakhstan");

    const count = await qa.ask("Сколько было спикеров?");
    expect(count.answer).toMatch(/8 человек/);

    const parties = await qa.ask("Какие партии упоминались?");
    for (const p of ["Respublica", "Auyl"]) expect(parties.answer).toContain(p);

    const brief = await qa.ask("О чём статья, кратко?");
    expect(brief.answerable).toBe(true);
    expect(brief.citations.length).toBeGreaterThan(2);

    const link = await qa.ask("ссылка на статью");
    expect(link.answer).toContain("https://kazembassy.ru");
    for (const a of [who, agreed, when, where, count, parties, brief, link]) {
      expect(a.lang).toBe("ru");
      expect(cyrillicFrame(a.answer), a.question).toBe(true);
      expect(validateCitations(kb, a), a.question).toEqual([]);
    }
  });

  it("continues a conversation: a pronoun, 'and the ambassador?', and what else", async () => {
    const chat = qa.conversation();
    await chat.ask("Что сказала Перминова?");
    const she = await chat.ask("а что ещё она сказала?");
    expect(she.citations.every((c) => c.speaker === "Alexandra Perminova")).toBe(true);
    const other = await chat.ask("а посол?");
    expect(other.citations.every((c) => c.speaker === "Ermek Kosherbayev")).toBe(true);
    expect(other.citations.length).toBeGreaterThan(0);
  });

  it("says in Russian what it can answer, and that full answers need a language model", async () => {
    const a = await qa.ask("Почему выборы важны для экономики?");
    expect(a.answerable).toBe(false);
    expect(a.lang).toBe("ru");
    expect(a.answer).toMatch(/кто выступал/);
    expect(a.answer).toMatch(/LLM_BASE_URL/);
    const whom = await qa.conversation().ask("что она сказала?");
    expect(whom.answer).toMatch(/Кого вы имеете в виду/);
  });
});
