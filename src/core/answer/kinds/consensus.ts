import type { AnswerKit } from "../kit.js";
import { hasReportingVerb } from "../patterns.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";
import { topicAnswer } from "./topic.js";

export const TOGETHER = /\b(unanimous(ly)?|all (the )?(speakers|participants)|the (speakers|participants)|its participants|everyone|both|jointly|together)\b/i;

/** Sentences in the article's own voice that speak for everyone ("The speakers unanimously noted …"). */
export function consensusAnswer(kit: AnswerKit, q: Question): Answer {
  const refs = kit.index.refs.filter((r) => !r.speaker && TOGETHER.test(r.sentence.text) && hasReportingVerb(r.sentence.text));
  if (refs.length === 0) return topicAnswer(kit, { ...q, kind: "topic" });
  const c = kit.citations();
  const parts = refs.slice(0, 2).map((r) => kit.report(kit.unit(r), c));
  return kit.answer(q, parts.join(" "), c);
}
