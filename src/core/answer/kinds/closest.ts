import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { SentenceHit } from "../sentence-index.js";
import type { Answer } from "../types.js";

/** Below this share of the question's weight, a passage is not even close. */
const MIN_CLOSE = 0.25;

/**
 * The middle answer between a precise one and a refusal: "The article does
 * not say exactly; closest to that: …", with the best attributed passages.
 * Null when no passage is relevant at all, which leaves the plain refusal.
 */
export function closestAnswer(kit: AnswerKit, q: Question, lead = "The article does not say exactly. What it says closest to that:"): Answer | null {
  if (q.topic.length === 0) return null;
  const shown = q.shown;
  const fresh = (h: SentenceHit) => !shown?.has(`${h.ref.docId}:${h.ref.sentence.index}`);
  const hits = kit.index.search(q.topic, undefined, q.prior).filter((h) => h.coverage >= MIN_CLOSE && fresh(h));
  if (hits.length === 0) return null;
  // The people asked about first: their closest claim, if they have one.
  const asked = new Set(q.speakers.map((s) => s.id));
  const theirs = hits.filter((h) => h.ref.speaker && asked.has(h.ref.speaker.id));
  const ranked = theirs.length ? [...theirs, ...hits.filter((h) => !theirs.includes(h))] : hits;
  const c = kit.citations();
  const units = kit.bestUnits(ranked, 2);
  const parts = units.map((u) => kit.report(u, c));
  // Someone else's words are shown only as theirs, never as an answer about the person asked.
  const others = q.speakers.length && !theirs.length ? ` It does not report this from ${q.speakers.map((s) => s.name).join(" or ")}.` : "";
  return { question: q.text, answer: `${lead}${others} ${parts.join(" ")}`, answerable: false, citations: c.citations, mode: "closest" };
}
