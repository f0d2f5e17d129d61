import { fold, STOP_WORDS } from "../text/tokenize.js";
import { MONTHS_AND_DAYS, NON_SUBJECT_BEFORE, ORG_WORDS, PERSON_NOUNS, TITLE_WORDS } from "./lexicon.js";

export interface NameMention {
  name: string;
  /** Offsets within the sentence text. */
  start: number;
  end: number;
}

const PARTICLES = new Set(["van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "bin", "ibn", "al", "el", "ter", "ten"]);

const TOKEN = /\p{Lu}\.(?=\s)|[\p{L}\p{M}'’-]+|[^\s\p{L}]/gu;

interface Tok {
  text: string;
  start: number;
  end: number;
}

function tokens(text: string): Tok[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
}

function isNameToken(t: string): boolean {
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
 */
export function findNames(sentence: string): NameMention[] {
  const toks = tokens(sentence);
  const out: NameMention[] = [];
  let i = 0;
  while (i < toks.length) {
    if (!isNameToken(toks[i].text)) {
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
    // "the State Duma Oleg Smirnov": the first word still belongs to the organisation before it.
    const prev = toks[i - 1]?.text ?? "";
    if (j - i >= 2 && /^\p{Lu}/u.test(prev) && ORG_WORDS.has(fold(prev))) first = i + 1;
    const run = toks.slice(first, j + 1);
    const words = run.filter((t) => !PARTICLES.has(t.text)).length;
    if (words >= 2 && words <= 4 && !partOfSomethingElse(toks, first, j)) {
      out.push({ name: sentence.slice(run[0].start, run.at(-1)!.end), start: run[0].start, end: run.at(-1)!.end });
    }
    i = j + 1;
  }
  return out;
}

function partOfSomethingElse(toks: Tok[], i: number, j: number): boolean {
  const prev = toks[i - 1];
  const next = toks[j + 1];
  if (prev && NON_SUBJECT_BEFORE.has(fold(prev.text))) return true;
  if (next && /^\p{L}/u.test(next.text) && ORG_WORDS.has(fold(next.text))) return true;
  // "Nova Vox (New Voice) party": a bracketed gloss followed by an organisation word.
  if (next?.text === "(") {
    const close = toks.findIndex((t, k) => k > j && t.text === ")");
    const after = close > 0 ? toks[close + 1] : undefined;
    if (after && ORG_WORDS.has(fold(after.text))) return true;
  }
  return false;
}
