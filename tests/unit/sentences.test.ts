import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/core/text/sentences.js";

const texts = (t: string) => splitSentences(t).map((s) => s.text);

describe("splitSentences", () => {
  it("splits on terminal punctuation and keeps offsets exact", () => {
    const text = "First one. Second one? Third!  Fourth.";
    const spans = splitSentences(text, 100);
    expect(spans.map((s) => s.text)).toEqual(["First one.", "Second one?", "Third!", "Fourth."]);
    for (const s of spans) expect(text.slice(s.start - 100, s.end - 100)).toBe(s.text);
  });

  it("does not end a sentence at an abbreviation or an initial", () => {
    expect(texts("Dr. Lena Brandt spoke. J. R. Smith agreed.")).toEqual(["Dr. Lena Brandt spoke.", "J. R. Smith agreed."]);
  });

  it("keeps a closing quotation mark with its sentence and does not split at a quoted comma", () => {
    expect(texts(`"We are sure. It works," she said. Then he left.`)).toEqual([`"We are sure.`, `It works," she said.`, "Then he left."]);
  });

  it("handles text in other scripts", () => {
    expect(texts("Первое предложение. Второе предложение!")).toEqual(["Первое предложение.", "Второе предложение!"]);
  });
});
