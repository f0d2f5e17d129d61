import { distance } from "fastest-levenshtein";
import type { KnowledgeBase } from "../../index/knowledge-base.js";
import { PERSON_NOUNS, isPersonNoun } from "../../speakers/lexicon.js";
import type { Speaker } from "../../speakers/types.js";
import { QUESTION_WORDS, STOP_WORDS, fold, stem, wordTokens } from "../../text/tokenize.js";
import { equivalents } from "../../text/synonyms.js";
import { GROUP_WORDS } from "./words.js";

/**
 * Finds the speakers a question refers to: by name or surname (in any case,
 * misspelt by a letter or two) or by role ("the ambassador", "the analyst
 * from X"). Returns them and the positions of the words that referred to them.
 */
export interface SpeakerReference {
  speakers: Speaker[];
  /** Positions of the words that referred to speakers. */
  used: Set<number>;
  alternates: Speaker[];
  groupRole: boolean;
  byRole: boolean;
  /** Speakers who all fit the reference about equally. */
  ambiguous: Speaker[];
}

export function resolveSpeakers(
  kb: KnowledgeBase,
  tokens: string[],
): SpeakerReference {
  const folded = tokens.map((t) => fold(t).replace(/'s$/, ""));
  const used = new Set<number>();
  const scores = new Map<Speaker, number>();
  const matchedAt = new Map<Speaker, string>();

  // Each word against the name parts that start with its letter (a misspelling keeps the first letter).
  const byLetter = nameParts(kb);
  const hits = new Map<Speaker, Map<number, number>>();
  folded.forEach((w, i) => {
    if (w.length < 3 || STOP_WORDS.has(w)) return;
    for (const { part, speaker, surname } of byLetter.get(w[0]) ?? []) {
      if (!nameMatch(w, part, kb)) continue;
      const forSpeaker = hits.get(speaker) ?? new Map<number, number>();
      forSpeaker.set(i, Math.max(forSpeaker.get(i) ?? 0, surname ? 2 : 1));
      hits.set(speaker, forSpeaker);
    }
  });
  for (const [sp, at] of hits) {
    scores.set(sp, [...at.values()].reduce((a, b) => a + b, 0));
    matchedAt.set(sp, [...at.keys()].sort((a, b) => a - b).join(","));
    for (const i of at.keys()) used.add(i);
  }
  if (scores.size > 0) {
    const best = Math.max(...scores.values());
    const speakers = [...scores].filter(([, s]) => s === best).map(([sp]) => sp);
    // The same words fitting two people ("Lindqvist" for two Lindqvists) is ambiguous; two names are not.
    const shared = speakers.filter((sp) => speakers.some((o) => o !== sp && matchedAt.get(o) === matchedAt.get(sp)));
    const sure = best >= 2 || speakers.length === 1;
    return { speakers: sure ? speakers : [], used, alternates: [], groupRole: false, byRole: false, ambiguous: sure ? shared : speakers };
  }
  const byRole = resolveByRole(kb, folded, used);
  // A description that fits two speakers equally well is ambiguous, unless it names a group ("the experts").
  return { ...byRole, byRole: true, ambiguous: byRole.speakers.length > 1 && !byRole.groupRole ? byRole.speakers : [] };
}

interface NamePart {
  part: string;
  speaker: Speaker;
  surname: boolean;
}

const namePartsCache = new WeakMap<KnowledgeBase, Map<string, NamePart[]>>();

/** Every speaker's name parts, by first letter; built once per knowledge base. */
function nameParts(kb: KnowledgeBase): Map<string, NamePart[]> {
  let index = namePartsCache.get(kb);
  if (!index) {
    index = new Map();
    for (const speaker of kb.speakers) {
      const parts = fold(speaker.name).split(/\s+/);
      parts.forEach((part, i) => {
        const list = index!.get(part[0]) ?? [];
        list.push({ part, speaker, surname: i === parts.length - 1 });
        index!.set(part[0], list);
      });
    }
    namePartsCache.set(kb, index);
  }
  return index;
}

/** The head nouns of a role: "deputy" in "a deputy of the Senate", "head" in "former deputy head of X". */
function roleHeads(role: string | null): string[] {
  if (!role) return [];
  const segments: string[] = [];
  for (const part of role.split(/[,;]/)) {
    // "deputy of X and member of Y": "and" starts another role only before a person noun, not inside a name.
    let start = 0;
    for (const m of part.matchAll(/\band\s+(\p{L}+)/gu)) {
      if (!isPersonNoun(m[1])) continue;
      segments.push(part.slice(start, m.index));
      start = m.index! + 4;
    }
    segments.push(part.slice(start));
  }
  return segments.map((seg) => fold(seg.split(/\s(?:of|at|in|from|for|with|to)\s/)[0]).trim().split(/\s+/).at(-1) ?? "").filter(Boolean);
}

const GENERIC_PERSON = /^(experts?|specialists?|persons?|people|man|men|woman|women|guests?|participants?|speakers?|guys?)$/;

function nameMatch(word: string, part: string, kb: KnowledgeBase): boolean {
  if (word === part) return true;
  if (part.length < 5 || Math.abs(word.length - part.length) > 2 || word[0] !== part[0]) return false;
  // An ordinary corpus word ("petrol"?) is not a misspelt name unless it is very close.
  const max = part.length >= 8 ? 2 : 1;
  return distance(word, part) <= max && !(kb.vocabulary.has(word) && word !== part);
}

const roleIndexes = new WeakMap<KnowledgeBase, { roleWords: Set<string>[]; heads: Set<string>[] }>();

/** Each speaker's role words and role head nouns, worked out once per knowledge base rather than per question. */
function roleIndex(kb: KnowledgeBase): { roleWords: Set<string>[]; heads: Set<string>[] } {
  let index = roleIndexes.get(kb);
  if (!index) {
    index = {
      roleWords: kb.speakers.map(
        (sp) => new Set([...(sp.role ? wordTokens(fold(sp.role)).map((t) => t.text) : []), ...sp.aliases.flatMap((a) => a.split(/\s+/))]),
      ),
      heads: kb.speakers.map((sp) => new Set([...roleHeads(sp.role), ...sp.aliases.map((a) => a.split(/\s+/).at(-1)!)])),
    };
    roleIndexes.set(kb, index);
  }
  return index;
}

function resolveByRole(kb: KnowledgeBase, folded: string[], used: Set<number>): { speakers: Speaker[]; used: Set<number>; alternates: Speaker[]; groupRole: boolean } {
  if (!folded.some(isPersonNoun)) return { speakers: [], used, alternates: [], groupRole: false };
  // Only words that describe a person count: the noun itself ("the analyst"), its modifiers ("the Senate deputy"),
  // and an affiliation after it ("from Acme Labs"); "about the economy" is the topic, not the role.
  const describing = new Set<number>();
  folded.forEach((w, i) => {
    if (!isPersonNoun(w)) return;
    describing.add(i);
    // Modifiers count only inside a noun phrase: "the Senate deputy", not "advise founders".
    const det = [i - 1, i - 2, i - 3, i - 4].find((j) => j >= 0 && /^(the|a|an|this|that)$/.test(folded[j]));
    const ownPhrase = det !== undefined && !folded.slice(det + 1, i).some((w) => isPersonNoun(w));
    if (ownPhrase) for (let j = det! + 1; j < i; j++) if (!STOP_WORDS.has(folded[j]) && !QUESTION_WORDS.has(folded[j])) describing.add(j);
    if (/^(from|of|at|with|in)$/.test(folded[i + 1] ?? "")) {
      for (let j = i + 2; j < folded.length && j <= i + 7 && !/^(say|said|think|about|on|regarding|expect|hope|mention)$/.test(folded[j]); j++) describing.add(j);
    }
  });
  const { roleWords, heads } = roleIndex(kb);
  // A role word that is the asked word (or its root) counts fully; an equivalent ("diplomat" for "ambassador") half.
  // The noun a role is headed by ("deputy" in "a deputy of the Senate") fits better than a modifier ("deputy head").
  const fit = (k: number, w: string) => {
    const exact = [...roleWords[k]].some((r) => sameRoot(r, w));
    if (exact) return isPersonNoun(w) && ![...heads[k]].some((h) => sameRoot(h, w)) ? 0.6 : 1;
    return [...roleWords[k]].some((r) => equivalents(stem(w)).includes(stem(r))) ? 0.5 : 0;
  };
  const dfs = new Map<string, number>();
  const df = (w: string) => dfs.get(w) ?? dfs.set(w, kb.speakers.filter((_, k) => fit(k, w) > 0).length).get(w)!;
  const scores = kb.speakers.map((sp, k) => {
    let score = 0;
    const hits: number[] = [];
    for (const i of describing) {
      const w = folded[i];
      // "the experts" describes people by role; "the speakers" or "the participants" does not.
      if ((w.length < 3 && !isPersonNoun(w)) || STOP_WORDS.has(w) || (GROUP_WORDS.has(w) && !/^experts?$/.test(w))) continue;
      const f = fit(k, w);
      if (f > 0) {
        score += f * Math.log(1 + kb.speakers.length / df(w));
        hits.push(i);
      }
    }
    return { sp, score, hits };
  });
  // "the Estonian prime minister": a describing word the corpus never uses means someone not in the article.
  if ([...describing].some((i) => folded[i].length > 2 && !STOP_WORDS.has(folded[i]) && !isPersonNoun(folded[i]) && !kb.vocabulary.correct(folded[i]))) {
    return { speakers: [], used, alternates: [], groupRole: false };
  }
  // The person noun itself must fit: "the president of X" is nobody here, even if someone's role mentions X.
  const nouns = [...describing].filter((i) => isPersonNoun(folded[i]) && !GROUP_WORDS.has(folded[i]) || /^experts?$/.test(folded[i]));
  // A generic noun ("the expert from X", "the woman from Y") need not be in the role when what follows it is.
  const generic = nouns.length > 0 && nouns.every((i) => GENERIC_PERSON.test(folded[i]));
  for (const s of scores) if (!nouns.some((i) => s.hits.includes(i)) && !(generic && s.hits.length > 0)) s.score = 0;
  const best = Math.max(0, ...scores.map((s) => s.score));
  if (best === 0) return { speakers: [], used, alternates: [], groupRole: false };
  const top = scores.filter((s) => s.score >= best - 1e-9);
  // "the Georgetown professor": a describing word that fits no one's role describes someone the article
  // does not quote, even if a professor does speak; answering with that professor's words would be wrong.
  const modifiers = [...describing].filter((i) => !isPersonNoun(folded[i]) && !STOP_WORDS.has(folded[i]) && folded[i].length > 2 && !QUESTION_WORDS.has(folded[i]));
  const unfitting = modifiers.filter((i) => !top.some((s) => s.hits.includes(i)));
  if (unfitting.length > 0 && !generic) return { speakers: [], used, alternates: [], groupRole: false };
  const alternates = scores.filter((s) => s.score > 0 && s.score < best - 1e-9).sort((a, b) => b.score - a.score);
  for (const i of describing) used.add(i);
  const groupRole = nouns.some((i) => /s$/.test(folded[i]) && !PERSON_NOUNS.has(folded[i]));
  return { speakers: top.map((s) => s.sp), used, alternates: alternates.map((s) => s.sp), groupRole };
}

/** "analyst" ~ "analytical", "diplomat" ~ "diplomatic": the same root for role matching. */
function sameRoot(a: string, b: string): boolean {
  if (a === b) return true;
  const sa = stem(a);
  const sb = stem(b);
  if (sa === sb) return true;
  const n = Math.min(sa.length, sb.length);
  // A shared beginning, and not much more after it: "analyst" ~ "analytical", but "George" is not "Georgetown".
  return n >= 5 && Math.max(sa.length, sb.length) <= n + 4 && sa.slice(0, Math.max(5, n - 1)) === sb.slice(0, Math.max(5, n - 1));
}
