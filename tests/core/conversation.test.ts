import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { EventQa } from "../../src/core/event-qa.js";
import { CONVERSATION_LIMITS } from "../../src/core/answer/conversation.js";
import { SEED_CORPUS, buildTemp } from "../helpers.js";

let kb: KnowledgeBase;
let qa: EventQa;
beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
  qa = new EventQa(kb);
});

const speakersOf = (a: { citations: { speaker: string | null }[] }) => new Set(a.citations.map((c) => c.speaker));

describe("a conversation", () => {
  it("resolves he and she to the people of the last answers", async () => {
    const chat = qa.conversation();
    await chat.ask("Who is Darya Chizhova?");
    const she = await chat.ask("what did she say?");
    expect(speakersOf(she)).toEqual(new Set(["Darya Chizhova"]));
    await chat.ask("What did Tkachev say?");
    const he = await chat.ask("did he mention cooperation?");
    expect(he.answer).toMatch(/^Yes/);
    expect(speakersOf(he)).toEqual(new Set(["Anton Tkachev"]));
  });

  it("answers 'what else' without repeating, and says when nothing more is reported", async () => {
    const chat = qa.conversation();
    const first = await chat.ask("What did Perminova say?");
    const more = await chat.ask("what else did she say?");
    const quoted = new Set(first.citations.map((c) => c.quote));
    for (const c of more.citations) expect(quoted.has(c.quote)).toBe(false);
    let last = more;
    for (let i = 0; i < 4 && last.citations.length > 0; i++) last = await chat.ask("anything else?");
    expect(last.answer).toBe("That is all the article reports from Alexandra Perminova.");
  });

  it("repeats the last question about someone else: 'and the ambassador?'", async () => {
    const chat = qa.conversation();
    await chat.ask("What did Tkachev say about Respublica?");
    const next = await chat.ask("and Baidildina?");
    expect(speakersOf(next)).toEqual(new Set(["Kamila Baidildina"]));
    expect(next.answer).toMatch(/Respublica/);
    const amb = await chat.ask("and the ambassador?");
    expect(speakersOf(amb)).toEqual(new Set(["Ermek Kosherbayev"]));
  });

  it("answers 'why?' from the passage just shown or the one after it, by the same speaker", async () => {
    const chat = qa.conversation();
    await chat.ask("What did Kosherbayev say about the elections?");
    const why = await chat.ask("why?");
    expect(why.kind).toBe("why");
    expect(why.citations.length).toBeGreaterThan(0);
    expect(speakersOf(why)).toEqual(new Set(["Ermek Kosherbayev"]));
  });

  it("works for every kind of question in a conversation", async () => {
    const chat = qa.conversation();
    const turns: [string, RegExp][] = [
      ["who spoke first?", /Kosherbayev/],
      ["and who spoke after him?", /Tkachev/],
      ["compare him and Baidildina", /Baidildina/],
      ["were there any women among the speakers?", /^Yes/],
      ["who agreed with Chizhova?", /Petrov/],
      ["what did he say?", /sovereign pluralism/],
      ["tl;dr", /round table/],
      ["link to the article?", /kazembassy\.ru/],
    ];
    for (const [q, expected] of turns) {
      const a = await chat.ask(q);
      expect(a.answer, q).toMatch(expected);
    }
  });

  it("forgets after a while and keeps only the last few turns", async () => {
    let now = 1_000_000;
    const chat = qa.conversation(undefined, () => now);
    await chat.ask("What did Tkachev say?");
    now += CONVERSATION_LIMITS.ttlMs + 1;
    const a = await chat.ask("what did he say?");
    expect(a.answer).toMatch(/Whom do you mean/);
    for (let i = 0; i < CONVERSATION_LIMITS.turns + 3; i++) await chat.ask("Who spoke?");
    expect(chat.state.turns.length).toBe(CONVERSATION_LIMITS.turns);
    expect(JSON.stringify(chat.state).length).toBeLessThan(20_000);
  });
});
