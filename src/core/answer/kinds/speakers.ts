import { capitalise } from "../patterns.js";
import { joinNames, nameWithRole, numberWord } from "../compose.js";
import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";

/** "Who spoke?", "Who spoke besides X?", and the count of speakers. */
export function speakersAnswer(kit: AnswerKit, q: Question, count = false): Answer {
  const { kb } = kit;
  if (kb.speakers.length === 0) return kit.refuse(q, "The article does not name anyone who spoke.");
  const c = kit.citations();
  const excluded = new Set(q.exclude ? q.speakers.map((s) => s.id) : []);
  const list = kb.speakers.filter((sp) => !excluded.has(sp.id)).map((sp) => `${nameWithRole(sp)} ${c.cite(sp.docId, kb.sentence(sp.docId, sp.introduced))}`);
  const n = kb.speakers.length;
  const lead = count
    ? `${capitalise(numberWord(n))} ${n === 1 ? "person spoke" : "people spoke"}: `
    : excluded.size
      ? `Besides ${joinNames(q.speakers.map((s) => s.name))}, the speakers were `
      : `The speakers were `;
  return kit.answer(q, `${lead}${joinNames(list)}.`, c);
}
