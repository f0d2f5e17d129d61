import { equivalents } from "../../text/synonyms.js";
import { contentTerms, stem, words } from "../../text/tokenize.js";
import { joinNames } from "../compose.js";
import type { AnswerKit } from "../kit.js";
import { GENERIC_REPORTING, capitalise } from "../patterns.js";
import type { Question } from "../question/index.js";
import type { SentenceHit } from "../sentence-index.js";
import type { Answer } from "../types.js";
import type { CitationList } from "../citations.js";
import { claimsAnswer } from "./claims.js";
import { closestAnswer } from "./closest.js";

/** A yes to "did X say …?" needs most of the claim's weight in one passage. */
const VERIFY_COVERAGE = 0.6;
/** Enough of the claim's subject matter to say the article speaks to it, and the other way. */
const CONTRADICT_COVERAGE = 0.5;

/**
 * What the article makes of a claim: it supports it; it attributes it to
 * someone else; it says otherwise (a "not" or a figure that does not match);
 * or it does not say it.
 */
export type Verdict = "supported" | "other-speaker" | "contradicted" | "not-said";

export interface Check {
  verdict: Verdict;
  /** The passage the verdict rests on, if any. */
  hit: SentenceHit | null;
  /** For "other-speaker": who the article attributes it to (null: the article's own voice). */
  actual?: string | null;
  /** For a date that is not the article's: its date line, cited as the evidence. */
  dateLine?: { docId: string; line: string };
}

const NEGATION = /\b(not|no|never|none|nobody|nothing|neither|nor|without|n['’]t|cannot|hardly|fail(?:ed|s)?|refus(?:e|ed|es))\b/i;
const NUMBER_WORD = /^(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|first|second|third)$/i;

const numbersOf = (text: string) => new Set(words(text).filter((w) => NUMBER_WORD.test(w)).map((w) => w.replace(/[.,]$/, "")));
const negated = (text: string) => NEGATION.test(text.replace(/\bnot only\b/gi, ""));

const CANDIDATES = 5;

/**
 * The best of the top hits when each is read with the rest of its quotation:
 * "No institution is immune. And this includes our police departments." holds
 * "police departments are not immune" only as a whole. Its coverage is the
 * quotation's; ties keep the search's order.
 */
function wholeQuotation(kit: AnswerKit, q: Question, hits: SentenceHit[]): SentenceHit | null {
  let best: SentenceHit | null = null;
  for (const hit of hits) {
    const unit = kit.unit(hit.ref);
    const refs = unit.sentences.map((s) => kit.index.ref(unit.docId, s.index));
    const coverage = refs.length > 1 ? kit.index.coverageOfAll(q.topic, refs) : hit.coverage;
    if (!best || coverage > best.coverage) best = { ...hit, coverage };
  }
  return best;
}

/**
 * Checks a claim (a yes/no question or a statement someone made) against the
 * article: the code behind both "did X say …?" and /check.
 */
export function checkClaim(kit: AnswerKit, q: Question): Check {
  const { index } = kit;
  const hits = index.search(q.topic, undefined, q.prior);
  const best = wholeQuotation(kit, q, hits.slice(0, CANDIDATES));
  const dated = datedOtherwise(kit, q);
  if (dated) return dated;
  if (!best || best.coverage < CONTRADICT_COVERAGE) return { verdict: "not-said", hit: null };
  const passage = kit.unit(best.ref).sentences.map((x) => x.text).join(" ");
  // "X said the event was held on the 20th" against "… on the 19th"; "X said it will not …" against "it will …".
  const claimed = numbersOf(q.text);
  const found = numbersOf(passage);
  const otherFigure = claimed.size > 0 && found.size > 0 && ![...claimed].some((n) => found.has(n));
  const flipped = best.coverage >= VERIFY_COVERAGE && negated(q.text) !== negated(passage);
  if (otherFigure || flipped) return { verdict: "contradicted", hit: best };
  // "Did X criticize …?": a verb that takes a side must be in the passage, not just its subject matter.
  const marked = q.verbTerms.filter((t) => !GENERIC_REPORTING.has(t));
  const takesSide = marked.every((t) => index.contains(best.ref, t) > 0);
  if (best.coverage < VERIFY_COVERAGE || kit.lacksNumber(q, best) || !takesSide) return { verdict: "not-said", hit: best };
  const sp = best.ref.speaker;
  if (q.speakers.length > 0 && (!sp || !q.speakers.some((x) => x.id === sp.id))) return { verdict: "other-speaker", hit: best, actual: sp?.name ?? null };
  return { verdict: "supported", hit: best };
}

/**
 * "The event was held on 20 March": a claim about when the event took place,
 * held against the article's date line and its opening. A date that is not
 * the article's is "otherwise"; the date line is the evidence.
 */
function datedOtherwise(kit: AnswerKit, q: Question): Check | null {
  const claimed = numbersOf(q.text);
  if (claimed.size === 0 || !/\b(january|february|march|april|may|june|july|august|september|october|november|december|\d{4})\b/i.test(q.text)) return null;
  for (const a of kit.kb.articles) {
    const opening = kit.kb.sentences(a.id).find((s) => !kit.kb.speakerOf(a.id, s.index));
    if (!a.date || !opening) continue;
    const ref = kit.index.refs.find((r) => r.docId === a.id && r.sentence.index === opening.index)!;
    // About the event itself ("the round table was held on …"), or about what its opening says.
    const subject = q.topic.filter((t) => !/^\d/.test(t) && !NUMBER_WORD.test(t) && !MONTH.test(t));
    if (subject.length > 0 && kit.index.coverage(subject, ref) < CONTRADICT_COVERAGE) continue;
    const onDateLine = numbersOf(a.date);
    const verdict = [...claimed].every((n) => onDateLine.has(n)) ? "supported" : "contradicted";
    return { verdict, hit: { ref, score: 1, coverage: 1 }, dateLine: { docId: a.id, line: a.date } };
  }
  return null;
}

const MONTH = /^(januari|februari|march|april|may|june|juli|august|septemb|octob|novemb|decemb)/;

/** "Did X say …?", "Is it true that …?": Yes or No first, then the evidence. */
export function verifyAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb } = kit;
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
  const check = checkClaim(kit, q);
  const asked = joinNames(q.speakers.map((x) => x.name));
  switch (check.verdict) {
    case "supported":
      return kit.answer(q, `Yes. ${capitalise(evidence(kit, check, c))}`, c);
    case "other-speaker": {
      const actual = check.actual ?? "the article itself, not a named speaker";
      return kit.answer(q, `No. The article attributes this to ${actual}, not to ${asked}: ${kit.report(kit.unit(check.hit!.ref), c)}`, c);
    }
    case "contradicted":
      return kit.answer(q, `No. The article says otherwise. ${evidence(kit, check, c)}`, c);
    default:
      return closestAnswer(kit, q, "No, not as asked. What the article says closest to that:") ?? kit.notCovered(q, "No, the article does not say that.");
  }
}

/** The passage a verdict rests on, reported; a date line first when the date is what differs. */
function evidence(kit: AnswerKit, check: Check, c: CitationList): string {
  if (!check.dateLine) return kit.report(kit.unit(check.hit!.ref), c);
  const marker = c.citeHeader(check.dateLine.docId, check.dateLine.line);
  return `The article is dated ${check.dateLine.line} ${marker}. ${kit.report(kit.unit(check.hit!.ref), c)}`;
}

const VERDICT_LEAD: Record<Verdict, string> = {
  supported: "The article supports this.",
  "other-speaker": "The article attributes this to {actual}{not}:",
  contradicted: "The article says otherwise.",
  "not-said": "The article does not say this.",
};

/**
 * /check: a statement someone made, held against the article with the same
 * check as yes/no questions. A claim stated as fact that the article only
 * reports as someone's view is attributed to them, not confirmed.
 */
export function checkAnswer(kit: AnswerKit, q: Question): Answer & { verdict: Verdict } {
  const check = checkClaim(kit, q);
  const c = kit.citations();
  let verdict = check.verdict;
  let actual = check.actual;
  if (verdict === "supported" && q.speakers.length === 0 && check.hit?.ref.speaker) {
    verdict = "other-speaker";
    actual = check.hit.ref.speaker.name;
  }
  const not = q.speakers.length ? `, not to ${joinNames(q.speakers.map((s) => s.name))}` : "; it does not state it as fact";
  const lead = VERDICT_LEAD[verdict].replace("{actual}", actual ?? "the article's own narration").replace("{not}", not);
  if (verdict === "not-said") {
    // "X said the campaign was boring": what X did say about the campaign, if anything.
    const known = q.topic.filter((t) => kit.index.known(t));
    const theirs = q.speakers.length && known.length ? kit.index.search(known, (r) => q.speakers.some((sp) => sp.id === r.speaker?.id), q.prior)[0] : undefined;
    if (theirs && theirs.coverage >= CONTRADICT_COVERAGE) {
      const text = `${lead} What it reports from ${theirs.ref.speaker!.name} on it: ${kit.report(kit.unit(theirs.ref), c)}`;
      return { question: q.text, answer: text, answerable: false, citations: c.citations, mode: "closest", kind: "check", verdict };
    }
    const closest = closestAnswer(kit, q, `${lead} What it says closest to that:`);
    return { ...(closest ?? kit.notCovered(q, lead)), kind: "check", verdict };
  }
  return { ...kit.answer(q, `${lead} ${evidence(kit, check, c)}`, c), kind: "check", verdict };
}
