import { STOP_WORDS, stem } from "../../text/tokenize.js";
import { joinNames, numberWord } from "../compose.js";
import { MIN_COVERAGE, type AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { SentenceRef } from "../sentence-index.js";
import type { Answer } from "../types.js";
import { placeOrTimeAnswer } from "./place-time.js";

/** Anything else: the passages that cover the question best, each attributed. */
export function topicAnswer(kit: AnswerKit, q: Question): Answer {
  if (q.kind === "when" || q.kind === "where") return placeOrTimeAnswer(kit, q);
  // "What was discussed?", "What was the event about?": what the article opens with.
  if (q.topic.length === 0) return overviewAnswer(kit, q);
  if (q.listOf) {
    const listed = entityListAnswer(kit, q, q.listOf);
    if (listed) return listed;
  }
  const hits = kit.index.search(q.topic, undefined, q.prior).filter((h) => !kit.lacksNumber(q, h));
  const best = hits[0];
  if (!best || best.coverage < MIN_COVERAGE) return kit.notCovered(q);
  const c = kit.citations();
  const parts = kit.bestUnits(hits, 2).map((u) => kit.report(u, c));
  return kit.answer(q, parts.join(" "), c);
}

/** What the article opens with, in its own voice. */
export function overviewAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb } = kit;
  const c = kit.citations();
  const parts = kb.articles.flatMap((a) => {
    const opening = kb.sentences(a.id).find((s) => !kb.speakerOf(a.id, s.index));
    return opening ? [kit.report(kit.unit({ docId: a.id, sentence: opening }), c)] : [];
  });
  if (parts.length === 0) return kit.notCovered(q);
  return kit.answer(q, parts.join(" "), c);
}

/**
 * "Which parties were mentioned?": names written next to the asked noun
 * ("the X party", "another party, Y,"), each with the sentences it stands in.
 */
export function listEntities(kit: AnswerKit, noun: string): Map<string, SentenceRef[]> {
  const found = new Map<string, SentenceRef[]>();
  const name = String.raw`((?:\p{Lu}[\p{L}'’-]*)(?:\s+\p{Lu}[\p{L}'’-]*){0,3})`;
  for (const ref of kit.index.refs) {
    if (!ref.terms.has(noun)) continue;
    const text = ref.sentence.text;
    const patterns = [new RegExp(String.raw`${name}(?:\s*\([^)]*\))?\s+(\p{L}+)`, "gu"), new RegExp(String.raw`(\p{L}+),?\s+${name}`, "gu")];
    for (const [k, re] of patterns.entries()) {
      for (const m of text.matchAll(re)) {
        const [entity, word] = k === 0 ? [m[1], m[2]] : [m[2], m[1]];
        if (stem(word) !== noun) continue;
        const clean = entity.replace(/^(The|A|An|His|Her|Its|Their|Another)\s+/, "");
        if (!clean || STOP_WORDS.has(clean.toLowerCase()) || /^(The|A|An)$/.test(clean)) continue;
        const refs = found.get(clean) ?? [];
        if (!refs.includes(ref)) refs.push(ref);
        found.set(clean, refs);
      }
    }
  }
  return found;
}

function entityListAnswer(kit: AnswerKit, q: Question, noun: string): Answer | null {
  const found = listEntities(kit, noun);
  if (found.size === 0) return null;
  const c = kit.citations();
  const items = [...found].map(([entity, refs]) => {
    const by = refs.map((r) => `${r.speaker ? `${r.speaker.name} ` : ""}${c.cite(r.docId, r.sentence)}`);
    return `${entity} (${by.join(", ")})`;
  });
  return kit.answer(q, `The article mentions ${numberWord(found.size)}: ${joinNames(items)}.`, c);
}
