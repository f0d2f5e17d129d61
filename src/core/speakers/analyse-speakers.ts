import { fold, stem, words } from "../text/tokenize.js";
import { quoteGroups } from "../text/quotes.js";
import type { Article, Sentence } from "../types.js";
import { findNames, type NameMention } from "./find-names.js";
import {
  AGREE_RE,
  DISAGREE_RE,
  PARTICIPATION_VERBS,
  PERSON_NOUNS,
  SPEECH_VERBS,
  TITLE_WORDS,
} from "./lexicon.js";
import { asCommaAppositive, extractRole } from "./role.js";
import type { Agreement, Speaker, SpeakerAnalysis } from "./types.js";
import { escapeRe } from "../text/regex.js";

/** Words a report uses to refer back to a speaker by role ("the deputy stressed"). */
const ROLE_REFERENCE_RE = new RegExp(
  `\\b(?:the|this|that)\\s+((?:[a-z]+\\s)?(?:${[...PERSON_NOUNS].join("|")}))\\b`,
  "i",
);

const ATTRIBUTION_CUE_RE =
  /\b(?:according to (?:him|her|them)|in (?:his|her) (?:opinion|view|words|estimation|assessment|words)|(?:he|she) (?:\w+ly\s)?(?:also\s)?\w+)\b/i;

interface Mention extends NameMention {
  sentence: Sentence;
}

/**
 * Finds who speaks in each article, their role, and which sentences are
 * their claims. Works from sentence shape and general vocabulary only.
 */
export function analyseSpeakers(articles: Article[]): SpeakerAnalysis {
  const speakers: Speaker[] = [];
  const attribution: SpeakerAnalysis["attribution"] = {};
  const agreements: Agreement[] = [];
  for (const article of articles) {
    const result = analyseArticle(article);
    speakers.push(...result.speakers);
    attribution[article.id] = result.attribution;
    agreements.push(...result.agreements);
  }
  return { speakers, attribution, agreements };
}

function analyseArticle(article: Article) {
  const sentences = article.paragraphs.flatMap((p) => p.sentences);
  const speakers: Speaker[] = [];
  const byKey = new Map<string, Speaker>();
  /** For each sentence, the speaker who is its grammatical subject, when named there. */
  const subjectOf = new Map<number, Speaker>();
  /** Introduced with a role and an ordinary verb ("Latvian MP X took a sceptical line"): kept only if they then speak. */
  const provisional = new Set<Speaker>();

  /** Speakers who share a sentence's verb with its subject ("Both X and Y said …"). */
  const coSubjects = new Map<number, Speaker[]>();
  for (const s of sentences) {
    const mentions: Mention[] = findNames(s.text).map((m) => ({ ...m, sentence: s }));
    for (const m of mentions) {
      const known = byKey.get(fold(m.name));
      if (known) {
        if (!subjectOf.has(s.index) && isSubject(s.text, m)) subjectOf.set(s.index, known);
        continue;
      }
      const coordinated = subjectOf.has(s.index) && /\band\s*$/.test(s.text.slice(0, m.start)) && isSubject(s.text, m);
      if (subjectOf.has(s.index) && !coordinated) continue;
      const weak = !coordinated && !isSubject(s.text, m);
      if (weak && !(actsAsSubject(s.text, m) && extractRole(s.text, m))) continue;
      const speaker: Speaker = {
        id: `${article.id}:${fold(m.name).replace(/[^\p{L}\p{N}]+/gu, "-")}`,
        docId: article.id,
        name: m.name,
        role: extractRole(s.text, m),
        gender: honorificGender(s.text, m),
        aliases: [],
        introduced: s.index,
        claims: [],
      };
      speakers.push(speaker);
      byKey.set(fold(m.name), speaker);
      if (coordinated) coSubjects.set(s.index, [...(coSubjects.get(s.index) ?? []), speaker]);
      else subjectOf.set(s.index, speaker);
      if (weak) provisional.add(speaker);
    }
    if (!subjectOf.has(s.index)) {
      const bySurname = surnameSubject(s.text, speakers);
      if (bySurname) subjectOf.set(s.index, bySurname);
    }
  }

  for (const sp of speakers) sp.gender ??= guessGender(sp, sentences, subjectOf);

  const attribution = attribute(article, sentences, speakers, subjectOf);
  for (const s of sentences) {
    const id = attribution[s.index];
    const sp = speakers.find((x) => x.id === id);
    if (sp && isClaim(s.text)) sp.claims.push(s.index);
    for (const co of coSubjects.get(s.index) ?? []) if (isClaim(s.text)) co.claims.push(s.index);
  }
  // Someone who only acts ("signed a decree") and never speaks is not a speaker.
  for (const sp of provisional) {
    if (sp.claims.some((i) => hasSpeechMarker(sentences[i].text))) continue;
    speakers.splice(speakers.indexOf(sp), 1);
    attribution.forEach((id, i) => {
      if (id === sp.id) attribution[i] = null;
    });
  }
  const agreements = findAgreements(article, sentences, speakers, attribution);
  return { speakers, attribution, agreements };
}

const ADVERBS = "(?:(?:also|then|later|further|first|again|once again|\\p{Ll}+ly)\\s+)?";
const LEADING_WORD = new RegExp(`^\\s*${ADVERBS}(\\p{L}+)`, "u");
const WORD_AFTER_COMMA = new RegExp(`,\\s*${ADVERBS}(\\p{L}+)`, "gu");

function isReportingVerb(word: string | undefined): boolean {
  const w = word?.toLowerCase() ?? "";
  return SPEECH_VERBS.has(w) || PARTICIPATION_VERBS.has(w);
}

/** A reporting verb follows, directly or after an appositive (", a deputy of X, noted"). */
function verbAfter(raw: string): boolean {
  const text = asCommaAppositive(raw);
  if (isReportingVerb(LEADING_WORD.exec(text)?.[1])) return true;
  // "X of the National University disagreed": a short affiliation, then the verb.
  const affiliation = /^\s+(?:of|from|at)\s+([^,.;:"“”]{1,100})/u.exec(text);
  if (affiliation) {
    const ws = affiliation[1].split(/\s+/).slice(0, 12);
    // "… of the University of X was more cautious": a stance, too.
    if (ws.slice(1).some((w) => isReportingVerb(w) || /^(was|is|were|are)$/.test(w))) return true;
  }
  if (!/^\s*,/.test(text)) return false;
  const clause = text.split(/["“”]/)[0];
  for (const m of clause.matchAll(WORD_AFTER_COMMA)) if (isReportingVerb(m[1])) return true;
  return false;
}

// Common irregular past forms; regular ones end in -ed.
const IRREGULAR_PAST = new Set(
  "took made gave spoke saw came went sent got held led met put set kept left began brought thought felt found drew wrote chose rose grew knew became struck stood sat won lost paid ran read sought".split(" "),
);

/** The name is followed by a verb of any kind: "X took a sceptical line", "X believes …". */
function actsAsSubject(text: string, m: NameMention): boolean {
  const after = asCommaAppositive(text.slice(m.end));
  const w = /^\s*(?:,[^"“”]*?,\s*)?(?:(?:also|then|later|however|in turn)\s+)?(\p{Ll}+)/u.exec(after)?.[1];
  // "X, who has studied Y, was less optimistic": a stance, if X goes on to speak.
  return !!w && (IRREGULAR_PAST.has(w) || /^(was|were|is|are)$/.test(w) || /^\p{Ll}{3,}ed$/u.test(w) || (/^\p{Ll}{3,}s$/u.test(w) && !/ss$/.test(w)));
}

function hasSpeechMarker(text: string): boolean {
  return words(text).some((w) => SPEECH_VERBS.has(w)) || /["“”]/.test(text) || /\baccording to\b|\bin (?:his|her) (?:opinion|view|words)\b/i.test(text);
}

/** The name is who acts: "X said", "X, head of Y, noted", "said X", "by X", "according to X". */
function isSubject(text: string, m: NameMention): boolean {
  // "by Dr. X", "said Prof. X": an honorific between the cue and the name does not count.
  const before = text.slice(0, m.start).replace(/(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame)\.?\s*)+$/, "");
  const after = text.slice(m.end);
  if (verbAfter(after) && !/\b(?:with|to|of|for)\s*$/i.test(before)) return true;
  // "Both X of Y and Z, an adviser, said": the first of two subjects sharing one verb.
  const partner = /^\s*(?:(?:of|from|at)\s+[^,.;"“”]+?\s+)?and\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}\p{Lu}[\p{L}'’-]*/u.exec(after);
  if (partner && verbAfter(after.slice(partner[0].length))) return true;
  const lastWord = /(\p{L}+)\W*$/u.exec(before)?.[1]?.toLowerCase();
  if (lastWord && SPEECH_VERBS.has(lastWord)) return true;
  // "according to X", "according to political analyst X"
  if (/\baccording to\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,4}$/iu.test(before) || /\baccording to\s*$/i.test(before)) return true;
  // "As noted by X, …"
  const asBy = /\bas\s+(\p{L}+)\s+by\s+(?:[\p{Ll}-]+\s+){0,4}$/iu.exec(before);
  if (asBy && isReportingVerb(asBy[1])) return true;
  // Passive "was addressed by (the professor of ...,) X" ending the clause.
  if (/\bby\b[^.;"“”]*$/i.test(before) && /^\s*(?:[,.;:!?]|$)/.test(after)) {
    const verb = /\b(?:was|were|been)\s+(?:not\s+|also\s+)?(\p{L}+)\s+by\b/iu.exec(before)?.[1]?.toLowerCase();
    return !!verb && (SPEECH_VERBS.has(verb) || PARTICIPATION_VERBS.has(verb));
  }
  return false;
}

/** "Smith added …" or "… said Smith": a known speaker named by surname alone. */
function surnameSubject(text: string, speakers: Speaker[]): Speaker | null {
  for (let k = speakers.length - 1; k >= 0; k--) {
    const sp = speakers[k];
    const surname = sp.name.split(" ").at(-1)!;
    const re = new RegExp(`(?:^|[^\\p{L}])((?:(?:Mr|Mrs|Ms|Dr|Prof)\\.?\\s)?${escapeRe(surname)})(?![\\p{L}])`, "u");
    const m = re.exec(text);
    if (!m) continue;
    const start = m.index + m[0].indexOf(m[1]);
    const mention = { name: m[1], start, end: start + m[1].length };
    if (!isSubject(text, mention)) continue;
    const honorific = honorificGender(text, mention);
    // Two speakers may share a surname: prefer the latest one whose gender fits.
    if (honorific && sp.gender && honorific !== sp.gender) continue;
    return sp;
  }
  return null;
}

function honorificGender(text: string, m: NameMention): Speaker["gender"] {
  const before = text.slice(Math.max(0, m.start - 6), m.start + 5);
  if (/\bMr\b/.test(before)) return "m";
  if (/\b(?:Mrs|Ms|Miss)\b/.test(before)) return "f";
  return null;
}

/** Pronouns in the sentences that follow a speaker's introduction, before anyone else is named. */
function guessGender(sp: Speaker, sentences: Sentence[], subjectOf: Map<number, Speaker>): Speaker["gender"] {
  const intro = sentences[sp.introduced];
  let male = 0;
  let female = 0;
  for (let i = sp.introduced; i < sentences.length; i++) {
    const s = sentences[i];
    if (i > sp.introduced && (s.paragraph !== intro.paragraph || (subjectOf.get(i) && subjectOf.get(i) !== sp))) break;
    // Subject pronouns only: "agreed with her" names someone else.
    const text = i === sp.introduced ? s.text.slice(s.text.indexOf(sp.name) + sp.name.length) : s.text;
    const outsideQuotes = text.replace(/["“][^"“”]*["”]/g, " ");
    for (const m of outsideQuotes.matchAll(/\b(he|she|his|her|according to him|according to her)\b(?=\W+(\p{L}+))/giu)) {
      const w = m[1].toLowerCase().replace("according to him", "he").replace("according to her", "she");
      if ((w === "his" || w === "her") && !/^(?:opinion|view|words|estimation|assessment|mind)$/i.test(m[2])) continue;
      if (w === "he" || w === "his") male++;
      else female++;
    }
  }
  return male > female ? "m" : female > male ? "f" : null;
}

function attribute(article: Article, sentences: Sentence[], speakers: Speaker[], subjectOf: Map<number, Speaker>) {
  const out: (string | null)[] = sentences.map(() => null);
  let recent: Speaker | null = null;
  for (const p of article.paragraphs) {
    let current: Speaker | null = null;
    const groups = quoteGroups(p.sentences);
    for (const group of groups) {
      let who: Speaker | null = null;
      for (const s of group) who ??= subjectOf.get(s.index) ?? null;
      if (!who) {
        const joined = group.map((s) => s.text).join(" ");
        const byRole = roleReference(joined, speakers, current ?? recent);
        const byPronoun = pronounReference(joined, speakers, current, recent);
        who = byRole ?? byPronoun;
        // A sentence with no cue continues the reported speech of the paragraph's speaker.
        if (!who && current && !startsNewTopic(joined)) who = current;
      }
      if (who) {
        for (const s of group) out[s.index] = who.id;
        current = who;
        recent = who;
      }
    }
  }
  return out;
}

function roleReference(text: string, speakers: Speaker[], fallback: Speaker | null): Speaker | null {
  const outside = text.replace(/^[^"“”]*["“][^"“”]*["”]/, "");
  const m = ROLE_REFERENCE_RE.exec(outside);
  if (!m) return null;
  // "the expert noted", "said the expert" – but not "supported the lawmaker" (someone else's object).
  const after = outside.slice(m.index + m[0].length);
  const verbBefore = /(\p{L}+)\s*$/u.exec(outside.slice(0, m.index))?.[1]?.toLowerCase();
  const isSubjectUse = verbAfter(after) || (!!verbBefore && SPEECH_VERBS.has(verbBefore));
  if (!isSubjectUse) return null;
  const word = m[1].toLowerCase();
  const noun = stem(word.split(/\s+/).at(-1)!);
  const matching = speakers.filter((sp) => sp.role && words(sp.role).some((w) => stem(w) === noun));
  const who = fallback && (matching.length === 0 || matching.includes(fallback)) ? fallback : (matching.at(-1) ?? fallback);
  addAlias(who, word);
  return who;
}

function pronounReference(text: string, speakers: Speaker[], current: Speaker | null, recent: Speaker | null): Speaker | null {
  const m = ATTRIBUTION_CUE_RE.exec(text.replace(/^[^"“”]*["“][^"“”]*["”]/, ""));
  if (!m) return null;
  const female = /\b(?:she|her)\b/i.test(m[0]);
  const gender = female ? "f" : "m";
  const candidates = [current, recent].filter((x): x is Speaker => !!x);
  return (
    candidates.find((c) => c.gender === gender) ??
    candidates.find((c) => c.gender === null) ??
    [...speakers].reverse().find((sp) => sp.gender === gender && recent && sp.introduced <= recent.introduced) ??
    null
  );
}

/** Plural or collective subjects ("its participants noted", "They") are not one speaker's claim. */
function startsNewTopic(text: string): boolean {
  return /^(?:\P{L}*)(?:they|their|its|the participants|participants|summari[sz]ing|in conclusion|overall)\b/iu.test(text) ||
    /\b(?:participants|attendees|speakers)\b/i.test(text);
}

/** A claim reports what was said or thought; taking part ("moderated by X") is not one. */
function isClaim(text: string): boolean {
  return hasSpeechMarker(text) || !words(text).some((w) => PARTICIPATION_VERBS.has(w));
}

function findAgreements(article: Article, sentences: Sentence[], speakers: Speaker[], attribution: (string | null)[]): Agreement[] {
  const out: Agreement[] = [];
  for (const s of sentences) {
    const who = speakers.find((sp) => sp.id === attribution[s.index]);
    if (!who) continue;
    // "X shared this view", "X agreed.": agreement with whoever spoke last.
    if (/\b(?:shared|echoed|supported) (?:this|that|the same|his|her) (?:view|opinion|position|assessment|point)\b|\b(?:agreed|concurred)\s*[.,;]/i.test(s.text)) {
      const target = resolveObject(" the speaker", who, s.index, speakers, attribution);
      if (target) {
        out.push({ docId: article.id, speakerId: who.id, withSpeakerId: target.id, sentence: s.index, stance: "agree" });
        continue;
      }
    }
    // "X's optimism was not shared by Y": Y disagreed with X (or agreed, without "not").
    // "Her view was echoed by Y", "X's optimism was not shared by Y": Y agreed (or not) with X.
    const sharedBy =
      /(\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)*['’]s|\b(?:his|her|their))\s+(?:\p{L}+\s+){0,2}(?:was|were)\s+(not\s+)?(shared|echoed|supported|backed|seconded|endorsed|challenged|disputed|questioned|rejected)\s+by\b/iu.exec(
        s.text,
      );
    if (sharedBy) {
      const possessor = sharedBy[1].replace(/['’]s$/, "").toLowerCase() === "his" ? " him" : /^her$/i.test(sharedBy[1]) ? " her" : ` ${sharedBy[1].replace(/['’]s$/, "")}`;
      const target = resolveObject(possessor, who, s.index, speakers, attribution);
      const against = !!sharedBy[2] !== /^(challenged|disputed|questioned|rejected)$/i.test(sharedBy[3]);
      if (target) {
        out.push({ docId: article.id, speakerId: who.id, withSpeakerId: target.id, sentence: s.index, stance: against ? "disagree" : "agree" });
        continue;
      }
    }
    // Only the main clause: "replied that 64 percent supported the extension" is no agreement.
    const mainClause = s.text.replace(/["“][^"“”]*["”]/g, " ").split(/\bthat\b/)[0];
    const agree = AGREE_RE.exec(mainClause);
    const disagree = DISAGREE_RE.exec(mainClause);
    const cue = disagree ?? agree;
    if (!cue) continue;
    const object = mainClause.slice(cue.index + cue[0].length);
    const target = resolveObject(object, who, s.index, speakers, attribution);
    if (target) out.push({ docId: article.id, speakerId: who.id, withSpeakerId: target.id, sentence: s.index, stance: disagree ? "disagree" : "agree" });
  }
  return out;
}

function resolveObject(
  object: string,
  subject: Speaker,
  sentence: number,
  speakers: Speaker[],
  attribution: (string | null)[],
): Speaker | null {
  const head = object.slice(0, 80);
  for (const sp of [...speakers].reverse()) {
    if (sp !== subject && new RegExp(`\\b${escapeRe(sp.name.split(" ").at(-1)!)}\\b`).test(head)) return sp;
  }
  // Otherwise the object is someone who spoke before this sentence, latest first.
  const before: Speaker[] = [];
  for (let i = sentence - 1; i >= 0; i--) {
    const sp = speakers.find((x) => x.id === attribution[i]);
    if (sp && sp !== subject && !before.includes(sp)) before.push(sp);
  }
  const pronoun = /^\s*(him|her)\b/i.exec(head);
  if (pronoun) {
    const gender = pronoun[1].toLowerCase() === "her" ? "f" : "m";
    return before.find((sp) => sp.gender === gender || sp.gender === null) ?? null;
  }
  // "supported the lawmaker", "agreed with the previous speaker": a person, not "the extension".
  const noun = /^\s*(?:the|this|that|his|her|their)\s+(?:\p{L}+\s+)?(\p{L}+)/iu.exec(head)?.[1]?.toLowerCase();
  if (noun && (PERSON_NOUNS.has(noun) || TITLE_WORDS.has(noun))) {
    addAlias(before[0] ?? null, noun);
    return before[0] ?? null;
  }
  return null;
}

// "the previous speaker", "a colleague": true of anyone, so no alias.
const GENERIC_REFERENCES = new Set(["speaker", "participant", "colleague", "guest", "panelist", "panellist", "host"]);

function addAlias(sp: Speaker | null, noun: string) {
  if (sp && !GENERIC_REFERENCES.has(noun) && !sp.aliases.includes(noun)) sp.aliases.push(noun);
}

