import { capitalise } from "../patterns.js";
import { joinNames, nameWithRole, numberWord } from "../compose.js";
import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";

const MAX_LISTED = 30;

/** "Who spoke?", "Who spoke besides X?", and the count of speakers. */
export function speakersAnswer(kit: AnswerKit, q: Question, count = false): Answer {
  const { kb } = kit;
  if (kb.speakers.length === 0) return kit.refuse(q, "The article does not name anyone who spoke.");
  const c = kit.citations();
  const excluded = new Set(q.exclude ? q.speakers.map((s) => s.id) : []);
  // A corpus of many articles may quote thousands: the first ones, and how many more.
  const listed = kb.speakers.filter((sp) => !excluded.has(sp.id));
  const list = listed.slice(0, MAX_LISTED).map((sp) => `${nameWithRole(sp)} ${c.cite(sp.docId, kb.sentence(sp.docId, sp.introduced))}`);
  if (listed.length > MAX_LISTED) list.push(`${listed.length - MAX_LISTED} others`);
  const n = kb.speakers.length;
  const lead = count
    ? `${capitalise(numberWord(n))} ${n === 1 ? "person spoke" : "people spoke"}: `
    : excluded.size
      ? `Besides ${joinNames(q.speakers.map((s) => s.name))}, the speakers were `
      : `The speakers were `;
  return kit.answer(q, `${lead}${joinNames(list)}.`, c);
}
