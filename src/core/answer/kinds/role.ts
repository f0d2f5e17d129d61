import { equivalents } from "../../text/synonyms.js";
import { contentTerms } from "../../text/tokenize.js";
import type { AnswerKit } from "../kit.js";
import { ROLE_VERBS } from "../patterns.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";
import { claimsAnswer } from "./claims.js";

/** "Who is X?", "Where does X work?": the role the article introduces them with. */
export function roleAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb } = kit;
  // "Which party is X from?" when the role names no party: what X said may.
  const asked = q.topic.filter((t) => !ROLE_VERBS.has(t));
  if (asked.length > 0 && q.speakers.every((sp) => !asked.some((t) => contentTerms(sp.role ?? "").some((r) => equivalents(t).includes(r))))) {
    const said = claimsAnswer(kit, q);
    if (said.answerable) return said;
  }
  const c = kit.citations();
  const parts = q.speakers.map((sp) => {
    const marker = c.cite(sp.docId, kb.sentence(sp.docId, sp.introduced));
    return sp.role ? `${sp.name} is introduced as ${sp.role} ${marker}.` : `${sp.name} speaks in the article, which gives no role ${marker}.`;
  });
  return kit.answer(q, parts.join(" "), c);
}
