import type { CitationList } from "./citations.js";
import { COMMON_WORDS, QUESTION_WORDS, contentTerms } from "../text/tokenize.js";
import { checkClaim, type Verdict } from "./kinds/verify.js";
import type { AnswerKit } from "./kit.js";
import { analyseQuestion } from "./question/index.js";
import type { Citation } from "./types.js";

/** A message members wrote in a group, as the recap reads it. */
export interface ChatLine {
  /** First name of who wrote it. */
  name: string;
  text: string;
  /** Where to find it (a t.me link), or null. */
  link: string | null;
}

/** One point the group raised, and what the article makes of it. */
export interface RecapPoint {
  name: string;
  /** The message, shortened to its start. */
  gist: string;
  link: string | null;
  verdict: Verdict;
  /** For "other-speaker": whose words the article says they are. */
  actual: string | null;
  /** The [n] marker of the passage that supports or contradicts it, or "". */
  marker: string;
}

export interface Recap {
  points: RecapPoint[];
  /** Messages read, and how many of them were about something else. */
  read: number;
  unrelated: number;
  citations: Citation[];
}

/** Below this share of a message's words that the article uses, it is chatter about something else. */
const ON_TOPIC = 0.5;
const MAX_POINTS = 8;
const GIST_CHARS = 90;

function gist(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  if (one.length <= GIST_CHARS) return one;
  const cut = one.slice(0, GIST_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 40))}…`;
}

/**
 * What members said about the event, checked against the article: every
 * message that speaks to what the article covers becomes a point with its
 * author and the verdict of the same check as /check; chatter about other
 * things is counted and left out.
 */
export function recapLines(kit: AnswerKit, lines: ChatLine[], c: CitationList): Recap {
  const related = lines
    .map((line) => ({ line, q: analyseQuestion(kit.kb, line.text) }))
    .filter(({ line, q }) => {
      // The article's own words (its title and date line included): "the round table on March 25" is about it.
      const words = [...new Set(contentTerms(line.text).filter((w) => !COMMON_WORDS.has(w) && !QUESTION_WORDS.has(w)))];
      const known = words.filter((w) => kit.kb.vocabulary.knows(w));
      return q.speakers.length > 0 || (known.length >= 2 && known.length / words.length >= ON_TOPIC);
    });
  // The latest points, if there are many: a recap is read in a group chat.
  const points = related.slice(-MAX_POINTS).map(({ line, q }): RecapPoint => {
    const check = checkClaim(kit, q);
    // A date that is not the article's: its date line is the evidence.
    const dateLine = check.dateLine ? (c.citeHeader(check.dateLine.docId, check.dateLine.line) ?? "") : "";
    const marker = check.hit && check.verdict !== "not-said" ? dateLine || c.citeSpan(check.hit.ref.docId, kit.unit(check.hit.ref).sentences) : "";
    return { name: line.name, gist: gist(line.text), link: line.link, verdict: check.verdict, actual: check.actual ?? null, marker };
  });
  return { points, read: lines.length, unrelated: lines.length - related.length, citations: c.citations };
}
