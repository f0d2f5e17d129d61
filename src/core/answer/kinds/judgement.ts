import { MIN_COVERAGE, type AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { SentenceHit, SentenceRef } from "../sentence-index.js";
import { TOGETHER } from "./consensus.js";
import type { Answer } from "../types.js";

/**
 * "Was the election fair according to the speakers?", "What did the experts
 * think of X?": each speaker's own judgement on the topic, attributed to
 * them. The article's verdict is theirs, never the bot's.
 */
export function judgementAnswer(kit: AnswerKit, q: Question): Answer {
  // "Was it fair?": the verdict word is what the speakers supply; the subject is what they must speak of.
  const known = q.topic.filter((t) => kit.index.known(t));
  if (known.length === 0) return kit.refuse(q, "The article reports no speaker's judgement on that.");
  q = { ...q, topic: known };
  const pool = q.speakers.length ? new Set(q.speakers.map((s) => s.id)) : null;
  // A speaker's own words, or the article reporting what the participants said together.
  // ("Its participants noted that …. Their main objectives will be …": the paragraph carries the voice.)
  const together = (r: SentenceRef) =>
    kit.kb.article(r.docId).paragraphs[r.sentence.paragraph - 1].sentences.some((s) => s.index <= r.sentence.index && TOGETHER.test(s.text));
  const voiced = (r: SentenceRef) => (r.speaker ? !pool || pool.has(r.speaker.id) : !pool && together(r));
  const hits = kit.index.search(q.topic, voiced, q.prior).filter((h) => h.coverage >= MIN_COVERAGE * 0.8);
  const bySpeaker = new Map<string, SentenceHit>();
  for (const h of hits) if (!bySpeaker.has(h.ref.speaker?.id ?? "")) bySpeaker.set(h.ref.speaker?.id ?? "", h);
  if (bySpeaker.size === 0) return kit.refuse(q, "The article reports no speaker's judgement on that.");
  const c = kit.citations();
  const lines = [...bySpeaker.values()].slice(0, 6).map((h) => `• ${kit.report(kit.unit(h.ref), c)}`);
  return kit.answer(q, `What the speakers said on this, each in their own words:\n${lines.join("\n")}`, c);
}
