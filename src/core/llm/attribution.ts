import { distance } from "fastest-levenshtein";
import { SPEECH_VERBS, isPersonNoun } from "../speakers/lexicon.js";
import { STOP_WORDS, fold, wordTokens, type Token } from "../text/tokenize.js";
import { isLatinWord, latinForm, sameTransliterated } from "./names.js";

/** A speaker as the roster records them. */
export interface RosterPerson {
  id: string;
  name: string;
  role: string | null;
  aliases: string[];
}

/** A place in a sentence that names (or may name) a roster person. */
export interface Mention {
  start: number;
  end: number;
  /** Roster persons this mention may be: several when two share a surname or a role noun. */
  persons: RosterPerson[];
  /** The words as written. */
  text: string;
  kind: "name" | "role" | "unknown";
}

function capitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** Whether a word of an answer is a given word of a name: the same, misspelt by one letter, or transliterated. */
export function nameWordMatches(word: string, nameWord: string): boolean {
  if (isLatinWord(word)) {
    const [w, n] = [fold(word).replace(/'s$/, ""), fold(nameWord)];
    return w === n || (n.length >= 6 && distance(w, n) <= 1);
  }
  return sameTransliterated(latinForm(word), latinForm(nameWord));
}

/** Roster persons named in a text: by full name or by surname, in Latin or Cyrillic letters. */
export function findNames(text: string, roster: RosterPerson[]): Mention[] {
  const tokens = wordTokens(text).filter((t) => capitalised(t.text));
  const out: Mention[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (taken.has(i)) continue;
    let best: { persons: RosterPerson[]; length: number } | null = null;
    for (const p of roster) {
      const parts = p.name.split(/\s+/);
      const surname = parts[parts.length - 1];
      const length = matchFullName(tokens, i, text, parts) ? parts.length : surname.length >= 3 && nameWordMatches(tokens[i].text, surname) ? 1 : 0;
      if (!length) continue;
      if (!best || length > best.length) best = { persons: [p], length };
      else if (length === best.length) best.persons.push(p);
    }
    if (!best) continue;
    const last = tokens[i + best.length - 1];
    for (let k = 0; k < best.length; k++) taken.add(i + k);
    out.push({ start: tokens[i].start, end: last.end, persons: best.persons, text: text.slice(tokens[i].start, last.end), kind: "name" });
  }
  return out;
}

function matchFullName(tokens: Token[], i: number, text: string, parts: string[]): boolean {
  if (parts.length < 2 || i + parts.length > tokens.length) return false;
  for (let k = 0; k < parts.length; k++) {
    if (!nameWordMatches(tokens[i + k].text, parts[k])) return false;
    // The words of one name stand next to each other.
    if (k > 0 && !/^\s+$/.test(text.slice(tokens[i + k - 1].end, tokens[i + k].start))) return false;
  }
  return true;
}

/** "the expert", "the deputy": a role noun standing for a speaker, and the speakers it may stand for. */
export function findRoles(text: string, roster: RosterPerson[]): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(/\b(?:the|this|that)\s+(\p{L}+)\b/giu)) {
    const noun = m[1].toLowerCase();
    if (!isPersonNoun(noun)) continue;
    const persons = roster.filter((p) => p.aliases.includes(noun) || new RegExp(`\\b${noun}\\b`, "i").test(p.role ?? ""));
    if (persons.length) out.push({ start: m.index!, end: m.index! + m[0].length, persons, text: m[0], kind: "role" });
  }
  return out;
}

/**
 * Runs of capitalised words that are not roster names: people or bodies the
 * roster does not know. A run at the start of the sentence counts only with
 * two words or more, since every sentence starts with a capital.
 */
export function findOtherNames(text: string, known: Mention[]): Mention[] {
  const out: Mention[] = [];
  const tokens = wordTokens(text);
  let run: Token[] = [];
  const flush = () => {
    let words = run;
    if (words[0]?.start === 0 && STOP_WORDS.has(fold(words[0].text))) words = words.slice(1);
    const atStart = words[0]?.start === 0;
    if (words.length >= (atStart ? 2 : 1) && !known.some((m) => m.start < words.at(-1)!.end && m.end > words[0].start)) {
      out.push({ start: words[0].start, end: words.at(-1)!.end, persons: [], text: text.slice(words[0].start, words.at(-1)!.end), kind: "unknown" });
    }
    run = [];
  };
  for (const t of tokens) {
    const adjacent = run.length > 0 && /^\s+$/.test(text.slice(run.at(-1)!.end, t.start));
    if (!capitalised(t.text) || (run.length > 0 && !adjacent)) flush();
    if (capitalised(t.text)) run.push(t);
  }
  flush();
  return out;
}

const RU_VERB = new RegExp(
  "^(?:заяви|сказа|отмети|подчеркну|добави|счита|полага|увере|вырази|согласи|поддержа|поздрави|обрати|назва|ожида|надее|рассказа|указа|говори|сообщи|констатирова|высказа|призна|предупреди|поясни|напомни|уточни|замети|выступи|охарактеризова|оцени|убежд)\\p{L}*$",
  "iu",
);
const STANCES = new Set("sure convinced certain confident optimistic pessimistic sceptical skeptical cautious critical hopeful".split(" "));
const BE = new Set(["is", "was", "were", "are"]);
const ADVERBS = "also|further|then|later|however|in turn|again|too|clearly|strongly|firmly|has|had|have|was|is|would|did";

/** A verb that reports speech or a stance: "said", "argued", "expects", "заявил". */
function isReportingVerb(word: string | undefined): boolean {
  return !!word && (SPEECH_VERBS.has(word.toLowerCase()) || RU_VERB.test(word));
}

/** "said", "is convinced", "drew attention": the words right after a subject that make it the speaker. */
function reports(first: string | undefined, second: string | undefined): boolean {
  if (isReportingVerb(first)) return true;
  const f = first?.toLowerCase() ?? "";
  return (BE.has(f) && STANCES.has(second?.toLowerCase() ?? "")) || (f === "drew" && second?.toLowerCase() === "attention");
}

// What precedes a name that a sentence attributes something to: "according to X", "по словам X", "as noted by X".
const ROLE_BEFORE_NAME = String.raw`(?:(?:the|a|an)\s+[\p{L}\s,'’-]{0,80}?)?$`;
const PHRASE_BEFORE = new RegExp(
  String.raw`(?:\baccording to|\bin the (?:view|opinion|words|estimation|assessment) of|\bas (?:\p{L}+ )?by|\bby|(?<!\p{L})по (?:словам|мнению|оценке|данным))\s*` + ROLE_BEFORE_NAME,
  "iu",
);
// `"…," said X`, `«…», — заявил X`: a reporting verb before the name, after a quotation or a comma.
const VERB_BEFORE = new RegExp(String.raw`[,"”»—–-]\s*(?:как\s+)?(\p{L}+)\s*` + ROLE_BEFORE_NAME, "iu");
const DASH_BEFORE = /[,.!?]["”»]?\s*[—–-]\s*$/u;

// What follows the name before its verb: a role ("of the Institute"), a bracket, an apposition, adverbs.
const SKIPS = [
  "",
  String.raw`\s+(?:of|from|at|in)\s+(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+(?:of|and|for|the|in|\p{Lu}[\p{L}'’-]*))*`,
  String.raw`\s*\([^)]{0,160}\)`,
  String.raw`\s*,[^,]{0,200},`,
  String.raw`\s*,\s*who(?:\s+\p{L}+){0,2}?`,
].map((skip) => new RegExp(String.raw`^${skip}\s*(?:(?:${ADVERBS})\s+)*(\p{L}+)(?:\s+(\p{L}+))?`, "iu"));
const POSSESSIVE_AFTER = /^['’]s\s+(?:view|opinion|words|position|assessment|estimation|statement|argument|claims?|remarks?|point|belief|hopes?|expectations?|conclusion)\b/iu;

export function inAttributionPosition(text: string, m: Mention): boolean {
  const before = text.slice(Math.max(0, m.start - 120), m.start);
  if (PHRASE_BEFORE.test(before) || DASH_BEFORE.test(before) || isReportingVerb(VERB_BEFORE.exec(before)?.[1])) return true;
  const after = text.slice(m.end, m.end + 260);
  if (POSSESSIVE_AFTER.test(after) || /^\s*:/.test(after)) return true;
  return SKIPS.some((re) => {
    const w = re.exec(after);
    return !!w && reports(w[1], w[2]);
  });
}

/** "He said …", "In her opinion …", "Он считает …": the sentence goes on with the previous one's speaker. */
export function continuesPreviousSpeaker(text: string): boolean {
  const words = text.split(/\s+/).map((w) => w.replace(/[^\p{L}]/gu, ""));
  if (/^(?:He|She|They|Он|Она|Они)$/u.test(words[0] ?? "")) return words.slice(1, 5).some((w, i, ws) => reports(w, ws[i + 1]));
  return /^(?:According to (?:him|her|them)|In (?:his|her|their) (?:view|opinion|words|estimation))\b/i.test(text) || /^По (?:его|её|ее|их) (?:словам|мнению)/iu.test(text);
}
