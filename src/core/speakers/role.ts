import type { NameMention } from "./find-names.js";
import { findNames } from "./find-names.js";
import { IRREGULAR_PAST, isMarkedReportingVerb, isPersonNoun, PERSON_NOUNS, TITLE_WORDS } from "./lexicon.js";

const PREPOSITIONS = new Set("of in at for on from to with by about under over and or as".split(" "));
const DETERMINER = /^(?:the|a|an)$/i;

/**
 * The role and affiliation the article gives a speaker where it introduces
 * them: before the name ("the Ambassador of X in Y Name"), as an appositive
 * after it ("Name, head of Y, noted"), or both.
 */
/**
 * "X (head of Y) said" and "X — head of Y — said" read as "X, head of Y, said":
 * brackets and dashes set off an appositive as commas do.
 */
export function asCommaAppositive(after: string): string {
  return after.replace(/^\s*\(([^)]*)\)/, ", $1,").replace(/^\s*[—–]\s*([^—–]+?)\s*[—–]/, ", $1,");
}

// "X, who heads Y, said": the relative clause gives the role.
const ROLE_CLAUSE: [RegExp, string][] = [
  [/^who (?:heads|headed|runs|ran) /i, "head of "],
  [/^who (?:leads|led) /i, "leader of "],
  [/^who (?:chairs|chaired) /i, "chair of "],
  [/^who (?:directs|directed) /i, "director of "],
  [/^who (?:represents|represented) /i, "representative of "],
  [/^who (?:manages|managed) /i, "manager of "],
  [/^who (?:founded|co-founded) /i, "founder of "],
  [/^who (?:works|worked|teaches|taught) (at|for|in) /i, ""],
];

export function extractRole(sentence: string, m: NameMention): string | null {
  const before = roleBefore(sentence.slice(0, m.start));
  // "According to X, head of Y, the …" / "As noted by X, editor of Y, …": the main clause follows the appositive.
  const prepositional = /\b(?:according to|by)\s+(?:[\p{Ll}-]+\s+){0,4}$/iu.test(sentence.slice(0, m.start));
  const tail = asCommaAppositive(sentence.slice(m.end));
  const after = prepositional ? appositiveOnly(tail) : roleAfter(tail);
  // "Professor X of the National University disagreed": the affiliation completes the title.
  const affiliation = affiliationAfter(sentence.slice(m.end));
  if (!after && affiliation) return [before, affiliation].filter(Boolean).join(" ");
  const parts = [before, after].filter(Boolean) as string[];
  return parts.length ? parts.join(", ") : null;
}

/** The next comma-delimited phrase, if it describes a person ("editor-in-chief of X"). */
function appositiveOnly(after: string): string | null {
  const m = /^\s*,\s*([^,.;"“”]+)/u.exec(after);
  if (!m) return null;
  const head = m[1].split(/\s+/).slice(0, 5).flatMap((w) => w.toLowerCase().split("-"));
  return head.some((w) => PERSON_NOUNS.has(w) || TITLE_WORDS.has(w)) ? clean(m[1]) : null;
}

function affiliationAfter(after: string): string | null {
  const m = /^\s+((?:of|from|at)\s+[^,.;:"“”]+)/u.exec(after);
  if (!m) return null;
  const words = m[1].split(/\s+/);
  // "X of the Water Ministry and Y, …, said": the affiliation ends where the second person begins.
  const and = words.findIndex((w, i) => i > 1 && w === "and" && /^\p{Lu}/u.test(words[i + 1] ?? ""));
  if (and > 1) return words.slice(0, and).join(" ");
  const verb = words.findIndex((w, i) => i > 1 && (isMarkedReportingVerb(w) || /^(was|is|were|are)$/.test(w)));
  if (verb > 1) return words.slice(0, verb).join(" ");
  // '"…," said X of the Y committee.': the affiliation ends the sentence, and no verb is in it.
  const end = /^\s*[.!?]?["”’]?\s*$/.test(after.slice(m.index + m[0].length));
  return end && !words.some((w) => /^(?:was|is|were|are|has|had|have)$|^\p{Ll}{3,}ed$/u.test(w) || IRREGULAR_PAST.has(w)) ? m[1].trim() : null;
}

// Discourse markers set off by commas are not a role: "X, in turn, noted".
const NOT_A_ROLE = /^(?:in (?:his |her |their )?turn|for (?:his|her|their) part|however|meanwhile|in response|too|also|again|then|in addition|moreover|likewise|in particular)$/i;

// An introductory phrase before the role: "Speaking at the event,", "In his speech,", "Opening the conference,".
const INTRO_SEGMENT = /^(?:\p{L}+ing|\p{Ll}+ly(?=,)|in|at|on|during|after|before|while|when|with|for|as|according|earlier|later|meanwhile|however|also|then)\b/iu;

// A dateline opening the article: "SPRINGFIELD, Ill. ", "LONDON, ",
// "PARIS (AFP) - ".
const DATELINE = /^\s*\p{Lu}{2,}(?:[\s-]\p{Lu}{2,})*(?:,\s*(?:(?:\p{Lu}\.){1,3}\s+|\p{Lu}\p{Ll}+\.?\s+\d{1,2}\s+)?|\s*(?:\([^)]*\)\s*)?[-—–]\s+)/u;
// Abbreviated titles, written out: "Sen. X" is a senator.
const TITLES: Record<string, string> = { Sen: "Senator", Rep: "Representative", Gov: "Governor" };
const SUBORDINATOR = /^(?:when|while|as|after|before|although|though|if|since|because|once|until)\s+/i;

function roleBefore(before: string): string | null {
  // "Both X and Y": what precedes the second name is the first person, not a role.
  if (/\band\s*$/i.test(before)) return null;
  // The clause that leads to the name starts after the last quotation, "by", "said" or "according to".
  let text = before.replace(/^[\s\S]*["“”]\s*,?\s*/, "").replace(DATELINE, "");
  // "Senator X, former Governor Y and Ohio Governor Z": only what follows the last other name.
  const other = findNames(text).at(-1);
  if (other && /^\s*(?:,|and\b)/.test(text.slice(other.end))) text = text.slice(other.end).replace(/^\s*(?:,\s*)?(?:and\s+)?/, "");
  const boundary = /^([\s\S]*\b(?:by|said|says|according to|with)\s)/i.exec(text);
  if (boundary) text = text.slice(boundary[1].length);
  // Drop introductory segments; what is left before the name is the role ("The director of X," included).
  // "heavyweights like Sen. X": examples of a group; the title is what counts.
  text = text.replace(/^[\s\S]*\b(?:like|such as|including)\s+/i, "");
  let segments = text.split(/(?<=,)\s+/).filter((seg) => seg.trim());
  // "…, after acknowledging Y, manager X": what follows the last introductory segment.
  const lastIntro = segments.findLastIndex((seg, i) => i < segments.length - 1 && INTRO_SEGMENT.test(seg.trim()));
  if (lastIntro >= 0) segments = segments.slice(lastIntro + 1);
  if (segments.length === 1 && INTRO_SEGMENT.test(segments[0].trim()) && segments[0].trim().endsWith(",")) return null;
  // "Outside the hall, X": a phrase set off by a comma is a role only if it names one ("The director of Y, X").
  if (segments.length === 1 && segments[0].trim().endsWith(",") && !segments[0].split(/[\s,-]+/).some((w) => isPersonNoun(w))) return null;
  // "When committee member X asked …": the conjunction opens a clause; the role follows it.
  if (segments.length === 0) return null;
  segments[0] = segments[0].replace(SUBORDINATOR, "");
  text = segments.join(" ");
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  // "While opening the meeting the Ambassador ...": a determiner after a non-preposition starts a new noun phrase.
  let from = 0;
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1].toLowerCase().replace(/[^\p{L}]/gu, "");
    if (DETERMINER.test(tokens[i]) && !PREPOSITIONS.has(prev) && !tokens[i - 1].endsWith(",")) from = i;
    // "United have signed City striker X": the role starts after the verb.
    if (isFiniteVerb(tokens[i - 1], tokens[i])) from = i;
  }
  let role = tokens.slice(from);
  while (role.length && DETERMINER.test(role[0])) role = role.slice(1);
  // An honorific alone ("Dr.") is a form of address, not a role; "Both" is no role either.
  const out = trimPunctuation(role.join(" "))
    .replace(/(?:^|\s+)(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?$/, "")
    .replace(/\b(Sen|Rep|Gov)\.?$/, (t) => TITLES[t.replace(".", "")])
    .replace(/^(?:both|either|neither|also|and)$/i, "")
    // "But shadow chancellor X": the conjunction joins the sentence to the one before.
    .replace(/^(?:but|and|yet|so|meanwhile|however),?\s+/i, "");
  // A verb in what is left means it was narration, not a title.
  if (!out || out.split(/\s+/).some((w) => isMarkedReportingVerb(w))) return null;
  return out;
}

/** "have", "was", or a past form before a name or an article ("signed City …"; "retired surgeon" is a modifier). */
function isFiniteVerb(word: string, next: string): boolean {
  const w = word.toLowerCase();
  return /^(?:has|have|had|is|are|was|were|will|would)$/.test(w) || (/^\p{Ll}{3,}ed$/u.test(word) && /^(?:\p{Lu}|the\b|a\b|an\b)/u.test(next));
}

function roleAfter(after: string): string | null {
  if (!/^\s*,/.test(after)) return null;
  const rest = after.replace(/^\s*,\s*/, "");
  for (const [re, prefix] of ROLE_CLAUSE) {
    const m = re.exec(rest);
    if (m) return clean(`${prefix}${rest.slice(m[0].length).split(/,/)[0].replace(/^the\s+/i, prefix ? "the " : "")}`.replace(/ of the the /, " of the "));
  }
  // ", who noted that …": a relative clause, not an appositive role; ", believes that …": the verb itself.
  // ", they honored …": a new clause.
  if (/^(?:who|whom|whose|which|that|he|she|they|it|we|i)\b/i.test(rest)) return null;
  // ", retired surgeon Y, …": the next person in a list.
  const next = findNames(rest)[0];
  const lead = rest.slice(0, next?.start ?? 0);
  if (next && /^\s*(?:[,.;]|and\b|$)/.test(rest.slice(next.end)) && !/[,;]|\b(?:of|at|for|in|from|with|to|on|the)\b/i.test(lead)) return null;
  const firstWord = /^(\p{L}+)/u.exec(rest)?.[1]?.toLowerCase() ?? "";
  if (isMarkedReportingVerb(firstWord)) return null;
  // The appositive runs to the comma before the main verb, or to the end of the sentence.
  const re = /,\s*(?:(?:also|then|later|further)\s+)?(\p{L}+)|\s+(who|which)\b|[.;!?]["”]?\s*$/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest))) {
    const w = m[1]?.toLowerCase();
    if (m[2] || !m[1] || /^(?:who|which|whose)$/.test(w!) || isMarkedReportingVerb(w) || /^\p{Ll}+ed$/u.test(m[1]) || /^(was|were|is|are)$/.test(w!)) {
      return clean(rest.slice(0, m.index));
    }
  }
  return clean(rest);
}

function clean(role: string): string | null {
  const out = trimPunctuation(role.replace(/^(?:the|a|an)\s+/i, ""));
  // ", 41, …" gives an age, not a role.
  return out && /\p{L}/u.test(out) && !NOT_A_ROLE.test(out) ? out : null;
}

function trimPunctuation(s: string): string {
  return s.replace(/^[\s,;:]+|[\s,;:.]+$/g, "");
}
