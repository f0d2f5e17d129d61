import { stem, words } from "../text/tokenize.js";
import { isMarkedReportingVerb, isPersonNoun, isReportingVerb, isSpeechParticiple, SPEECH_VERBS } from "./lexicon.js";
import { verbAfter } from "./subject.js";
import type { Speaker } from "./types.js";

/**
 * A speaker referred to without a name: by pronoun ("she added") or by a noun
 * for their role ("the deputy stressed", '"…," the former minister said').
 */

export type Gender = Speaker["gender"];

const PRONOUN_GENDER: Record<string, "m" | "f"> = { he: "m", him: "m", his: "m", she: "f", her: "f" };

const ADVERBS = "(?:(?:also|then|later|further|first|again|once again|not|\\p{Ll}+ly)\\s+)*";
const AUXILIARY = `(?:(?:has|have|had|would|will|did|does|could|may|might)\\s+${ADVERBS})?`;
// Where a subject pronoun starts a clause: the sentence's start, after a conjunction, a comma or a quotation.
// Or after a short opening phrase: "In her opening address she urged …".
const SUBJECT_PRONOUN = new RegExp(
  `(?:^|[,;:—–"”’']\\s*|\\b(?:but|and|so|yet|still|then|however)\\s+|^(?:in|at|on|during|after|before|later|earlier)\\s[^,;"“”]{0,60}?\\s)(he|she)\\s+${ADVERBS}${AUXILIARY}(\\p{L}+)`,
  "giu",
);
const OPINION = /\b(?:according to (him|her)|in (his|her) (?:opinion|view|words|estimation|assessment))\b/i;

export interface PronounCue {
  gender: "m" | "f";
  /** The cue is a verb of saying ("she added"), not just any verb ("he has spent"). */
  speech: boolean;
}

/** "He added", '"…," she said', "According to her": a pronoun as the subject of the clause. */
export function pronounCue(outside: string): PronounCue | null {
  const text = outside.replace(/^\s+/, "");
  const opinion = OPINION.exec(text);
  if (opinion) return { gender: PRONOUN_GENDER[(opinion[1] ?? opinion[2]).toLowerCase()], speech: true };
  for (const m of text.matchAll(SUBJECT_PRONOUN)) {
    const verb = m[2].toLowerCase();
    return { gender: PRONOUN_GENDER[m[1].toLowerCase()], speech: isReportingVerb(verb) || isSpeechParticiple(verb) };
  }
  return null;
}

// "X refused to back Y as he admitted …": the pronoun in a later clause goes back to the sentence's subject.
const LATER_CLAUSE_PRONOUN = new RegExp(`(?:,\\s*|\\b(?:as|while|and|but|when|after)\\s+)(he|she)\\s+${ADVERBS}${AUXILIARY}(\\p{L}+)`, "iu");

/** The gender of a pronoun that is the subject of a verb of saying in a later clause, if any. */
export function laterSpeechPronoun(rest: string): "m" | "f" | null {
  const m = LATER_CLAUSE_PRONOUN.exec(rest);
  return m && isReportingVerb(m[2].toLowerCase()) ? PRONOUN_GENDER[m[1].toLowerCase()] : null;
}

/** A person the pronoun can stand for: the gender is the same, or not known. */
export const fits = (known: Gender, gender: Gender) => !gender || !known || known === gender;

const DETERMINER = /\b(?:the|this|that)\s+/giu;

export interface RoleCue {
  /** The whole reference, lower-cased: "first elected woman president". */
  phrase: string;
  noun: string;
}

/** "the deputy stressed", '"…," the former minister said': a role noun as the subject of a verb of saying. */
export function roleCue(outside: string): RoleCue | null {
  for (const d of outside.matchAll(DETERMINER)) {
    const from = d.index! + d[0].length;
    // The noun phrase: up to four words ("first elected woman president"), ending in a noun for a person.
    const ws = [...outside.slice(from).matchAll(/[\p{L}\p{N}.'’-]+(?=\s|[,.;:!?]|$)|[^\s\p{L}\p{N}]/gu)].slice(0, 4);
    for (const [k, w] of ws.entries()) {
      // "this month the regulator's chairman": a possessive starts another noun phrase.
      if (!/^[\p{L}\p{N}.'’-]+$/u.test(w[0]) || /['’]s?$/.test(w[0])) break;
      const noun = w[0].replace(/\.$/, "");
      // One person: "the experts agreed" speaks for several.
      if (!/^[\p{Ll}\p{N}]/u.test(noun) || !isPersonNoun(noun) || (/[^s]s$/.test(noun) && isPersonNoun(noun.slice(0, -1)))) continue;
      // "the committee chairman": the last of several nouns is the head.
      const nextWord = ws[k + 1]?.[0] ?? "";
      if (/^\p{Ll}/u.test(nextWord) && isPersonNoun(nextWord)) continue;
      const end = from + w.index! + noun.length;
      const phrase = outside.slice(from, end).toLowerCase();
      const after = outside.slice(end);
      // '"…," said the minister': the verb comes first only after a quotation or a comma.
      const inverted = /(?:^|[,:;"”’'—–])\s*(\p{L}+)\s*$/u.exec(outside.slice(0, d.index))?.[1];
      if (verbAfter(after) || isReportingVerb(inverted)) return { phrase, noun };
      break;
    }
  }
  return null;
}

/**
 * The article's role for a person contains `noun`. Nouns used earlier for
 * someone ("the expert") do not count: they are true of many.
 */
export function roleFits(person: { role: string | null }, noun: string): boolean {
  const s = stem(noun);
  return !!person.role && words(person.role).some((w) => stem(w) === s);
}

/** The person has a role, and `noun` is not in it. */
export function roleConflicts(person: { role: string | null }, noun: string): boolean {
  return !!person.role && !roleFits(person, noun);
}

// "the previous speaker", "a colleague": true of anyone, so no alias.
const GENERIC_REFERENCES = new Set(["speaker", "participant", "colleague", "guest", "panelist", "panellist", "host"]);

export function addAlias(sp: Speaker | null, noun: string) {
  if (sp && !GENERIC_REFERENCES.has(noun) && !sp.aliases.includes(noun)) sp.aliases.push(noun);
}

/** Plural or collective subjects ("its participants noted", "They") are not one speaker's claim. */
export function startsNewTopic(outside: string): boolean {
  return /^(?:\P{L}*)(?:they|their|its|the participants|participants|summari[sz]ing|in conclusion|overall)\b/iu.test(outside) ||
    /\b(?:participants|attendees|speakers)\b/i.test(outside);
}

/**
 * Someone other than a named person speaks: "a spokesman said", "critics say",
 * "the ministry said in a statement". The sentence belongs to no speaker.
 */
export function otherVoice(outside: string): boolean {
  return words(outside).some((w) => isMarkedReportingVerb(w) && SPEECH_VERBS.has(w));
}

