import type { Speaker } from "../../speakers/types.js";
import { joinNames, type Unit } from "../compose.js";
import { MIN_COVERAGE, type AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";
import { consensusAnswer } from "./consensus.js";

const isShown = (q: Question, u: Unit) => !!q.shown && u.sentences.every((s) => q.shown!.has(`${u.docId}:${s.index}`));

/** "What did X say (about Y)?": the speaker's claims, on the topic when one is asked. */
export function claimsAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb, index } = kit;
  const c = kit.citations();
  const parts: string[] = [];
  const missing: Speaker[] = [];
  const more = q.followUp === "more";
  for (const sp of q.speakers.slice(0, 3)) {
    const units = kit.speakerUnits(sp, q.shown);
    // "What did X hope for?" finds the sentence with "hope"; "What did X promise?", where no sentence has it, is no topic.
    const framed = q.topic.filter((t) => !q.verbTerms.includes(t));
    const own = (r: { docId: string; sentence: { index: number } }) => r.docId === sp.docId && sp.claims.includes(r.sentence.index);
    const covered = (terms: string[]) => (index.search(terms, own)[0]?.coverage ?? 0) >= MIN_COVERAGE;
    const topic = framed.length < q.topic.length && !covered(q.topic) ? framed : q.topic;
    if (topic.length === 0 && q.wantsNumber) {
      // "How old is X?": only a claim with a figure could answer.
      missing.push(sp);
      continue;
    }
    if (topic.length === 0 || more) {
      if (units.length === 0) {
        missing.push(sp);
        continue;
      }
      // "What else?": the next claims not yet shown. One speaker: how they came in and their main point; several: each one's main point.
      const key = kit.keyClaim(sp, Infinity, q.shown);
      const chosen = (more ? units.slice(0, 2) : q.speakers.length > 1 ? [key] : [units[0], key]).filter(
        (u, i, all): u is Unit => !!u && all.findIndex((x) => x?.sentences[0].index === u.sentences[0].index) === i,
      );
      parts.push(...chosen.map((u) => kit.report(u, c)));
      continue;
    }
    // Between equally good passages, what they said beats the sentence that introduces them.
    const hits = index
      .search(topic, own, q.prior)
      .filter((h) => !isShown(q, kit.unit(h.ref)))
      .sort((a, b) => b.coverage - a.coverage || Number(a.ref.sentence.index === sp.introduced) - Number(b.ref.sentence.index === sp.introduced));
    const best = hits[0];
    if (!best || (best.coverage < MIN_COVERAGE && !(q.byName && kit.paraphrased(topic, best))) || kit.lacksNumber(q, best)) {
      missing.push(sp);
      continue;
    }
    const chosen = kit.bestUnits(hits, q.speakers.length > 1 ? 1 : 2);
    // "X spoke about the risks." says only what the speaker turned to; the next claim says what they said.
    const [first] = chosen;
    if (chosen.length === 1 && first.sentences[0].index === sp.introduced && !/["“”]|\bthat\b/.test(first.sentences[0].text)) {
      const next = units.find((u) => u.sentences[0].index > sp.introduced && u.sentences[0].paragraph === first.sentences[0].paragraph);
      if (next) chosen.push(next);
    }
    parts.push(...chosen.map((u) => kit.report(u, c)));
  }
  // "What did the scientists and experts conclude?": a group, so the article's own summary may answer.
  if (parts.length === 0 && q.groupRole) {
    const together = consensusAnswer(kit, { ...q, speakers: [] });
    if (together.answerable) return together;
  }
  if (parts.length === 0 && q.alternates.length > 0 && q.topic.length > 0) {
    // "the diplomat who opened the meeting": the best role match may not be the one who said it.
    const retry = claimsAnswer(kit, { ...q, speakers: q.alternates, alternates: [] });
    if (retry.answerable) return retry;
  }
  if (parts.length === 0) {
    const sp = missing[0] ?? q.speakers[0];
    if (more) return kit.refuse(q, `That is all the article reports from ${joinNames(q.speakers.map((s) => s.name))}.`, { mode: "answer" });
    const pointer = kit.keyClaim(sp, Infinity, q.shown);
    const lead = q.wantsNumber ? `The article does not give that figure for ${sp.name}.` : `The article does not report what ${sp.name} said about “${q.topicText}”.`;
    const hint = pointer ? ` What it reports from ${sp.name}: ${kit.report(pointer, c)}` : "";
    return { question: q.text, answer: `${lead}${hint}`, answerable: false, citations: c.citations, mode: pointer ? "closest" : "refusal" };
  }
  // "the expert" may fit several people: say whom the answer is about.
  const fits = q.ambiguous.length > 1 ? `This fits ${joinNames(q.ambiguous.map((s) => s.name))}. ` : "";
  return kit.answer(q, `${fits}${parts.join(" ")}`, c);
}
