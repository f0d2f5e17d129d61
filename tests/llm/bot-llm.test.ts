import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { EventQa } from "../../src/core/event-qa.js";
import { LlmAnswerer } from "../../src/core/llm/llm-answerer.js";
import { telegramHtmlProblems } from "../support/telegram-html.js";
import { callback, privateMessage, startHarness, textsTo, type Harness } from "../support/bot-harness.js";
import { FakeLlm, type ChatRequest } from "../support/fake-llm.js";
import { SEED_CORPUS, buildTemp } from "../helpers.js";

let kb: KnowledgeBase;
let fake: FakeLlm;
let h: Harness;

beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
  fake = await new FakeLlm().start();
  const settings = { baseUrl: fake.baseUrl, apiKey: undefined, model: "fake", timeoutMs: 5000, dailyLimitPerUser: 1 };
  h = await startHarness(kb, { deps: { qa: new EventQa(kb, (offline) => new LlmAnswerer(kb, offline, settings)) } });
});
afterAll(async () => {
  await h.stop();
  await fake.stop();
});

function petrov(req: ChatRequest) {
  const p = req.passages.find((x) => x.text.includes("sovereign pluralism"));
  return { content: p ? `Kirill Petrov concluded that “Kazakhstan has reached sovereign pluralism” [${p.n}].` : "The article does not say." };
}

async function ask(userId: number, text: string, count: number): Promise<string[]> {
  h.emulator.push(privateMessage(userId, text));
  await h.emulator.waitFor(() => textsTo(h, userId).length >= count);
  return textsTo(h, userId);
}

describe("the bot with a model", () => {
  it("replies with the verified model answer, shows typing, and answers offline past the user's daily limit", async () => {
    fake.answer(petrov);
    const [first] = await ask(501, "What did Petrov conclude?", 1);
    expect(first).toMatch(/^Kirill Petrov concluded that “Kazakhstan has reached sovereign pluralism” \[1\]/);
    expect(telegramHtmlProblems(first)).toEqual([]);
    expect(h.emulator.calls.some((c) => c.method === "sendChatAction" && c.payload.chat_id === 501)).toBe(true);
    expect(fake.requests).toHaveLength(1);

    // A second question the same day: the user's one model answer is spent.
    const [, second] = await ask(501, "Who is Grachev?", 2);
    expect(second).toMatch(/Vladimir Grachev/);
    expect(fake.requests).toHaveLength(1);

    // Someone else still gets the model.
    const [other] = await ask(502, "What did Kirill Petrov conclude?", 1);
    expect(other).toMatch(/^Kirill Petrov concluded that/);
    expect(fake.requests).toHaveLength(2);
  });

  it("the full summary, behind the digest's button, goes through the model", async () => {
    fake.answer((req) => ({ content: `A round table was held at the Embassy of Kazakhstan in Moscow [${req.passages.find((p) => p.text.startsWith("A round table was held"))!.n}].` }));
    await ask(503, "/summary", 1);
    const digest = h.emulator.sent().find((c) => c.payload.chat_id === 503)!;
    const [button] = (digest.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat();
    h.emulator.push(callback(503, button.callback_data));
    await h.emulator.waitFor(() => textsTo(h, 503).length >= 2);
    expect(textsTo(h, 503)[1]).toMatch(/A round table was held at the Embassy of Kazakhstan in Moscow \[1\]/);
  });
});
