import { joinNames, type Unit } from "../compose.js";
import { MIN_COVERAGE, type AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";
import { stem } from "../../text/tokenize.js";

const COMPARE_WORDS = new Set("compare comparison compared differ differed difference differences different contrast versus similar similarity alike same views view positions position".split(" ").map(stem));

/**
 * "How did X and Y differ?", "Compare X and Y": each one's claim side by side
 * (on the topic, when one is asked), and what the article says of them
 * agreeing or disagreeing. Judging the difference is left to the reader.
 */
export function compareAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb, index } = kit;
  const c = kit.citations();
  // "compare", "differ": what is asked, not what about.
  q = { ...q, topic: q.topic.filter((t) => !COMPARE_WORDS.has(t)), topicText: q.topicText.split(" ").filter((w) => !COMPARE_WORDS.has(stem(w))).join(" ") };
  const lines: string[] = [];
  const silent: string[] = [];
  for (const sp of q.speakers.slice(0, 4)) {
    let unit: Unit | null = null;
    if (q.topic.length) {
      const hits = index.search(q.topic, (r) => r.docId === sp.docId && sp.claims.includes(r.sentence.index), q.prior);
      if (hits[0] && hits[0].coverage >= MIN_COVERAGE) unit = kit.unit(hits[0].ref);
    } else {
      unit = kit.keyClaim(sp, 400);
    }
    if (unit) lines.push(`• ${kit.report(unit, c)}`);
    else silent.push(sp.name);
  }
  const ids = new Set(q.speakers.map((s) => s.id));
  const between = kb.analysis.agreements.filter((a) => ids.has(a.speakerId) && ids.has(a.withSpeakerId));
  for (const a of between) {
    const sentence = kb.sentence(a.docId, a.sentence);
    lines.push(`The article reports that ${kb.speaker(a.speakerId)!.name} ${a.stance === "agree" ? "agreed with" : "disagreed with"} ${kb.speaker(a.withSpeakerId)!.name} ${c.cite(a.docId, sentence)}.`);
  }
  if (lines.length === 0) return kit.refuse(q, `The article does not report what ${joinNames(q.speakers.map((s) => s.name))} said${q.topicText ? ` about “${q.topicText}”` : ""}.`);
  const on = q.topicText ? ` on “${q.topicText}”` : "";
  const lead = `What the article reports from ${joinNames(q.speakers.map((s) => s.name))}${on}:`;
  const gap = silent.length ? `\nThe article reports nothing${on} from ${joinNames(silent)}.` : "";
  return kit.answer(q, `${lead}\n${lines.join("\n")}${gap}`, c);
}
