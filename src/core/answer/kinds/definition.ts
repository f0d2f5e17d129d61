import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { SentenceHit } from "../sentence-index.js";
import type { Answer } from "../types.js";

/**
 * "What's X?", "What does X mean?": the article's own context for a term it
 * uses, preferring a sentence that describes it ("X, a …", "X (…)", "X is …").
 * The article seldom defines anything, and the answer says so.
 */
export function definitionAnswer(kit: AnswerKit, q: Question): Answer {
  const hits = kit.index.search(q.topic, undefined, q.prior).filter((h) => h.coverage >= 0.99);
  if (hits.length === 0) return kit.notCovered(q);
  const phrase = q.topicText.replace(/\s+(mean|means|meant|stand|stands|for|refer|refers|to)$/g, "").replace(/\s+(mean|stand for)$/, "");
  const describes = (h: SentenceHit) => {
    const text = h.ref.sentence.text;
    const at = text.toLowerCase().indexOf(phrase.toLowerCase());
    if (at < 0) return 0;
    const after = text.slice(at + phrase.length);
    return /^[^,(]{0,40}(?:,\s*(?:a|an|the|which|who)\b|\s*\(|\s+(?:is|are|was|were)\s+(?:a|an|the)\b)/i.test(after) ? 2 : 1;
  };
  const ranked = [...hits].sort((a, b) => describes(b) - describes(a) || a.ref.sentence.start - b.ref.sentence.start);
  const best = ranked[0];
  const c = kit.citations();
  const lead = describes(best) === 2 ? "The article describes it in passing:" : `The article does not define “${phrase}”; it uses it here:`;
  return kit.answer(q, `${lead} ${kit.report(kit.unit(best.ref), c)}`, c);
}
