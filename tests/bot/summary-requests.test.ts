import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { SEED_CORPUS, buildTemp } from "../helpers.js";
import { privateMessage, startHarness, textsTo, type Harness } from "../support/bot-harness.js";
import { visibleLength } from "../support/message-checks.js";

let kb: KnowledgeBase;
let h: Harness;
beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
  h = await startHarness(kb);
});
afterAll(() => h.stop());

const reply = async (id: number, text: string) => {
  h.emulator.push(privateMessage(id, text));
  await h.emulator.waitFor(() => textsTo(h, id).length >= 1);
  return textsTo(h, id)[0];
};
const bullets = (html: string) => (html.match(/^• /gm) ?? []).length;

describe("summary requests in any phrasing give the digest", () => {
  it("tl;dr, summary pls, in 3 bullets, кратко", async () => {
    const tldr = await reply(801, "tl;dr");
    expect(visibleLength(tldr)).toBeLessThanOrEqual(1000);
    expect(bullets(tldr)).toBe(kb.speakers.length);
    const pls = await reply(802, "summary pls");
    expect(visibleLength(pls)).toBeLessThanOrEqual(1000);
    const three = await reply(803, "summarize in 3 bullets");
    // Three lines in all, as asked (the heading and the closed sources aside).
    expect(three.split("<blockquote")[0].split("\n").filter((l) => l.trim() && !/^<b>/.test(l)).length).toBe(3);
    const ru = await reply(804, "кратко");
    expect(ru).toMatch(/Кратко/);
    expect(visibleLength(ru)).toBeLessThanOrEqual(1000);
    for (const id of [801, 802, 803, 804]) {
      const sent = h.emulator.sent().find((c) => c.payload.chat_id === id)!;
      // A button for the full cited summary.
      expect(JSON.stringify(sent.payload.reply_markup)).toMatch(/sum:full/);
    }
  });
});
