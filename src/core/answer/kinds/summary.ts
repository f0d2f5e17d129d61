import { unitOf } from "../compose.js";
import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";

/** A cited summary: what the event was, one point per speaker, and how it ended. */
export function fullSummary(kit: AnswerKit): { answer: string; answerable: boolean; citations: Answer["citations"] } {
  const { kb } = kit;
  const c = kit.citations();
  const parts: string[] = [];
  for (const article of kb.articles) {
    const sentences = kb.sentences(article.id);
    const opening = sentences.find((s) => !kb.speakerOf(article.id, s.index));
    if (opening) parts.push(`${opening.text} ${c.cite(article.id, opening)}`);
    for (const sp of kb.speakers.filter((x) => x.docId === article.id)) {
      const claim = kit.keyClaim(sp, 260);
      if (claim) parts.push(kit.report(claim, c));
    }
    const closing = [...sentences].reverse().find((s) => !kb.speakerOf(article.id, s.index) && s !== opening);
    const lastParagraph = article.paragraphs.at(-1)!.sentences;
    if (closing && closing.paragraph === article.paragraphs.length) {
      const own = lastParagraph.find((s) => !kb.speakerOf(article.id, s.index))!;
      parts.push(kit.report(unitOf(kb, article.id, own), c));
    }
  }
  return { answer: parts.join(" "), answerable: parts.length > 0, citations: c.citations };
}

export function summaryAnswer(kit: AnswerKit, q: Question): Answer {
  const s = fullSummary(kit);
  return { question: q.text, ...s, mode: s.answerable ? "answer" : "refusal" };
}
