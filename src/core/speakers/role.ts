import type { NameMention } from "./find-names.js";
import { PARTICIPATION_VERBS, SPEECH_VERBS } from "./lexicon.js";

const PREPOSITIONS = new Set("of in at for on from to with by about under over and or as".split(" "));
const DETERMINER = /^(?:the|a|an)$/i;

/**
 * The role and affiliation the article gives a speaker where it introduces
 * them: before the name ("the Ambassador of X in Y Name"), as an appositive
 * after it ("Name, head of Y, noted"), or both.
 */
export function extractRole(sentence: string, m: NameMention): string | null {
  const parts = [roleBefore(sentence.slice(0, m.start)), roleAfter(sentence.slice(m.end))].filter(Boolean) as string[];
  return parts.length ? parts.join(", ") : null;
}

function roleBefore(before: string): string | null {
  // The clause that leads to the name starts after the last quotation, "by", "said" or "according to".
  let text = before.replace(/^[\s\S]*["“”]\s*,?\s*/, "");
  const boundary = /^([\s\S]*\b(?:by|said|says|according to|with)\s)/i.exec(text);
  if (boundary) text = text.slice(boundary[1].length);
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  // "While opening the meeting the Ambassador ...": a determiner after a non-preposition starts a new noun phrase.
  let from = 0;
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1].toLowerCase().replace(/[^\p{L}]/gu, "");
    if (DETERMINER.test(tokens[i]) && !PREPOSITIONS.has(prev) && !tokens[i - 1].endsWith(",")) from = i;
  }
  let role = tokens.slice(from);
  while (role.length && DETERMINER.test(role[0])) role = role.slice(1);
  // An honorific alone ("Dr.") is a form of address, not a role.
  const out = trimPunctuation(role.join(" ")).replace(/^(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?$/, "");
  // A verb in what is left means it was narration, not a title.
  if (!out || out.split(/\s+/).some((w) => SPEECH_VERBS.has(w.toLowerCase()) || PARTICIPATION_VERBS.has(w.toLowerCase()))) return null;
  return out;
}

function roleAfter(after: string): string | null {
  if (!/^\s*,/.test(after)) return null;
  const rest = after.replace(/^\s*,\s*/, "");
  // The appositive runs to the comma before the main verb, or to the end of the sentence.
  const re = /,\s*(?:(?:also|then|later|further)\s+)?(\p{L}+)|\s+(who|which)\b|[.;!?]["”]?\s*$/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest))) {
    const w = m[1]?.toLowerCase();
    if (m[2] || !m[1] || SPEECH_VERBS.has(w!) || PARTICIPATION_VERBS.has(w!) || /^\p{Ll}+ed$/u.test(m[1])) {
      return clean(rest.slice(0, m.index));
    }
  }
  return clean(rest);
}

function clean(role: string): string | null {
  const out = trimPunctuation(role.replace(/^(?:the|a|an)\s+/i, ""));
  return out || null;
}

function trimPunctuation(s: string): string {
  return s.replace(/^[\s,;:]+|[\s,;:.]+$/g, "");
}
