import { AGREE_RE, DISAGREE_RE } from "../../speakers/lexicon.js";
import { joinNames } from "../compose.js";
import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";

/** "Who agreed with X?", "Did anyone disagree?": the agreements found at ingest. */
export function agreementAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb } = kit;
  const stance = q.stance ?? "agree";
  const named = new Set(q.speakers.map((s) => s.id));
  const found = kb.analysis.agreements.filter(
    (a) =>
      a.stance === stance &&
      (named.size === 0 || (q.agreementRole === "object" ? named.has(a.withSpeakerId) : named.has(a.speakerId) || named.has(a.withSpeakerId))),
  );
  const verb = stance === "agree" ? "agreed with" : "disagreed with";
  if (found.length === 0) {
    const who = q.speakers.length ? ` ${q.agreementRole === "object" ? "with" : "by"} ${joinNames(q.speakers.map((s) => s.name))}` : "";
    return kit.refuse(q, `The article does not report any ${stance === "agree" ? "agreement" : "disagreement"}${who}. ${kit.coverageHint()}`);
  }
  const c = kit.citations();
  const parts = found.map((a) => {
    const sp = kb.speaker(a.speakerId)!;
    const other = kb.speaker(a.withSpeakerId)!;
    const sentence = kb.sentence(a.docId, a.sentence);
    const cue = (stance === "agree" ? AGREE_RE : DISAGREE_RE).exec(sentence.text)?.[1] ?? verb;
    return `${sp.name} ${cue} ${other.name} ${c.cite(a.docId, sentence)}.`;
  });
  const yes = /^(did|does|do|has|have|had|was|were|is|are)\b/.test(q.folded) ? "Yes. " : "";
  return kit.answer(q, `${yes}${parts.slice(0, 3).join(" ")}`, c);
}
