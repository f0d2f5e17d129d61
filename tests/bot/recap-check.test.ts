import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { SEED_CORPUS, buildTemp } from "../helpers.js";
import { BOT_INFO, groupMessage, privateMessage, startHarness, textsTo, type Harness } from "../support/bot-harness.js";
import { telegramHtmlProblems } from "../support/telegram-html.js";
import { visibleLength } from "../support/message-checks.js";

let kb: KnowledgeBase;
let h: Harness;
beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
  h = await startHarness(kb);
});
afterAll(() => h.stop());

let chat = -1002000000100;
const ask = async (update: ReturnType<typeof privateMessage>, chatId: number, count = 1) => {
  h.emulator.push(update);
  await h.emulator.waitFor(() => textsTo(h, chatId).length >= count);
  return textsTo(h, chatId);
};

describe("/check", () => {
  it("gives each of the four verdicts, with the passage it rests on", async () => {
    const cases: [string, RegExp, RegExp | null][] = [
      ["/check Petrov said Kazakhstan has reached sovereign pluralism", /The article supports this/, /sovereign pluralism/],
      ["/check Grachev said young courage should lead to useful solutions", /attributes this to someone else/, /Anton Tkachev/],
      ["/check Tkachev said young courage should not lead to useful solutions", /The article says otherwise/, /young courage should lead/],
      ["/check the ambassador said inflation will fall next year", /The article does not say this/, null],
    ];
    for (const [i, [command, heading, evidence]] of cases.entries()) {
      const id = 610 + i;
      const [reply] = await ask(privateMessage(id, command), id);
      expect(reply, command).toMatch(heading);
      if (evidence) expect(reply, command).toMatch(evidence);
      expect(telegramHtmlProblems(reply)).toEqual([]);
    }
  });

  it("checks the message it replies to, in a group", async () => {
    const id = --chat;
    const claim = groupMessage(id, 5, "Chizhova said the campaign was very interesting").message!;
    const [reply] = await ask(groupMessage(id, 6, `/check@${BOT_INFO.username}`, { reply_to_message: claim as never }), id);
    expect(reply).toMatch(/The article supports this/);
    expect(reply).toMatch(/Darya Chizhova/);
  });
});

describe("/recap", () => {
  it("explains privacy mode when it has seen nothing", async () => {
    const id = --chat;
    const [reply] = await ask(groupMessage(id, 7, "/recap"), id);
    expect(reply).toMatch(/privacy mode/);
    expect(reply).toMatch(/setprivacy/);
  });

  it("sums up a discussion: who raised what, links, verdicts with citations, chatter left out", async () => {
    const id = --chat;
    const discussion = [
      [11, "Anna", "Petrov said Kazakhstan has reached sovereign pluralism"],
      [12, "Boris", "Grachev said young courage should lead to useful solutions"],
      [13, "Clara", "anyone up for pizza tonight?"],
      [14, "Dmitri", "the round table was held on March 25, 2023"],
      [15, "Elena", "lol the weather is terrible"],
    ] as const;
    for (const [user, name, text] of discussion) {
      const u = groupMessage(id, user, text);
      (u.message as { from: { first_name: string } }).from.first_name = name;
      h.emulator.push(u);
    }
    await new Promise((r) => setTimeout(r, 400));
    const [reply] = await ask(groupMessage(id, 16, "/recap"), id);
    expect(reply).toMatch(/Recap: 5 messages, 3 about the event/);
    // Who raised each point, and what the article makes of it.
    expect(reply).toMatch(/<b>Anna<\/b>: “Petrov said Kazakhstan has reached sovereign pluralism” — the article supports this \[1\]/);
    expect(reply).toMatch(/<b>Boris<\/b>: .* — the article attributes this to Anton Tkachev \[2\]/);
    expect(reply).toMatch(/<b>Dmitri<\/b>: .* — the article says otherwise \[3\]/);
    expect(reply).not.toMatch(/pizza|weather/);
    expect(reply).toMatch(/2 other messages were about something else/);
    // A link to each message in the supergroup, and the sources closed below.
    const links = [...reply.matchAll(/href="https:\/\/t\.me\/c\/(\d+)\/(\d+)"/g)];
    expect(links).toHaveLength(3);
    expect(links.every((m) => `-100${m[1]}` === String(id))).toBe(true);
    expect(reply).toMatch(/<blockquote expandable>/);
    expect(telegramHtmlProblems(reply)).toEqual([]);
    expect(visibleLength(reply)).toBeLessThanOrEqual(1000);

    // The next recap starts after this one.
    const again = (await ask(groupMessage(id, 16, "/recap"), id, 2))[1];
    expect(again).toMatch(/Nothing new since the last recap/);
  });
});
