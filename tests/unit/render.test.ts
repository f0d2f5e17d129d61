import { describe, expect, it } from "vitest";
import { escapeHtml, htmlToText, renderAnswer, toMessages } from "../../src/bot/render.js";
import { renderDigest } from "../../src/bot/render-digest.js";
import { telegramHtmlProblems } from "../support/telegram-html.js";
import { visibleLength, visibleText } from "../support/message-checks.js";
import type { Citation } from "../../src/core/answer/types.js";

const source = [{ title: "A <Title> & more", date: "1 May 2024", url: "https://example.org/a?x=1&y=2", label: "example.org" }];
const cite = (n: number, quote: string, speaker: string | null = "Jane Roe", start = n * 100): Citation => ({
  n,
  quote,
  paragraph: 2,
  speaker,
  docId: "d",
  start,
  end: start + quote.length,
});

describe("Telegram HTML rendering", () => {
  it("escapes everything a user or an article could inject", () => {
    expect(escapeHtml(`<b>"x" & y</b>`)).toBe("&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;");
    const [msg] = renderAnswer({ answer: "Jane said <script>alert(1)</script> & more [1]", answerable: true, citations: [cite(1, "a < b && c > d")] }, source);
    expect(telegramHtmlProblems(msg)).toEqual([]);
    expect(msg).toContain("&lt;script&gt;");
    expect(msg).toContain('Article: <a href="https://example.org/a?x=1&amp;y=2">example.org</a>');
    const [named] = renderAnswer({ answer: "X [1]", answerable: true, citations: [cite(1, "Quote.", "<i>Eve</i> & Co")] }, [{ ...source[0], label: null }]);
    expect(telegramHtmlProblems(named)).toEqual([]);
    expect(named).toContain("<b>[1] ¶2 · &lt;i&gt;Eve&lt;/i&gt; &amp; Co</b>");
    expect(named).toContain(">example.org</a>");
  });

  it("puts each source in a closed expandable blockquote headed by its marker, paragraph and speaker", () => {
    const long = "word ".repeat(80).trim();
    const [msg] = renderAnswer({ answer: "X says so [1]. The article adds [2].", answerable: true, citations: [cite(1, "Short quote."), cite(2, long, null)] }, source);
    expect(msg).toContain("<b>Sources</b>\n<blockquote expandable><b>[1] ¶2 · Jane Roe</b>\nShort quote.</blockquote>");
    expect(msg).toContain(`<blockquote expandable><b>[2] ¶2</b>\n${long}</blockquote>`);
    // Closed sources cost nothing visible: what shows is the answer, the heading and the link.
    expect(visibleText(msg).replace(/\n+/g, "\n")).toBe("X says so [1]. The article adds [2].\nSources\nArticle: example.org");
  });

  it("makes one quotation one source, and does not print again what the answer already quotes", () => {
    const parts = ["\"There are more parties.", "The representation has expanded.", "We have reached pluralism,\" said the expert."];
    const citations = parts.map((q, i) => cite(i + 1, q, "Kim Lee", 100 + i * 40));
    const answer = `Kim Lee said: “There are more parties. The representation has expanded. We have reached pluralism.” [1][2][3] Later [4].`;
    const [msg] = renderAnswer({ answer, answerable: true, citations: [...citations, cite(4, "Something else entirely was said here.", "Ann Bo", 900)] }, source);
    expect(msg).toMatch(/pluralism\.” \[1\] Later \[2\]\./);
    expect(msg).toContain("<blockquote expandable><b>[1] ¶2 · Kim Lee</b></blockquote>");
    expect(msg).toContain("<blockquote expandable><b>[2] ¶2 · Ann Bo</b>\nSomething else entirely was said here.</blockquote>");
    expect(msg).not.toContain("[3]");
  });

  it("answers small talk with the line alone, and shows the closest passage under its own heading", () => {
    const [hi] = renderAnswer({ answer: "Hello! Ask me about the event.", answerable: false, citations: [], mode: "smalltalk" }, source);
    expect(hi).toBe("Hello! Ask me about the event.");
    const [closest] = renderAnswer({ answer: "Jane Roe noted that it rained [1].", answerable: true, citations: [cite(1, "It rained all day, Jane Roe noted.")], mode: "closest" }, source);
    expect(closest).toMatch(/^<b>The article does not say exactly; closest is:<\/b>\nJane Roe noted that it rained \[1\]\./);
    const [refusal] = renderAnswer({ answer: "The article does not cover that.", answerable: true, citations: [], mode: "refusal" }, source);
    expect(refusal).toMatch(/^<b>Not in the article<\/b>/);
  });

  it("labels an answer in its own language when the core gives one, else in the user's", () => {
    const answer = { answer: "Jane Roe said it [1].", answerable: true, citations: [cite(1, "It.")] };
    expect(renderAnswer(answer, source, "ru")[0]).toContain("<b>Источники</b>");
    expect(renderAnswer({ ...answer, lang: "en" as const }, source, "ru")[0]).toContain("<b>Sources</b>");
    expect(renderAnswer({ ...answer, lang: "ru" as const }, source, "en")[0]).toContain("Статья: ");
    expect(renderAnswer({ answer: "No.", answerable: false, citations: [] }, source, "ru")[0]).toMatch(/^<b>В статье этого нет<\/b>/);
  });

  it("renders a digest with bullets per speaker, the ending and closed sources, in either language, without heading or link", () => {
    const digest = {
      event: "1 May 2024 — A forum took place [1][2]",
      speakers: [
        { name: "Jane Roe", text: "“Trams <pay> for themselves” [3]" },
        { name: "Kim Lee", text: "…the budget is too small [4]" },
      ],
      ending: "The forum closed with a vote. [5]",
      citations: [{ ...cite(1, "1 May 2024", null, 5), paragraph: 0 }, cite(2, "A forum took place today.", null, 20), cite(3, '"Trams <pay> for themselves," Roe said.', "Jane Roe", 60), cite(4, "Lee said, to applause, that the budget is too small for a city of this size.", "Kim Lee", 120), cite(5, "The forum closed with a vote.", null, 200)],
    };
    for (const lang of ["en", "ru"] as const) {
      const [msg] = renderDigest(digest, lang);
      expect(telegramHtmlProblems(msg)).toEqual([]);
      expect(msg).toContain("• <b>Jane Roe</b>: “Trams &lt;pay&gt; for themselves” [3]");
      expect(msg.split("<blockquote expandable>")).toHaveLength(6);
      expect(msg).toContain("<b>[4] ¶2 · Kim Lee</b>\nLee said, to applause, that the budget is too small for a city of this size.");
      expect(visibleLength(msg)).toBeLessThan(200);
      expect(msg).not.toMatch(/Sources|Источники|example\.org/);
    }
    expect(renderDigest(digest, "en")[0]).toMatch(/^<b>In brief<\/b>\n1 May 2024 — A forum took place \[1\]\[2\]\n• /);
    expect(renderDigest(digest, "ru")[0]).toContain("<i>Чем закончилось: </i>The forum closed with a vote. [5]");
    // The ending's sentence is the line itself: its source shows where it is from, not the words again.
    expect(renderDigest(digest, "en")[0]).toContain("<blockquote expandable><b>[5] ¶2</b></blockquote>");
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
    expect(htmlToText("X\n<blockquote expandable><b>[1] ¶2 · Jane</b>\nShe &amp; I.</blockquote>\n<blockquote expandable><b>[2] ¶3</b></blockquote>")).toBe(
      "X\n  [1] ¶2 · Jane\n    “She & I.”\n  [2] ¶3",
    );
  });
});
