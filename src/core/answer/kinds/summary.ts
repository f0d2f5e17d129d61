import { unitOf } from "../compose.js";
import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";
import { digest } from "../digest.js";

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

/**
 * "Summary", "tl;dr", "in 3 bullets": the digest, short enough for a group
 * chat (one line on the event, one per speaker, one on the ending), with as
 * many bullets as asked. The full cited summary is a separate request.
 */
export function summaryAnswer(kit: AnswerKit, q: Question): Answer {
  const d = digest(kit.kb, q.format?.bullets ? { bullets: q.format.bullets } : {});
  const lines = [d.event, ...d.speakers.map((s) => `• ${s.name}: ${s.text}`), ...(d.ending ? [d.ending] : [])].filter(Boolean);
  if (lines.length === 0) return kit.refuse(q, "The article has nothing to summarise.");
  return { question: q.text, answer: lines.join("\n"), answerable: d.citations.length > 0, citations: d.citations, mode: "answer", digest: d };
}
