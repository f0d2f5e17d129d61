import { describe, expect, it } from "vitest";
import { escapeHtml, htmlToText, renderAnswer, toMessages } from "../../src/bot/render.js";
import { telegramHtmlProblems } from "../support/telegram-html.js";
import type { Citation } from "../../src/core/answer/types.js";

const source = [{ title: "A <Title> & more", date: "1 May 2024", url: "https://example.org/a?x=1&y=2", label: "example.org" }];
const cite = (n: number, quote: string, speaker: string | null = "Jane Roe"): Citation => ({
  n,
  quote,
  paragraph: 2,
  speaker,
  docId: "d",
  start: 0,
  end: quote.length,
});

describe("Telegram HTML rendering", () => {
  it("escapes everything a user or an article could inject", () => {
    expect(escapeHtml(`<b>"x" & y</b>`)).toBe("&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;");
    const [msg] = renderAnswer({ answer: "Jane said <script>alert(1)</script> & more [1]", answerable: true, citations: [cite(1, "a < b && c > d")] }, source);
    expect(telegramHtmlProblems(msg)).toEqual([]);
    expect(msg).toContain("&lt;script&gt;");
    expect(msg).toContain('<a href="https://example.org/a?x=1&amp;y=2">A &lt;Title&gt; &amp; more</a>');
  });

  it("shows each source's verbatim quote, paragraph and speaker, folding long quotes", () => {
    const long = "word ".repeat(80).trim();
    const [msg] = renderAnswer({ answer: "X [1][2]", answerable: true, citations: [cite(1, "Short quote."), cite(2, long, null)] }, source);
    expect(msg).toContain("<b>[1] ¶2 · Jane Roe</b>\n<blockquote>Short quote.</blockquote>");
    expect(msg).toContain(`<b>[2] ¶2</b>\n<blockquote expandable>${long}</blockquote>`);
  });

  it("makes a refusal look different from an answer", () => {
    const [msg] = renderAnswer({ answer: "The article does not cover that.", answerable: false, citations: [] }, source);
    expect(msg).toMatch(/^<b>Not in the article<\/b>\n<i>The article does not cover that\.<\/i>/);
  });

  it("splits long output at 4096 characters without breaking a tag or an emoji", () => {
    const quotes = Array.from({ length: 40 }, (_, i) => cite(i + 1, `Quote ${i} 🙂 ${"<&> ".repeat(40)}`));
    const messages = renderAnswer({ answer: "🙂 ".repeat(3000), answerable: true, citations: quotes }, source);
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) {
      expect(telegramHtmlProblems(m)).toEqual([]);
      expect(m).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    // Nothing is lost: the text of all parts holds every quote.
    const all = messages.map(htmlToText).join("\n");
    for (let i = 0; i < 40; i++) expect(all).toContain(`Quote ${i} 🙂`);
  });

  it("splits one oversized block into parts that each carry the tag", () => {
    const messages = toMessages([{ text: "x ".repeat(5000), tag: "i" }]);
    expect(messages.length).toBe(3);
    for (const m of messages) {
      expect(m.startsWith("<i>") && m.endsWith("</i>")).toBe(true);
      expect(m.length).toBeLessThanOrEqual(4096);
    }
  });

  it("turns HTML back into readable text for the console", () => {
    expect(htmlToText('<b>A</b> &lt;x&gt; <a href="https://e.org/?a=1&amp;b=2">link</a>')).toBe("A <x> link (https://e.org/?a=1&b=2)");
  });
});
