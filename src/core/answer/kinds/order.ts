import { capitalise } from "../patterns.js";
import { joinNames, nameWithRole } from "../compose.js";
import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };

/**
 * "Who spoke first / last / after X?": the order in which the article
 * reports its speakers, which is all it says about the order of speaking.
 */
export function orderAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb } = kit;
  const speakers = kb.speakers;
  if (speakers.length === 0) return kit.refuse(q, "The article does not name anyone who spoke.");
  const c = kit.citations();
  const cite = (i: number) => c.cite(speakers[i].docId, kb.sentence(speakers[i].docId, speakers[i].introduced));
  const t = q.folded;
  const named = q.speakers[0] ? speakers.indexOf(q.speakers[0]) : -1;
  const say = (i: number, how: string) => kit.answer(q, `${capitalise(how)}, the article reports ${nameWithRole(speakers[i])} ${cite(i)}.`, c, { about: { speakers: [speakers[i].id], topic: [] } });
  if (named >= 0 && /\b(after|next|followed|then)\b/.test(t)) {
    return named + 1 < speakers.length ? say(named + 1, `after ${speakers[named].name}`) : kit.answer(q, `${speakers[named].name} is the last speaker the article reports ${cite(named)}.`, c);
  }
  if (named >= 0 && /\b(before|preceded|earlier)\b/.test(t)) {
    return named > 0 ? say(named - 1, `before ${speakers[named].name}`) : kit.answer(q, `${speakers[named].name} is the first speaker the article reports ${cite(named)}.`, c);
  }
  if (/\b(last|final|closing|closed|ended|concluded|finished)\b/.test(t)) return say(speakers.length - 1, "last");
  const ordinal = Object.keys(ORDINALS).find((w) => new RegExp(`\\b${w}\\b`).test(t));
  if (ordinal && ORDINALS[ordinal] <= speakers.length) return say(ORDINALS[ordinal] - 1, ordinal);
  if (/\b(opened|began|started|kicked off)\b/.test(t)) return say(0, "first");
  // "In what order did they speak?"
  const list = speakers.map((_, i) => `${speakers[i].name} ${cite(i)}`);
  return kit.answer(q, `In the order the article reports them: ${joinNames(list)}.`, c);
}
