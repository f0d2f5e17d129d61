import type { Sentence } from "../../types.js";
import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";

/** Words that give a reason or a consequence in news prose. */
const REASON = /\b(because|since|as a result|due to|thanks to|given that|owing to|in order to|so that|that is why|this is why|the reason|therefore|in this regard|which means|as it|as they|as the)\b/i;

/**
 * "Why?" after an answer: the reason the article gives for what was just
 * shown, in the same passage or right after it by the same voice; else it
 * says the article gives none.
 */
export function whyAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb } = kit;
  const shown = [...(q.shown ?? [])].map((k) => {
    const [docId, i] = [k.slice(0, k.lastIndexOf(":")), Number(k.slice(k.lastIndexOf(":") + 1))];
    return { docId, sentence: kb.sentence(docId, i) };
  });
  if (shown.length === 0) return kit.refuse(q, "Why what? Ask a question first, then “why?” about its answer.");
  const c = kit.citations();
  const inShown = shown.find((s) => REASON.test(s.sentence.text));
  if (inShown) return kit.answer(q, `The passage gives its own reason: ${kit.report(kit.unit(inShown), c)}`, c);
  // The next sentences in the same paragraph, by the same voice.
  const last = shown.reduce((a, b) => (b.sentence.index > a.sentence.index ? b : a));
  const speaker = kb.speakerOf(last.docId, last.sentence.index);
  const next: Sentence[] = kb
    .sentences(last.docId)
    .filter((s) => s.index > last.sentence.index && s.paragraph === last.sentence.paragraph && kb.speakerOf(last.docId, s.index) === speaker);
  const reason = next.find((s) => REASON.test(s.text));
  if (reason) return kit.answer(q, kit.report(kit.unit({ docId: last.docId, sentence: reason }), c), c);
  // No reason as such: what the same voice says next, or else just before, in that paragraph.
  const before = kb
    .sentences(last.docId)
    .filter((s) => s.index < last.sentence.index && s.paragraph === last.sentence.paragraph && kb.speakerOf(last.docId, s.index) === speaker && !q.shown?.has(`${last.docId}:${s.index}`))
    .at(-1);
  const around = next[0] ?? before;
  if (around) {
    const more = kit.report(kit.unit({ docId: last.docId, sentence: around }), c);
    return { question: q.text, answer: `The article gives no reason as such. ${around === before ? "Just before, it says" : "It goes on"}: ${more}`, answerable: false, citations: c.citations, mode: "closest" };
  }
  return kit.refuse(q, "The article does not say why.");
}
