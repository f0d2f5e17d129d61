import { MIN_COVERAGE, type AnswerKit } from "../kit.js";
import { ROLE_VERBS } from "../patterns.js";
import type { Question } from "../question/index.js";
import type { SentenceHit } from "../sentence-index.js";
import type { Answer } from "../types.js";
import { roleAnswer } from "./role.js";

/** "Who said …?", "Which speakers mentioned …?": the speakers whose passages match. */
export function whoAnswer(kit: AnswerKit, q: Question): Answer {
  // "Who represented the Senate?": the question describes someone's role rather than a claim.
  // Not when it asks what someone said: "Who spoke about cooperation with X?" is about a claim.
  const asksForClaim = /\b(about|that|on|say|said|says|talk|talked|spoke|speak|mention|mentioned|discuss|discussed|argue|argued|claim|claimed|think|thought|believe|believed|call|called|note|noted|stress|stressed)\b/i.test(q.text);
  // "Who runs X?", "Who heads X?": the verb names the role.
  const roleTopic = q.topic.filter((t) => !ROLE_VERBS.has(t));
  const byRole = asksForClaim ? [] : kit.speakersByRole(roleTopic);
  if (byRole.length === 1) return roleAnswer(kit, { ...q, speakers: byRole });
  const hits = kit.index.search(q.topic, undefined, q.prior).filter((h) => h.coverage >= MIN_COVERAGE && !kit.lacksNumber(q, h));
  if (hits.length === 0) return kit.notCovered(q);
  const best = hits[0];
  const bySpeaker = new Map<string, SentenceHit>();
  for (const h of hits) {
    if (h.ref.speaker && !bySpeaker.has(h.ref.speaker.id)) bySpeaker.set(h.ref.speaker.id, h);
  }
  // Keep speakers whose best passage is nearly as good as the best one.
  const chosen = [...bySpeaker.values()].filter((h) => h.coverage >= best.coverage - 0.2 && h.coverage >= MIN_COVERAGE);
  const many = /\b(which|what) (speakers|participants|experts|people)\b|\bwho (all|else)\b/i.test(q.text);
  const c = kit.citations();
  if (chosen.length === 0) return kit.answer(q, `No named speaker says this; ${kit.lowerReport(best.ref, c)}`, c);
  const parts = chosen.slice(0, many ? 8 : 3).map((h) => kit.report(kit.unit(h.ref), c));
  return kit.answer(q, parts.join(" "), c);
}
