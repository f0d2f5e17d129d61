import type { Speaker } from "../../speakers/types.js";
import { capitalise } from "../patterns.js";
import { joinNames, nameWithRole, numberWord } from "../compose.js";
import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";

const FEMALE = /\b(women|woman|female|females|ladies|she)\b/;
const MALE = /\b(men|man|male|males|gentlemen)\b/;

/**
 * Questions about the speakers as people: how many were women (from the
 * article's own pronouns and honorifics), which of them hold a role, or
 * which organisations they came from.
 */
export function attributesAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb } = kit;
  const c = kit.citations();
  const intro = (sp: Speaker) => c.cite(sp.docId, kb.sentence(sp.docId, sp.introduced));
  const t = q.folded;
  if (FEMALE.test(t) || MALE.test(t)) {
    const gender = FEMALE.test(t) ? "f" : "m";
    const fit = kb.speakers.filter((s) => s.gender === gender);
    const unknown = kb.speakers.filter((s) => s.gender === null);
    const word = gender === "f" ? "women" : "men";
    const pronoun = gender === "f" ? "“she” or “Ms”" : "“he” or “Mr”";
    const unsure = unknown.length ? ` For ${joinNames(unknown.map((s) => s.name))} the article gives no pronoun.` : "";
    const yesNo = /^(were|was|did|are|is|do|does)\b/.test(t) ? (fit.length ? "Yes. " : "No. ") : "";
    if (fit.length === 0) {
      // A complete answer with nothing to quote: no speaker is so referred to.
      return { question: q.text, answer: `${yesNo}The article refers to none of the speakers as ${pronoun}.${unsure}`, answerable: false, citations: [], mode: "answer" };
    }
    const list = fit.map((s) => `${nameWithRole(s)} ${intro(s)}`);
    const lead = `${yesNo}${capitalise(numberWord(fit.length))} of the ${numberWord(kb.speakers.length)} speakers ${fit.length === 1 ? "is" : "are"} referred to as ${pronoun}: `;
    return kit.answer(q, `${lead}${joinNames(list)}.${unsure}`, c, { about: { speakers: fit.map((s) => s.id), topic: [] } });
  }
  // "Which speakers are scientists?", "Who represented universities?": speakers whose role fits.
  const fits = q.speakers.length ? q.speakers : kit.speakersByRole(q.topic);
  if (fits.length === 0) return kit.refuse(q, `No speaker is introduced that way. ${kit.coverageHint()}`);
  const list = fits.map((s) => `${nameWithRole(s)} ${intro(s)}`);
  return kit.answer(q, `${joinNames(list)}.`, c, { about: { speakers: fits.map((s) => s.id), topic: [] } });
}
