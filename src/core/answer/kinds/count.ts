import { equivalents } from "../../text/synonyms.js";
import { contentTerms, stem, wordTokens } from "../../text/tokenize.js";
import type { AnswerKit } from "../kit.js";
import { NUMBER_RE, withoutPercentages } from "../patterns.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";
import { speakersAnswer } from "./speakers.js";

/**
 * "How many guests attended?": a figure the article gives next to that noun;
 * "How many people spoke?": the speakers, counted.
 */
export function countAnswer(kit: AnswerKit, q: Question): Answer {
  const noun = /\bhow many\s+(\p{L}+)/iu.exec(q.text)?.[1];
  const aboutSpeakers = !noun || /^speak/i.test(noun) || /\b(spoke|speak|speakers|talked|addressed)\b/i.test(q.text);
  if (!aboutSpeakers) {
    const counted = stem(kit.kb.vocabulary.correct(noun) ?? noun);
    // "How many people attended?": the noun, or the verb of taking part, next to a number.
    const verbs = contentTerms(q.text).filter((t) => /^(attend|particip|gather|took|join|came|come|regist|visit)/.test(t));
    const hits = kit.index.search([counted, ...verbs], undefined, q.prior).filter((h) => NUMBER_RE.test(withoutPercentages(h.ref.sentence.text)));
    // Best: a number right before the noun ("twelve countries", "about sixty guests").
    const near = (text: string) =>
      wordTokens(withoutPercentages(text)).some(
        (t, i, all) => [counted, ...verbs].some((c) => equivalents(c).includes(stem(t.text))) && all.slice(Math.max(0, i - 6), i).some((w) => NUMBER_RE.test(w.text)),
      );
    hits.sort((a, b) => Number(near(b.ref.sentence.text)) - Number(near(a.ref.sentence.text)));
    if (hits[0]) {
      const c = kit.citations();
      return kit.answer(q, kit.report(kit.unit(hits[0].ref), c), c);
    }
    // Participants, people, experts: the speakers are the ones the article counts by name.
    if (!/^(participants?|people|persons?|experts?|panell?ists?|members?)$/i.test(noun)) return kit.notCovered(q, "The article does not give that figure.");
  }
  return speakersAnswer(kit, q, true);
}
