import { equivalents } from "../../text/synonyms.js";
import { contentTerms, stem, wordTokens } from "../../text/tokenize.js";
import { MIN_COVERAGE, type AnswerKit } from "../kit.js";
import { NUMBER_RE, withoutPercentages } from "../patterns.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";
import { speakersAnswer } from "./speakers.js";

const PEOPLE = /^(participants?|people|persons?|experts?|panell?ists?|members?|attendees?|guests?)$/i;

/**
 * "How many guests attended?": a figure the article gives next to that noun;
 * "How many people spoke?": the speakers, counted.
 */
export function countAnswer(kit: AnswerKit, q: Question): Answer {
  const noun = /\bhow many\s+(\p{L}+)/iu.exec(q.text)?.[1];
  const aboutSpeakers = !noun || /^speak/i.test(noun) || /\b(spoke|speak|speakers|talked|addressed)\b/i.test(q.text);
  if (!aboutSpeakers) {
    const counted = q.countedStem ?? stem(kit.kb.vocabulary.correct(noun) ?? noun);
    // "How many people attended?": the noun, or the verb of taking part, next to a number.
    const verbs = contentTerms(q.text).filter((t) => /^(attend|particip|gather|take|took|join|came|come|regist|visit)/.test(t));
    const terms = [...new Set([counted, ...verbs, ...q.topic])];
    const countable = (t: string) => [counted, ...verbs].some((c) => equivalents(c).includes(t));
    // A number right before the counted noun ("twelve countries", "about sixty guests").
    const near = (text: string) =>
      wordTokens(withoutPercentages(text)).some((t, i, all) => countable(stem(t.text)) && all.slice(Math.max(0, i - 6), i).some((w) => NUMBER_RE.test(w.text)));
    // "How many ships …": the passage must count ships; "how many people attended" may count officials who attended.
    const generic = PEOPLE.test(noun);
    const relevant = kit.index
      .search(terms, undefined, q.prior)
      .filter((h) => (generic || kit.index.contains(h.ref, counted) > 0) && (q.topic.length === 0 || kit.index.coverage(q.topic, h.ref) >= MIN_COVERAGE));
    // A count first; "40 per cent of grades" only when the article gives no count (it is a share, not a number of them).
    const counts = relevant.filter((h) => NUMBER_RE.test(withoutPercentages(h.ref.sentence.text)) && (near(h.ref.sentence.text) || h.coverage >= MIN_COVERAGE));
    // And a share must be of the asked thing: "77 percent of voters supported" says nothing of how many took part.
    const shares = relevant.filter(
      (h) => /\d\s*(%|per ?cent)/i.test(h.ref.sentence.text) && h.coverage >= MIN_COVERAGE && verbs.every((v) => kit.index.contains(h.ref, v) > 0),
    );
    const hits = counts.length ? counts : shares;
    hits.sort((a, b) => Number(near(b.ref.sentence.text)) - Number(near(a.ref.sentence.text)));
    if (hits[0]) {
      const c = kit.citations();
      return kit.answer(q, kit.report(kit.unit(hits[0].ref), c), c);
    }
    // Participants, people, experts: the speakers are the ones the article counts by name.
    if (!PEOPLE.test(noun)) return kit.notCovered(q, "The article does not give that figure.");
  }
  return speakersAnswer(kit, q, true);
}
