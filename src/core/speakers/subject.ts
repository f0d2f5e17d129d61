import { words } from "../text/tokenize.js";
import type { NameMention } from "./find-names.js";
import { IRREGULAR_PAST, isReportingVerb, isSpeechParticiple, PARTICIPATION_VERBS, SPEECH_VERBS } from "./lexicon.js";
import { asCommaAppositive } from "./role.js";

/**
 * Whether a name in a sentence is who speaks there. Every function here reads
 * the sentence with its quotations blanked (marks kept), so a name inside a
 * quotation is never taken for its speaker.
 */

const ADVERBS = "(?:(?:also|then|later|further|first|again|once again|not|\\p{Ll}+ly)\\s+)*";
// "X has said", "X would later tell", "X did not respond directly, saying …".
const AUXILIARY = `(?:(?:has|have|had|would|will|did|does|could|may|might)\\s+${ADVERBS})?`;
// "X on Tuesday told …", "X last week said …": when, between the name and the verb.
const WHEN = "(?:(?:on|late|early|last|this|earlier|later)\\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|week|month|year|night|morning|afternoon|evening)\\s+";
const LEADING_WORD = new RegExp(`^\\s*(?:${WHEN})?${ADVERBS}${AUXILIARY}(\\p{L}+)`, "iu");
const WORD_AFTER_BREAK = new RegExp(`[,"”’']\\s*${ADVERBS}(\\p{L}+)`, "gu");
const INVERTED = /(?:^|([,:;—–])|["”’'])\s*(?:\p{Ll}+ly\s+)?(\p{L}+)\s+(?:(?:the|a|an)\s+)?(?:[\p{L}.'’-]+\s+){0,5}?$/u;
// Verbs that put their subject after them ("…, said X"); "…, accused X" names the object.
const INVERTED_VERBS = new Set("said says added adds wrote writes noted notes explained explains continued continues asked asks replied replies recalled recalls insisted insists argued argues".split(" "));
const HONORIFIC_BEFORE = /(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Sen|Rep|Gov)\.?\s*)+$/;

/** A reporting verb follows, directly or after an appositive (", a deputy of X, noted"). */
export function verbAfter(raw: string): boolean {
  const text = asCommaAppositive(raw);
  if (isReportingVerb(LEADING_WORD.exec(text)?.[1])) return true;
  // "X of the National University disagreed": a short affiliation, then the verb.
  // The affiliation names a body: "of the …", "from X …", not "of bringing up …".
  const affiliation = /^\s+(?:of|from|at)\s+((?:the\s+|\p{Lu})[^,.;:"“”]{1,100})/u.exec(text);
  if (affiliation) {
    const ws = affiliation[1].split(/\s+/).slice(0, 12);
    // "… of the University of X was more cautious": a stance, too.
    if (ws.slice(1).some((w) => isReportingVerb(w) || /^(was|is|were|are)$/.test(w))) return true;
  }
  // "X did not respond directly, saying …": the participle reports the subject's words.
  const clause = text.split(/["“”‘]/)[0];
  if (/^\s+\p{Ll}/u.test(text)) {
    const participle = /,\s*(\p{Ll}+ing)\b/u.exec(clause);
    if (participle && isSpeechParticiple(participle[1]) && !/\b(?:who|which|that)\b/.test(clause.slice(0, participle.index))) return true;
  }
  if (!/^\s*,/.test(text)) return false;
  // "X, while calling it a "mistake," added …": the verb follows the aside, after a comma or a quotation.
  // The clause ends at a full stop, not at the one of "U.K." or an initial.
  const sentence = text.split(/(?<!\b\p{Lu})[.;!?](?:\s|$)/u)[0];
  for (const m of sentence.matchAll(WORD_AFTER_BREAK)) if (isReportingVerb(m[1])) return true;
  return false;
}

/** The name is followed by a verb of any kind: "X took a sceptical line", "X believes …". */
export function actsAsSubject(text: string, m: NameMention): boolean {
  const after = asCommaAppositive(text.slice(m.end));
  const w = /^\s*(?:,[^"“”]*?,\s*)?(?:(?:also|then|later|however|in turn)\s+)?(\p{Ll}+)/u.exec(after)?.[1];
  // "X, who has studied Y, was less optimistic": a stance, if X goes on to speak.
  return !!w && (IRREGULAR_PAST.has(w) || /^(was|were|is|are)$/.test(w) || /^\p{Ll}{3,}ed$/u.test(w) || (/^\p{Ll}{3,}s$/u.test(w) && !/ss$/.test(w)));
}

export function hasSpeechMarker(text: string): boolean {
  return words(text).some((w) => SPEECH_VERBS.has(w)) || /["“”]/.test(text) || /\baccording to\b|\bin (?:his|her) (?:opinion|view|words)\b/i.test(text);
}

/** The name is who acts: "X said", "X, head of Y, noted", "…," said X', "by X", "according to X". */
export function isSubject(text: string, m: NameMention, namedBefore = false): boolean {
  // "by Dr. X", "said Prof. X": an honorific between the cue and the name does not count.
  const before = text.slice(0, m.start).replace(HONORIFIC_BEFORE, "");
  const after = text.slice(m.end);
  if (verbAfter(after) && !/\b(?:with|to|of|for)\s*$/i.test(before)) return true;
  // 'X: "…"' opening the sentence: the name introduces the quotation.
  if (/^\s*:\s*["“‘']/.test(after) && !/\p{L}/u.test(before)) return true;
  // "Both X of Y and Z, an adviser, said": the first of two subjects sharing one verb.
  const partner = /^\s*(?:(?:of|from|at)\s+[^,.;"“”]+?\s+)?and\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}\p{Lu}[\p{L}'’-]*/u.exec(after);
  if (partner && verbAfter(after.slice(partner[0].length))) return true;
  // '"…," said X', and "…, said X" when no one named before can be the verb's subject ("Y, who …, accused X").
  // A title may come between: '"…," said Tory spokesman X'.
  const inverted = INVERTED.exec(before);
  const title = inverted ? before.slice(inverted.index + inverted[0].indexOf(inverted[2]) + inverted[2].length) : "";
  if (inverted && isReportingVerb(inverted[2]) && SPEECH_VERBS.has(inverted[2].toLowerCase()) && !title.split(/\s+/).some((w) => isReportingVerb(w))) {
    if (!inverted[1] || (!namedBefore && INVERTED_VERBS.has(inverted[2].toLowerCase()))) return true;
  }
  // "according to X", "according to political analyst X"
  if (/\baccording to\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,4}$/iu.test(before) || /\baccording to\s*$/i.test(before)) return true;
  // "As noted by X, …"
  const asBy = /\bas\s+(\p{L}+)\s+by\s+(?:[\p{Ll}-]+\s+){0,4}$/iu.exec(before);
  if (asBy && isReportingVerb(asBy[1])) return true;
  // Passive "was addressed by (the professor of ...,) X" ending the clause.
  // "… led by A and her deputy B." : the first of two agents, too.
  const passiveEnd = /^\s*(?:and\s+(?:[\p{L}.'’-]+\s+){0,5}[\p{L}'’-]+)?\s*(?:[,.;:!?]|$)/u;
  if (/\bby\b[^.;"“”]*$/i.test(before) && passiveEnd.test(after)) {
    const verb = /\b(?:was|were|been)\s+(?:not\s+|also\s+)?(\p{L}+)\s+by\b/iu.exec(before)?.[1]?.toLowerCase();
    return !!verb && (SPEECH_VERBS.has(verb) || PARTICIPATION_VERBS.has(verb));
  }
  return false;
}

/** A clause that opens the sentence and is not its main one: "When X asked …, Y replied". */
export function subordinateEnd(text: string): number {
  const m = /^\s*(?:when|while|as|after|before|although|though|if|since|because|once|until|asked|pressed|pushed)\b[^,]*,/iu.exec(text);
  return m ? m[0].length : 0;
}
