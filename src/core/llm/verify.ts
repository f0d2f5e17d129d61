import { REPORTING_STEMS, isPersonNoun } from "../speakers/lexicon.js";
import { equivalents } from "../text/synonyms.js";
import { COMMON_WORDS, QUESTION_WORDS, STOP_WORDS, fold, stem, wordTokens } from "../text/tokenize.js";
import {
  continuesPreviousSpeaker,
  findNames,
  findOtherNames,
  findRoles,
  inAttributionPosition,
  type Mention,
  type RosterPerson,
} from "./attribution.js";
import { isFraming, saysNotAnswered } from "./framing.js";
import { splitModelAnswer, type ModelSentence } from "./model-text.js";
import { WordSet } from "./names.js";
import { LruCache } from "./lru-cache.js";
import { numbersIn } from "./numbers.js";
import { dominantScript, type Passage } from "./passages.js";
import { isTranslation, quotations, sourceOfQuotation, type Quotation } from "./quotations.js";

export type { RosterPerson } from "./attribution.js";

export interface VerifyInput {
  /** The model's answer as it came. */
  text: string;
  question: string;
  passages: Passage[];
  roster: RosterPerson[];
}

export interface CheckedSentence extends ModelSentence {
  /** About the article rather than the event ("The article does not say …"). */
  framing: boolean;
  /** Why the sentence was dropped; absent when it is kept. */
  problem?: string;
}

export interface Verification {
  sentences: CheckedSentence[];
  /** The model said that the passages do not answer the question. */
  refusal: boolean;
}

/** Words titles add to a name ("Mr Smith"); the article need not use them. */
const TITLES = new Set(["mr", "mrs", "ms", "dr", "prof", "sir", "madam"]);

/**
 * Checks a model's answer sentence by sentence against the passages each
 * sentence cites. A sentence is kept only when:
 * 1. every marker names a passage that was given;
 * 2. every quotation is the cited passages' text word for word (a
 *    translation may follow an original quotation);
 * 3. whoever it attributes something to is the speaker of a cited passage,
 *    and the quotations and the claim come from that speaker's passages;
 * 4. every number and every name in it occurs in the cited passages;
 * 5. it carries a marker, unless it only frames the answer ("The article does
 *    not say …"); a framing sentence may name only what the passages or the
 *    question name.
 * In the article's script the claim's words must also be the cited
 * passages' (or their equivalents'), and none may come from the question
 * alone: that is how an instruction smuggled into a question shows.
 */
export function verifyAnswer(input: VerifyInput): Verification {
  const byMarker = new Map(input.passages.map((p) => [p.n, p]));
  const context = new Context(input);
  const sentences: CheckedSentence[] = [];
  let previous: RosterPerson[] = [];
  for (const s of splitModelAnswer(input.text)) {
    const { checked, attributed } = checkSentence(s, byMarker, context, previous);
    sentences.push(checked);
    previous = attributed;
  }
  const first = sentences[0];
  const refusal = !!first && !first.problem && first.markers.length === 0 && saysNotAnswered(first.body);
  return { sentences, refusal };
}

/** What every sentence is checked against, computed once per answer. */
class Context {
  readonly allText: string[];
  readonly allTerms: Set<string>;
  readonly questionTerms: Set<string>;
  readonly passageScript: string;

  constructor(readonly input: VerifyInput) {
    const roles = input.roster.flatMap((p) => [p.name, p.role ?? ""]);
    this.allText = [...input.passages.map((p) => p.text), ...roles];
    this.allTerms = termsOfAll(this.allText);
    this.questionTerms = termsOf(input.question);
    this.passageScript = dominantScript(input.passages.map((p) => p.text).join(" "));
  }
}

function checkSentence(
  s: ModelSentence,
  byMarker: Map<number, Passage>,
  ctx: Context,
  previous: RosterPerson[],
): { checked: CheckedSentence; attributed: RosterPerson[] } {
  const drop = (problem: string, attributed: RosterPerson[] = []) => ({ checked: { ...s, framing: false, problem }, attributed });

  // Rule 1: markers.
  const unknown = s.markers.find((n) => !byMarker.has(n));
  if (unknown !== undefined) return drop(`cites [${unknown}], which no passage has`);
  const cited = [...new Set(s.markers)].map((n) => byMarker.get(n)!);

  // Rule 5: a sentence without a marker may only frame the answer.
  const framing = cited.length === 0;
  if (framing && !isFraming(s.body)) return drop("says something about the event without a marker");
  const sources = framing ? ctx.input.passages : cited;

  // Rule 2: quotations, word for word.
  const quotes = quotations(s.body);
  const verbatim = new Map<Quotation, Passage[]>();
  for (const q of quotes) {
    const from = sourceOfQuotation(q.text, sources);
    if (from) verbatim.set(q, from);
  }
  for (const q of quotes) {
    if (verbatim.has(q)) continue;
    const original = [...verbatim.keys()].find((o) => isTranslation(o, q, s.body));
    if (!original) return drop(`quotes “${short(q.text)}”, which the ${framing ? "" : "cited "}passages do not say`);
    verbatim.set(q, verbatim.get(original)!);
  }
  // Verbatim quotations are the article's words; what remains is the model's own.
  let own = s.body;
  // The quotation marks stay: `“…,” said X` still shows who speaks.
  for (const q of quotes) if (sourceOfQuotation(q.text, sources)) own = own.slice(0, q.start + 1) + " ".repeat(q.end - q.start - 2) + own.slice(q.end - 1);

  // Rule 3: attribution.
  const names = findNames(own, ctx.input.roster);
  const others = findOtherNames(own, names);
  const attributedMentions = [...names, ...findRoles(own, ctx.input.roster), ...others].filter((m) => inAttributionPosition(own, m));
  let attributed = unique(attributedMentions.flatMap((m) => m.persons));
  if (attributed.length === 0 && continuesPreviousSpeaker(own.trim())) attributed = previous;
  if (attributed.length === 0 && verbatim.size > 0 && names.length === 1) attributed = names[0].persons;
  const speakers = new Set(cited.map((p) => p.speaker?.id ?? null));
  if (!framing) {
    for (const m of attributedMentions) {
      const problem = attributionProblem(m, cited, speakers);
      if (problem) return drop(problem, attributed);
    }
    if (attributedMentions.length === 0 && attributed.length > 0 && !attributed.some((p) => speakers.has(p.id))) {
      return drop(`goes on about ${attributed[0].name} but cites no passage of theirs`, attributed);
    }
    if (attributed.length === 1) {
      const [person] = attributed;
      for (const [q, from] of verbatim) {
        if (!from.some((p) => p.speaker?.id === person.id)) return drop(`gives ${person.name} the words “${short(q.text)}”, which are ${speakerName(from)}'s`, attributed);
      }
    }
  }

  // Rule 4: numbers and names occur in what the sentence cites.
  const reference = framing ? [...ctx.allText, ctx.input.question] : referenceText(cited, ctx.input.roster);
  const refNumbers = new Set(reference.flatMap((t) => [...numbersOf(t)]));
  const speakerCount = new Set(cited.map((p) => p.speaker?.id).filter(Boolean)).size;
  for (const v of numbersIn(own)) {
    if (!refNumbers.has(v) && !(speakerCount >= 2 && v === String(speakerCount))) return drop(`gives the number ${v}, which the ${framing ? "" : "cited "}passages do not`, attributed);
  }
  for (const m of names) {
    const ok = framing
      ? m.persons.some((p) => hasWord(ctx.allText, surname(p)))
      : m.persons.some((p) => cited.some((c) => c.speaker?.id === p.id || c.refersTo.includes(p.id) || hasWord([c.text], surname(p))));
    if (!ok) return drop(`names ${m.text}, whom the ${framing ? "" : "cited "}passages do not`, attributed);
  }
  for (const t of capitalisedWords(own, names)) {
    const ok = hasWord(reference, t);
    if (!ok) return drop(`names ${t}, which the ${framing ? "" : "cited "}passages do not`, attributed);
  }

  // In the article's script: the claim's words are the cited passages', and none comes from the question alone.
  if (!framing && dominantScript(own) === ctx.passageScript) {
    const terms = termsOf(withoutCapitalised(own));
    const citedTerms = termsOfAll(reference);
    const echoed = [...terms].find((t) => ctx.questionTerms.has(t) && !covered(t, ctx.allTerms));
    if (echoed) return drop(`takes “${echoed}” from the question, not from the article`, attributed);
    const supported = [...terms].filter((t) => covered(t, citedTerms));
    if (supported.length < Math.ceil(terms.size * 0.6)) {
      return drop(`says ${terms.size - supported.length} things the cited passages do not (${[...terms].filter((t) => !covered(t, citedTerms)).slice(0, 3).join(", ")})`, attributed);
    }
    if (attributed.length === 1) {
      const theirPassages = cited.filter((p) => p.speaker?.id === attributed[0].id);
      const theirs = termsOfAll(theirPassages.map((p) => p.text));
      const byThem = supported.filter((t) => covered(t, theirs));
      if (supported.length >= 2 && byThem.length * 2 < supported.length) {
        return drop(`gives ${attributed[0].name} a claim from a passage of ${speakerName(cited.filter((p) => p.speaker?.id !== attributed[0].id))}`, attributed);
      }
    }
  }
  return { checked: { ...s, framing }, attributed };
}

function attributionProblem(m: Mention, cited: Passage[], speakers: Set<string | null>): string | null {
  if (m.kind !== "unknown") {
    if (m.persons.some((p) => speakers.has(p.id))) return null;
    return `attributes to ${m.text} what the cited passages attribute to ${speakerName(cited)}`;
  }
  // Someone the roster does not know: only the article's narration, or a cited speaker's own role, may speak of them.
  const narration = cited.filter((p) => !p.speaker);
  const roles = cited.flatMap((p) => (p.speaker ? [p.speaker.role ?? "", p.speaker.name] : []));
  const words = wordTokens(m.text).map((t) => t.text);
  if (words.every((w) => hasWord(roles, w)) || narration.some((p) => words.every((w) => hasWord([p.text], w)))) return null;
  return `attributes something to ${m.text}, whom the cited passages do not quote`;
}

/** The cited passages' text, with their speakers' names and roles: describing a cited speaker by their role is no new claim. */
function referenceText(cited: Passage[], roster: RosterPerson[]): string[] {
  const related = new Set(cited.flatMap((p) => [p.speaker?.id, ...p.refersTo].filter((x): x is string => !!x)));
  return [...cited.map((p) => p.text), ...roster.filter((p) => related.has(p.id)).flatMap((p) => [p.name, p.role ?? ""])];
}

/** Capitalised words that are not the first of the sentence, of a clause after a colon, or of a bracket, and not roster names. */
function capitalisedWords(text: string, names: Mention[]): string[] {
  const out: string[] = [];
  const tokens = wordTokens(text);
  tokens.forEach((t, i) => {
    if (!/^\p{Lu}/u.test(t.text) || t.text === "I") return;
    const before = text.slice(i === 0 ? 0 : tokens[i - 1].end, t.start);
    if (i === 0 || /[:(\[—–]\s*$|["“«„]\s*$/.test(before)) return;
    if (TITLES.has(fold(t.text).replace(/\.$/, ""))) return;
    if (names.some((m) => t.start >= m.start && t.end <= m.end)) return;
    out.push(t.text);
  });
  return out;
}

/** Names are checked on their own (rule 4); the claim is what the lower-case words say. */
function withoutCapitalised(text: string): string {
  return text.replace(/(?<![\p{L}])\p{Lu}[\p{L}'’\-]*/gu, " ");
}

// Passages come back in every sentence of every answer: their words, terms and numbers are read once.
const wordSets = new LruCache<string, WordSet>(4000);
const termSets = new LruCache<string, Set<string>>(4000);
const numberSets = new LruCache<string, Set<string>>(4000);

function cached<T>(cache: LruCache<string, T>, text: string, make: (text: string) => T): T {
  let value = cache.get(text);
  if (value === undefined) cache.set(text, (value = make(text)));
  return value;
}

function hasWord(texts: string[], word: string): boolean {
  return texts.some((t) => cached(wordSets, t, (x) => new WordSet([x])).has(word));
}

function numbersOf(text: string): Set<string> {
  return cached(numberSets, text, numbersIn);
}

function termsOfAll(texts: string[]): Set<string> {
  return new Set(texts.flatMap((t) => [...termsOf(t)]));
}

function surname(p: RosterPerson): string {
  return p.name.split(/\s+/).at(-1)!;
}

/** Content words, stemmed, without reporting verbs and the words every question and answer uses. */
function termsOf(text: string): Set<string> {
  return cached(termSets, text, readTerms);
}

function readTerms(text: string): Set<string> {
  const out = new Set<string>();
  for (const tok of wordTokens(fold(text))) {
    for (const part of [tok.text, ...tok.text.split("-")]) {
      // Person nouns ("speakers", "the expert") are checked as roles, not as claims.
      if (STOP_WORDS.has(part) || QUESTION_WORDS.has(part) || isPersonNoun(part) || /^\d/.test(part) || part.length < 3) continue;
      const s = stem(part);
      if (REPORTING_STEMS.has(s) || COMMON_WORDS.has(s)) continue;
      out.add(s);
    }
  }
  return out;
}

function covered(term: string, terms: Set<string>): boolean {
  return equivalents(term).some((t) => terms.has(t));
}

function speakerName(passages: Passage[]): string {
  const names = unique(passages.map((p) => p.speaker?.name ?? "the article"));
  return names.join(" and ") || "nobody";
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
