import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { privateMessage, startHarness, textsTo } from "./bot-harness.js";

/** Questions whose answers begin in a recognisable way, so each can be matched to its answer. */
const QUESTIONS: [string, RegExp][] = [
  ["Who agreed with Chizhova?", /^Kirill Petrov agreed/],
  ["Who is Grachev?", /^Vladimir Grachev is introduced/],
  ["What did Perminova say about Auyl?", /^Alexandra Perminova noted/],
  ["What was the voter turnout?", /^<b>Not in the article/],
  ["Who supported Tkachev?", /^Kamila Baidildina supported/],
];

export interface LoadResult {
  users: number;
  questions: number;
  ms: number;
  sendAttempts: number;
  floodReplies: number;
  /** Per user: did every question get exactly one answer, in the order asked? */
  exactlyOnceInOrder: boolean;
}

/**
 * `users` users each send `perUser` questions at once while every
 * `floodEvery`-th sendMessage is answered 429 first.
 */
export async function runLoad(kb: KnowledgeBase, users = 20, perUser = 5, floodEvery = 10): Promise<LoadResult> {
  const h = await startHarness(kb, { emulator: { floodControl: (i) => i % floodEvery === floodEvery - 1, retryAfterSeconds: 1 } });
  try {
    const started = performance.now();
    const asked = new Map<number, RegExp[]>();
    for (let k = 0; k < perUser; k++) {
      for (let u = 0; u < users; u++) {
        const chatId = 50_000 + u;
        const [q, expected] = QUESTIONS[(u + k) % QUESTIONS.length];
        h.emulator.push(privateMessage(chatId, q));
        asked.set(chatId, [...(asked.get(chatId) ?? []), expected]);
      }
    }
    await h.emulator.waitFor(() => h.emulator.sent().length >= users * perUser, 60_000);
    const ms = performance.now() - started;
    // Give a duplicate, if any, the chance to arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    const exactlyOnceInOrder = [...asked].every(([chatId, expected]) => {
      const got = textsTo(h, chatId);
      return got.length === expected.length && got.every((text, i) => expected[i].test(text));
    });
    const attempts = h.emulator.calls.filter((c) => c.method === "sendMessage");
    return {
      users,
      questions: users * perUser,
      ms,
      sendAttempts: attempts.length,
      floodReplies: attempts.filter((c) => c.status === 429).length,
      exactlyOnceInOrder,
    };
  } finally {
    await h.stop();
  }
}
