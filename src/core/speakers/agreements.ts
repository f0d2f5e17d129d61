import { escapeRe } from "../text/regex.js";
import type { Sentence } from "../types.js";
import { AGREE_RE, DISAGREE_RE, PERSON_NOUNS, TITLE_WORDS } from "./lexicon.js";
import { addAlias } from "./references.js";
import type { Agreement, Speaker } from "./types.js";

const PASSIVE_BY = /\b(?:was|were)\s+(?:not\s+)?\p{L}+\s+by\b/iu;

/** "X agreed with Y", "X shared this view", "Her view was echoed by Y": who sided with whom. */
export function findAgreements(docId: string, sentences: Sentence[], speakers: Speaker[], attribution: (string | null)[]): Agreement[] {
  const out: Agreement[] = [];
  const byId = new Map(speakers.map((sp) => [sp.id, sp]));
  const resolveObject = (object: string, subject: Speaker, sentence: number) => resolve(object, subject, sentence, speakers, byId, attribution);
  for (const s of sentences) {
    const who = attribution[s.index] ? byId.get(attribution[s.index]!) : undefined;
    if (!who) continue;
    // "X shared this view", "X agreed.": agreement with whoever spoke last.
    if (/\b(?:shared|echoed|supported) (?:this|that|the same|his|her) (?:view|opinion|position|assessment|point)\b|\b(?:agreed|concurred)\s*[.,;]/i.test(s.text)) {
      const target = resolveObject(" the speaker", who, s.index);
      if (target) {
        out.push({ docId, speakerId: who.id, withSpeakerId: target.id, sentence: s.index, stance: "agree" });
        continue;
      }
    }
    // "X's optimism was not shared by Y": Y disagreed with X (or agreed, without "not").
    // "Her view was echoed by Y", "X's optimism was not shared by Y": Y agreed (or not) with X.
    // The pattern is slow to fail; most sentences have no "was … by" at all.
    const sharedBy =
      PASSIVE_BY.test(s.text) &&
      /(\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)*['’]s|\b(?:his|her|their))\s+(?:\p{L}+\s+){0,2}(?:was|were)\s+(not\s+)?(shared|echoed|supported|backed|seconded|endorsed|challenged|disputed|questioned|rejected)\s+by\b/iu.exec(
        s.text,
      );
    if (sharedBy) {
      const possessor = sharedBy[1].replace(/['’]s$/, "").toLowerCase() === "his" ? " him" : /^her$/i.test(sharedBy[1]) ? " her" : ` ${sharedBy[1].replace(/['’]s$/, "")}`;
      const target = resolveObject(possessor, who, s.index);
      const against = !!sharedBy[2] !== /^(challenged|disputed|questioned|rejected)$/i.test(sharedBy[3]);
      if (target) {
        out.push({ docId, speakerId: who.id, withSpeakerId: target.id, sentence: s.index, stance: against ? "disagree" : "agree" });
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
    const target = resolveObject(object, who, s.index);
    if (target) out.push({ docId, speakerId: who.id, withSpeakerId: target.id, sentence: s.index, stance: disagree ? "disagree" : "agree" });
  }
  return out;
}

function resolve(
  object: string,
  subject: Speaker,
  sentence: number,
  speakers: Speaker[],
  byId: Map<string, Speaker>,
  attribution: (string | null)[],
): Speaker | null {
  const head = object.slice(0, 80);
  for (let k = speakers.length - 1; k >= 0; k--) {
    const sp = speakers[k];
    const surname = sp.name.split(" ").at(-1)!;
    if (sp !== subject && head.includes(surname) && new RegExp(`\\b${escapeRe(surname)}\\b`).test(head)) return sp;
  }
  // Otherwise the object is someone who spoke before this sentence, latest first: found by walking back, no further than needed.
  function* before(): Generator<Speaker> {
    const seen = new Set<Speaker>();
    for (let i = sentence - 1; i >= 0; i--) {
      const sp = attribution[i] ? byId.get(attribution[i]!) : undefined;
      if (sp && sp !== subject && !seen.has(sp)) {
        seen.add(sp);
        yield sp;
      }
    }
  }
  const pronoun = /^\s*(him|her)\b/i.exec(head);
  if (pronoun) {
    const gender = pronoun[1].toLowerCase() === "her" ? "f" : "m";
    for (const sp of before()) if (sp.gender === gender || sp.gender === null) return sp;
    return null;
  }
  // "supported the lawmaker", "agreed with the previous speaker": a person, not "the extension".
  const noun = /^\s*(?:the|this|that|his|her|their)\s+(?:\p{L}+\s+)?(\p{L}+)/iu.exec(head)?.[1]?.toLowerCase();
  if (noun && (PERSON_NOUNS.has(noun) || TITLE_WORDS.has(noun))) {
    const latest = before().next().value ?? null;
    addAlias(latest, noun);
    return latest;
  }
  return null;
}
