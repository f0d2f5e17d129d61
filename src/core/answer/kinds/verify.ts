import { equivalents } from "../../text/synonyms.js";
import { contentTerms, stem } from "../../text/tokenize.js";
import { joinNames } from "../compose.js";
import type { AnswerKit } from "../kit.js";
import { GENERIC_REPORTING } from "../patterns.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";
import { claimsAnswer } from "./claims.js";

/** A yes to "did X say …?" needs most of the claim's weight in one passage. */
const VERIFY_COVERAGE = 0.6;

/** "Did X say …?", "Is it true that …?": yes, no, or someone else said it. */
export function verifyAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb, index } = kit;
  const c = kit.citations();
  // "Is Roe an analyst?": a question about a speaker's role.
  if (q.speakers.length === 1 && q.topic.length > 0 && q.speakers[0].role) {
    const sp = q.speakers[0];
    const roleTerms = new Set([...contentTerms(sp.role ?? ""), ...sp.aliases.map(stem)]);
    if (q.topic.every((t) => equivalents(t).some((e) => roleTerms.has(e)))) {
      const marker = c.cite(sp.docId, kb.sentence(sp.docId, sp.introduced));
      return kit.answer(q, `Yes: the article introduces ${sp.name} as ${sp.role} ${marker}.`, c);
    }
  }
  if (q.topic.length === 0) return q.speakers.length ? claimsAnswer(kit, q) : kit.notCovered(q);
  const hits = index.search(q.topic, undefined, q.prior);
  const best = hits[0];
  // "Did X criticize …?": a verb that takes a side must be in the passage, not just its subject matter.
  const marked = q.verbTerms.filter((t) => !GENERIC_REPORTING.has(t));
  const takesSide = !best || marked.every((t) => index.contains(best.ref, t) > 0);
  if (!best || best.coverage < VERIFY_COVERAGE || kit.lacksNumber(q, best) || !takesSide) {
    return kit.notCovered(q, "No, the article does not say that.");
  }
  const report = kit.report(kit.unit(best.ref), c);
  const sp = best.ref.speaker;
  if (q.speakers.length > 0 && (!sp || !q.speakers.some((x) => x.id === sp.id))) {
    const asked = joinNames(q.speakers.map((x) => x.name));
    const actual = sp ? sp.name : "the article itself, not a named speaker";
    return kit.answer(q, `No. The article attributes this to ${actual}, not to ${asked}: ${report}`, c);
  }
  return kit.answer(q, `Yes. ${report}`, c);
}
