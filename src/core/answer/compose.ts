import type { KnowledgeBase } from "../index/knowledge-base.js";
import { quoteGroups } from "../text/quotes.js";
import type { Speaker } from "../speakers/types.js";
import type { Sentence } from "../types.js";
import { AGREE_RE, DISAGREE_RE, SPEECH_VERBS } from "../speakers/lexicon.js";
import { STOP_WORDS, fold } from "../text/tokenize.js";
import type { CitationList } from "./citations.js";
import { escapeRe } from "../text/regex.js";

/** A sentence, or a quotation spread over several, that an answer cites as one piece. */
export interface Unit {
  docId: string;
  sentences: Sentence[];
  speaker: Speaker | null;
}

/** The unit a sentence belongs to: itself, or the whole quotation it is part of. */
export function unitOf(kb: KnowledgeBase, docId: string, sentence: Sentence): Unit {
  const paragraph = kb.article(docId).paragraphs[sentence.paragraph - 1];
  const group = quoteGroups(paragraph.sentences).find((g) => g.some((s) => s.index === sentence.index)) ?? [sentence];
  return { docId, sentences: group, speaker: kb.speakerOf(docId, sentence.index) };
}

/** A role short enough for a list: the first clause, at most about 90 characters. */
export function shortRole(role: string | null): string | null {
  if (!role) return null;
  if (role.length <= 90) return role;
  const cut = role.slice(0, 90);
  const at = Math.max(cut.lastIndexOf(","), cut.lastIndexOf(" and "));
  return (at > 30 ? cut.slice(0, at) : cut.slice(0, cut.lastIndexOf(" "))) + "…";
}

export function nameWithRole(sp: Speaker): string {
  const role = shortRole(sp.role);
  return role ? `${sp.name} (${role})` : sp.name;
}

/**
 * Says what a unit says, attributed to its speaker in the article's own
 * words: "X stressed: “…”", "X emphasized that …", "According to X, …".
 * Narration is attributed to the article. The markers cite every sentence.
 */
export function reportUnit(kb: KnowledgeBase, unit: Unit, citations: CitationList): string {
  const markers = citations.citeSpan(unit.docId, unit.sentences);
  const sp = unit.speaker;
  const joined = unit.sentences.map((s) => s.text).join(" ");
  if (!sp) return `According to the article, ${lowerFirst(joined)} ${markers}`.trim();

  const quoted = asQuotation(joined);
  if (quoted) return `${sp.name} ${quoted.verb}: “${quoted.words}”${quoted.more ? `, ${quoted.more}` : ""} ${markers}`;
  return `${nameTheObject(kb, unit, attributeSentence(joined, sp))} ${markers}`;
}

/** "X agreed with her" -> "X agreed with Y": the reader may not have the previous sentence. */
function nameTheObject(kb: KnowledgeBase, unit: Unit, text: string): string {
  const agreement = kb.analysis.agreements.find((a) => a.docId === unit.docId && unit.sentences.some((s) => s.index === a.sentence));
  const other = agreement && kb.speaker(agreement.withSpeakerId);
  if (!other) return text;
  const cue = (agreement.stance === "agree" ? AGREE_RE : DISAGREE_RE).exec(text);
  if (!cue) return text;
  const at = cue.index + cue[0].length;
  return text.slice(0, at) + text.slice(at).replace(/^\s+(?:him|her|the \p{L}+)\b/u, ` ${other.name}`);
}

/** `"…," the deputy stressed.` -> { verb: "stressed", words: "…." } */
function asQuotation(text: string): { verb: string; words: string; more: string | null } | null {
  const m = /^["“]([\s\S]+?)([,.!?]?)["”]\s*,?\s*([^"“”]*)$/.exec(text.trim());
  if (!m) return null;
  const tail = m[3];
  const tailWords = tail.split(/\s+/);
  const at = tailWords.findIndex((w) => SPEECH_VERBS.has(w.toLowerCase().replace(/[^\p{L}]/gu, "")));
  const verb = at >= 0 ? tailWords[at].toLowerCase().replace(/[^\p{L}]/gu, "") : "said";
  const end = m[2] === "," || m[2] === "" ? "." : m[2];
  // '…," X said, adding that …': what follows the attribution is part of the claim.
  const rest = at >= 0 ? tailWords.slice(at + 1).join(" ").replace(/^[,\s]+/, "").replace(/^(?:the\s+)?\p{L}+[.!?]?$/u, "") : "";
  const more = rest.split(/\s+/).length >= 3 ? rest : null;
  return { verb, words: `${m[1].trim()}${end}`.replace(/\.$/, more ? "" : "."), more };
}

function attributeSentence(text: string, sp: Speaker): string {
  const name = sp.name;
  const surname = name.split(" ").at(-1)!;
  const role = sp.role;
  // "Name, <role>, drew attention …": the role is shown elsewhere; keep the claim.
  if (text.includes(name)) {
    return role ? text.replace(`${name}, a ${role}, `, `${name} `).replace(`${name}, ${role}, `, `${name} `) : text;
  }
  if (new RegExp(`\\b${escapeRe(surname)}\\b`).test(text)) return text;
  const pronounSubject = /^(He|She)\b/.exec(text);
  if (pronounSubject) return `${name}${text.slice(pronounSubject[0].length)}`;
  const according = /^According to (him|her)\b/.exec(text);
  if (according) return `According to ${name}${text.slice(according[0].length)}`;
  const possessive = /^(According to|In) (his|her)\b/.exec(text);
  if (possessive) return `${possessive[1]} ${name}'s${text.slice(possessive[0].length)}`;
  // "The scientist expressed hope …" -> "Jane Roe expressed hope …"
  const byRole = /^The ([a-z]+)(?: ([a-z]+))?/.exec(text);
  if (byRole) {
    const two = `${byRole[1]} ${byRole[2] ?? ""}`.trim();
    if (byRole[2] && sp.aliases.includes(two)) return `${name}${text.slice(byRole[0].length)}`;
    if (sp.aliases.includes(byRole[1])) return `${name}${text.slice(4 + byRole[1].length)}`;
  }
  return `According to ${name}, ${lowerFirst(text)}`;
}

function lowerFirst(text: string): string {
  const first = /^\p{L}+/u.exec(text)?.[0];
  if (!first) return text;
  // Lower-case only ordinary words, never a name ("Norway will …").
  return STOP_WORDS.has(fold(first)) || /^(In|According|While|For|Thanks|Summarizing|Summarising|During|After|Before|Since|As|At|On)$/.test(first)
    ? first.toLowerCase() + text.slice(first.length)
    : text;
}


const NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(" ");

export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
