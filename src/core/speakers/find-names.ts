import { fold, STOP_WORDS } from "../text/tokenize.js";
import { IRREGULAR_PAST, MONTHS_AND_DAYS, NON_SUBJECT_BEFORE, ORG_WORDS, PARTICIPATION_VERBS, PERSON_NOUNS, SPEECH_VERBS, TITLE_WORDS } from "./lexicon.js";

export interface NameMention {
  name: string;
  /** Offsets within the sentence text. */
  start: number;
  end: number;
}

const PARTICLES = new Set(["van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "bin", "ibn", "al", "el", "ter", "ten"]);

// An acronym with dots ("A.B."), an initial ("J."), a word, or one other character.
const TOKEN = /(?:\p{Lu}\.){2,}|\p{Lu}\.(?=\s)|[\p{L}\p{M}'’-]+|[^\s\p{L}]/gu;

interface Tok {
  text: string;
  start: number;
  end: number;
}

function tokens(text: string): Tok[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
}

const nameTokens = new Map<string, boolean>();

/** Whether a token can be part of a person's name; remembered, as the same words recur. */
function isNameToken(t: string): boolean {
  let known = nameTokens.get(t);
  if (known === undefined) {
    known = looksLikeName(t);
    if (nameTokens.size < 100_000) nameTokens.set(t, known);
  }
  return known;
}

function looksLikeName(t: string): boolean {
  if (!/^\p{Lu}/u.test(t)) return false;
  if (/^\p{Lu}{2,}$/u.test(t.replace(/[.'’-]/g, ""))) return false; // acronyms
  if (/^\p{Lu}\.$/u.test(t)) return true; // initials
  const w = fold(t);
  // Listed nouns only: a suffix rule would take "Lindqvist" for a profession.
  return !STOP_WORDS.has(w) && !ORG_WORDS.has(w) && !PERSON_NOUNS.has(w) && !TITLE_WORDS.has(w) && !MONTHS_AND_DAYS.has(w) && /^\p{Lu}[\p{Ll}\p{M}]*(?:['’-]?\p{Lu}?[\p{Ll}\p{M}]+)+$/u.test(t);
}

/**
 * Person-name candidates: two to four capitalised words in a row that are not
 * an organisation, office, acronym or date, and are not the tail of one
 * ("the National Water Board", "his X party", "Institute of X Y").
 * `lowercase` holds words the article also writes in lower case: capitalised
 * only because it opens the sentence, such a word before a name of two words
 * is not part of it ("Recruits X Y and Z scored"; "Bill X" stays whole).
 */
export function findNames(sentence: string, lowercase?: ReadonlySet<string>): NameMention[] {
  const toks = tokens(sentence);
  const out: NameMention[] = [];
  let i = 0;
  while (i < toks.length) {
    // "R-N.Y. Officials": an initial glued to what precedes it is the end of an abbreviation.
    if (!isNameToken(toks[i].text) || (/^\p{Lu}\.$/u.test(toks[i].text) && /\S/.test(sentence[toks[i].start - 1] ?? " "))) {
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      const next = toks[j + 1];
      if (next && isNameToken(next.text) && sentence.slice(toks[j].end, next.start) === " ") {
        j++;
        continue;
      }
      // "Marie van der Berg", "Omar bin Said": lower-case particles inside a name.
      let k = j + 1;
      while (toks[k] && PARTICLES.has(toks[k].text) && sentence.slice(toks[k - 1].end, toks[k].start) === " ") k++;
      if (k > j + 1 && toks[k] && isNameToken(toks[k].text) && sentence.slice(toks[k - 1].end, toks[k].start) === " ") {
        j = k;
        continue;
      }
      break;
    }
    let first = i;
    // "envoy in Norway Jane Roe": a place after a preposition, then the name (not after "the": that is an organisation).
    if (j - i >= 2 && partOfSomethingElse(toks, i, j) && /^(in|to|at|from|of)$/i.test(toks[i - 1]?.text ?? "")) first = i + 1;
    // "the State Senate Oleg Smirnov": the first word still belongs to the organisation before it.
    const prev = toks[i - 1]?.text ?? "";
    if (j - i >= 2 && /^\p{Lu}/u.test(prev) && ORG_WORDS.has(fold(prev))) first = i + 1;
    if (j - i >= 2 && lowercase && opensSentence(toks, i) && isLowercaseWord(toks[i].text, lowercase)) first = i + 1;
    const run = toks.slice(first, j + 1);
    const words = run.filter((t) => !PARTICLES.has(t.text)).length;
    if (words >= 2 && words <= 4 && !partOfSomethingElse(toks, first, j)) {
      out.push({ name: sentence.slice(run[0].start, run.at(-1)!.end), start: run[0].start, end: run.at(-1)!.end });
    }
    i = j + 1;
  }
  return out;
}

/** A lower-case word that can stand between an organisation and a name: not a verb, not a function word. */
function isModifierNoun(word: string): boolean {
  return /^\p{Ll}[\p{Ll}-]+$/u.test(word) && !STOP_WORDS.has(word) && !/(?:ed|s)$/.test(word) && !IRREGULAR_PAST.has(word) && !SPEECH_VERBS.has(word) && !PARTICIPATION_VERBS.has(word);
}

function opensSentence(toks: Tok[], i: number): boolean {
  return toks.slice(0, i).every((t) => /^[^\p{L}\p{N}]$/u.test(t.text));
}

function isLowercaseWord(word: string, lowercase: ReadonlySet<string>): boolean {
  const w = fold(word);
  return lowercase.has(w) || lowercase.has(w.replace(/s$/, ""));
}

function partOfSomethingElse(toks: Tok[], i: number, j: number): boolean {
  const prev = toks[i - 1];
  const next = toks[j + 1];
  if (prev && NON_SUBJECT_BEFORE.has(fold(prev.text))) return true;
  if (next && /^\p{L}/u.test(next.text) && ORG_WORDS.has(fold(next.text))) return true;
  // "City Rovers striker X", "X Y party leader Z": a name that qualifies the noun before another name is a club, a firm or a place.
  if (next && /^\p{Ll}/u.test(next.text) && (PERSON_NOUNS.has(next.text) || TITLE_WORDS.has(next.text))) return true;
  const between = toks.slice(j + 1, j + 4);
  const nameAt = between.findIndex((t) => /^\p{Lu}/u.test(t.text));
  if (nameAt >= 1 && between.slice(0, nameAt).every((t) => isModifierNoun(t.text)) && isNameToken(between[nameAt].text)) return true;
  // "Nova Vox (New Voice) party": a bracketed gloss followed by an organisation word.
  if (next?.text === "(") {
    const close = toks.findIndex((t, k) => k > j && t.text === ")");
    const after = close > 0 ? toks[close + 1] : undefined;
    if (after && ORG_WORDS.has(fold(after.text))) return true;
  }
  return false;
}
