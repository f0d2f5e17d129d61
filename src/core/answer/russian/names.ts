import { distance } from "fastest-levenshtein";
import type { KnowledgeBase } from "../../index/knowledge-base.js";
import type { Speaker } from "../../speakers/types.js";
import { fold } from "../../text/tokenize.js";
import { resolveSpeakers } from "../question/index.js";
import type { QuestionLocale } from "./locale.js";

export function transliterate(word: string, locale: QuestionLocale): string {
  return [...word.toLowerCase()].map((ch) => locale.translit[ch] ?? ch).join("");
}

/** "Петрову" -> ["петрову", "петров"]: the word and its stems without a case ending. */
function stems(word: string, locale: QuestionLocale): string[] {
  const w = word.toLowerCase();
  const out = [w];
  for (const e of locale.caseEndings) if (w.endsWith(e) && w.length - e.length >= 3) out.push(w.slice(0, -e.length));
  return out;
}

/** A name part without the vowel a Latin spelling may end in: "chizhova" -> "chizhov". */
const latinStem = (part: string) => part.replace(/(?:a|y|i|e|o|u)$/, "");

function closeEnough(a: string, b: string): boolean {
  if (a === b) return true;
  if (a[0] !== b[0] || Math.min(a.length, b.length) < 4) return false;
  return distance(a, b) <= (b.length >= 8 ? 2 : 1);
}

export interface RussianReference {
  speakers: Speaker[];
  /** Words of the question that named or described the speakers. */
  used: Set<string>;
}

/**
 * Speakers a Russian question names, in any grammatical case and misspelt
 * ("Петрову", "Кошербаев", "Чижовой", "Грачёв"), by transliterating to the
 * roster's Latin spelling; or describes by role ("посол", "эксперт").
 * Latin words in the question go through the English resolver as they are.
 */
export function findSpeakersRu(kb: KnowledgeBase, words: string[], locale: QuestionLocale): RussianReference {
  const used = new Set<string>();
  const scores = new Map<Speaker, number>();
  for (const word of words) {
    if (!/\p{Script=Cyrillic}/u.test(word) || word.length < 3) continue;
    const forms = stems(word, locale).map((s) => transliterate(s, locale));
    for (const sp of kb.speakers) {
      const parts = fold(sp.name).split(/\s+/);
      parts.forEach((part, i) => {
        const surname = i === parts.length - 1;
        if (forms.some((f) => closeEnough(f, part) || closeEnough(f, latinStem(part)) || closeEnough(latinStem(f), latinStem(part)))) {
          scores.set(sp, (scores.get(sp) ?? 0) + (surname ? 2 : 1));
          used.add(word);
        }
      });
    }
  }
  if (scores.size) {
    const best = Math.max(...scores.values());
    return { speakers: [...scores].filter(([, s]) => s === best).map(([sp]) => sp), used };
  }
  // Roles in Russian, then any Latin words, through the English resolver: "посол" -> "the ambassador".
  const english: string[] = [];
  for (const word of words) {
    const role = stems(word, locale)
      .map((s) => locale.roles[s])
      .find(Boolean);
    if (role) {
      english.push("the", ...role.split(" "));
      used.add(word);
    } else if (/^\p{Script=Latin}/u.test(word)) english.push(word);
    // "из МГИМО": an acronym or a name of a body, as the article spells it in Latin letters.
    else if (/^\p{Lu}/u.test(word) && english.length > 0) english.push("from", transliterate(word, locale));
  }
  if (english.length === 0) return { speakers: [], used };
  const ref = resolveSpeakers(kb, english);
  return { speakers: ref.speakers, used };
}

/** Cyrillic words of the question written in Latin letters, to meet names the article spells so ("Республика"). */
export function latinTerms(words: string[], locale: QuestionLocale): string[] {
  return words.filter((w) => /\p{Script=Cyrillic}/u.test(w) && w.length >= 4).map((w) => transliterate(stems(w, locale).at(-1)!, locale));
}
