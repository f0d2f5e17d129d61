import { distance } from "fastest-levenshtein";
import type { KnowledgeBase } from "../index/knowledge-base.js";
import { PERSON_NOUNS, REPORTING_STEMS, isPersonNoun } from "../speakers/lexicon.js";
import type { Speaker } from "../speakers/types.js";
import { QUESTION_WORDS, STOP_WORDS, fold, stem, wordTokens } from "../text/tokenize.js";
import { equivalents } from "../text/synonyms.js";

export type QuestionKind =
  | "summary"
  | "speakers"
  | "count"
  | "role"
  | "agreement"
  | "consensus"
  | "verify"
  | "when"
  | "where"
  | "who"
  | "claims"
  | "topic";

export interface Question {
  text: string;
  kind: QuestionKind;
  /** Speakers the question names or describes; several when it is ambiguous ("the expert"). */
  speakers: Speaker[];
  /** What the question is about: stemmed, typo-mended content terms, minus speaker references. */
  topic: string[];
  /** Topic terms used as the question's verb ("What did X promise?"), not as its object ("… about felt"). */
  verbTerms: string[];
  /** The topic in the asker's own words, for messages ("inflation"). */
  topicText: string;
  /** "What did the president say?" when nobody in the article is described so: who was asked about. */
  absentPerson: string | null;
  /** Capitalised names in the question that the corpus never mentions. */
  unknownNames: string[];
  wantsNumber: boolean;
  /**
   * Passages the hybrid retriever (dense + BM25) ranks for the question, by
   * "docId#paragraph": weight in (0, 1]. Filled in by the answerer.
   */
  prior: Map<string, number>;
  /** Others who fit the role less well, tried when the best fits do not cover the topic. */
  alternates: Speaker[];
  /** Found through a plural role ("the ministers"): a group, not one person. */
  groupRole: boolean;
  /** The speakers were named (surname, full name, misspelt), not described by role. */
  byName: boolean;
  /** "Which parties …?": the plural noun asked for, stemmed; entities of that kind may answer it. */
  listOf: string | null;
  /** For a list of speakers: leave out the ones named ("besides the ambassador"). */
  exclude: boolean;
  /** For agreement questions: whether the named speaker is the one agreeing or the one agreed with. */
  agreementRole?: "subject" | "object";
  stance?: "agree" | "disagree";
}

// Words that frame a question about the event itself, not a topic in it.
const EVENT_WORDS = new Set(
  "event meeting roundtable round table discussion discussions discuss discussed conference forum summit gathering debate session held take took place happen happened attend attended participate participated part topic topics subject theme agenda purpose aim goal dialogue dialog consultation webinar panel hearing seminar workshop briefing symposium talks ceremony presentation exhibition festival congress".split(
    " ",
  ),
);
const GROUP_WORDS = new Set(
  "speaker speakers participant participants panelist panelists panellists people persons expert experts guest guests attendee attendees who".split(" "),
);

const COMMAND_WORDS = new Set("tell list name give show summarize summarise describe explain please".split(" "));

const AGREE_Q = /\b(agree|agreed|agrees|support|supported|supports|side|sided|back|backed|echo|echoed|second|seconded|endorse|endorsed)\b/;
const DISAGREE_Q = /\b(disagree|disagreed|disagrees|oppose|opposed|object|objected|contradict|contradicted|dispute|disputed|challenge|challenged)\b/;

/** Reads a question: what kind it is, whom it is about, and what topic. */
export function analyseQuestion(kb: KnowledgeBase, raw: string): Question {
  const text = mendOpener(raw.replace(/\s+/g, " ").trim());
  const q = fold(text);
  const tokens = wordTokens(text);
  // "How many journalists …" counts journalists; it does not refer to one.
  const counted = tokens.findIndex((_t, i) => i >= 2 && /^many$/i.test(tokens[i - 1].text) && /^how$/i.test(tokens[i - 2].text));
  const { speakers, used, alternates, groupRole, byRole } = resolveSpeakers(kb, tokens.map((t, i) => (i === counted ? "" : t.text)));

  const folded = tokens.map((t) => fold(t.text));
  const topicWords = folded.filter(
    (w, i) =>
      !used.has(i) &&
      !STOP_WORDS.has(w) &&
      !QUESTION_WORDS.has(w) &&
      // "how long", "how far": the adjective asks for a measure; it is not the topic.
      folded[i - 1] !== "how" &&
      // "the main topic": the event's subject, not the word "main".
      !(/^(main|key|central|primary|general)$/.test(w) && EVENT_WORDS.has(folded[i + 1] ?? "")) &&
      (w.length > 1 || /\d/.test(w)),
  );
  const unknownNames = tokens
    .filter((t, i) => !used.has(i) && /^\p{Lu}\p{Ll}{2,}/u.test(t.text) && !kb.vocabulary.correct(t.text))
    // The first word is capitalised anyway; a misspelt "Whch" is not a name.
    .filter((t, i) => i > 0 || !looksLikeQuestionWord(t.text))
    .map((t) => t.text)
    .filter((w) => !STOP_WORDS.has(fold(w)) && !QUESTION_WORDS.has(fold(w)) && !COMMAND_WORDS.has(fold(w)));

  const content = topicWords.filter((w) => !GROUP_WORDS.has(w));
  const topic = content.filter((w) => !EVENT_WORDS.has(w)).map((w) => stem(kb.vocabulary.correct(w) ?? w));
  const wantsNumber = /\b(how many|how much|how long|how far|how old|what (percentage|percent|share|proportion|number|amount))\b/.test(q);

  const topicText = content.filter((w) => !EVENT_WORDS.has(w)).join(" ");
  const verbTerms = folded
    .map(stem)
    .filter((w, i) => REPORTING_STEMS.has(w) && !/^(about|on|regarding|concerning|of|the|a|an)$/.test(folded[i - 1] ?? ""));
  const askedAbout = /^(?:what|how) (?:did|does|do|has|have|had) (the |a |an )?((?:[\p{L}'’-]+ ){1,5}?)(?:say|said|think|believe|claim|mention|tell|state|announce|propose|suggest|stress|note|argue|warn|promise)\b/u.exec(q);
  const absentPerson =
    speakers.length === 0 && askedAbout && askedAbout[2].split(" ").some((w) => isPersonNoun(w) && !GROUP_WORDS.has(w))
      ? `${askedAbout[1] ?? ""}${askedAbout[2]}`.trim()
      : null;
  const base = { text, speakers, topic, topicText, verbTerms, absentPerson, unknownNames, wantsNumber, exclude: false, alternates, groupRole, byName: speakers.length > 0 && !byRole, listOf: listNoun(q, kb), prior: new Map<string, number>() };
  const agree = DISAGREE_Q.exec(q) ?? AGREE_Q.exec(q);
  // "What did all the speakers agree on?": what the article says they held in common.
  if (speakers.length === 0 && /\b(all|everyone|everybody|unanimous\w*|consensus|in common|together)\b/.test(q) && /\b(agree\w*|conclu\w*|shared?|noted|say|said)\b/.test(q)) {
    return { ...base, kind: "consensus" };
  }
  if (/\b(summar|sum up|recap|overview|what happened\b(?=\W*$| (at|during|on) the (event|meeting|round ?table|forum|conference|discussion))|key points|main points|tl;?dr|what was (the|this) (event|meeting|round ?table|discussion) about|tell me about the (event|meeting|round ?table|discussion))/.test(q) && speakers.length === 0) {
    return { ...base, kind: "summary" };
  }
  if (agree && (speakers.length > 0 || /\b(who|whom|anyone|anybody|someone|which|any)\b/.test(q))) {
    const verbAt = agree.index;
    const nameAt = speakers.length ? firstUsedOffset(tokens, used) : -1;
    return {
      ...base,
      kind: "agreement",
      stance: DISAGREE_Q.test(q) ? "disagree" : "agree",
      agreementRole: nameAt >= 0 && nameAt > verbAt ? "object" : "subject",
    };
  }
  const countedStem = counted >= 0 ? stem(kb.vocabulary.correct(tokens[counted].text) ?? tokens[counted].text) : null;
  if (/\bhow many\b/.test(q) && speakers.length === 0 && (topic.length === 0 || (topic.length === 1 && topic[0] === countedStem))) {
    return { ...base, kind: "count" };
  }
  // "Who spoke besides the ambassador?": the list, without the one named.
  if (speakers.length > 0 && topic.length === 0 && /\b(besides|apart from|other than|except|excluding|aside from)\b/.test(q)) {
    return { ...base, kind: "speakers", exclude: true };
  }
  const asksWhenOrWhere = /^(when|where)\b/.test(q);
  if (!asksWhenOrWhere && speakers.length === 0 && topic.length === 0 && /\b(who|speakers?|participants?|panelists?|panellists?|list|name)\b/.test(q)) {
    return { ...base, kind: "speakers" };
  }
  if (/^(did|does|do|is|was|were|has|have|had|are|can|could|would|will)\b|\bis it (true|in the article)|\bdoes the article (say|mention|claim|report|state)/.test(q)) {
    return { ...base, kind: "verify" };
  }
  if (/^when\b|\bwhat (date|day|year|time)\b|\bon which (date|day)\b|\bwhich (date|day|year)\b/.test(q)) return { ...base, kind: "when" };
  if (/^where\b|\bin (which|what) (city|place|country|venue|building)\b|\bwhat (city|venue|place)\b/.test(q)) {
    // "Where does X work?" asks for a role; "Where is X going, according to Y?" does not.
    const aboutRole = speakers.length > 0 && /\b(work|works|worked|from|based|come|comes|employed|teach|teaches|study|studies|serve|serves)\b/.test(q);
    return { ...base, kind: aboutRole ? "role" : "where" };
  }
  if (speakers.length > 0) {
    const asksRole =
      /\b(who is|who's|who was|who are|what is|what's|what was)\b/.test(q) &&
      (/\b(role|position|job|title|affiliation|work|works|occupation|profession)\b/.test(q) || topic.length === 0) &&
      !/\b(what (is|was) .* (opinion|view|position on|claim))/.test(q);
    if (asksRole && !/\b(say|said|think|thought|claim|claimed|believe|opinion|view|mention|argue|argued|stress|stressed)\b/.test(q)) {
      return { ...base, kind: "role" };
    }
    if (/\bwhat does (\p{L}+\s){1,3}do\??$|\bwhere does .* work\b/u.test(q)) return { ...base, kind: "role" };
    // "Which department does X work in?", "Which company is X from?"
    if (/^(which|what)\b/.test(q) && /\b(work|works|worked|employed|based|from|head|heads|lead|leads|run|runs|represent|represents)\b(\s+(in|for|at))?\s*\??$/.test(q)) {
      return { ...base, kind: "role" };
    }
    if (/^(which|what) (speaker|participant|expert|person|one|guest)s? (is|was|works?|worked|comes?|came|represents?|represented)\b/.test(q)) {
      return { ...base, kind: "role" };
    }
    return { ...base, kind: "claims" };
  }
  if (/^(who|whom|which (speakers?|participants?|experts?|people|persons?|ones?|of the)|what (speakers?|participants?|experts?))\b/.test(q)) {
    return { ...base, kind: "who" };
  }
  return { ...base, kind: "topic" };
}

const QUESTION_OPENERS = "who whom whose what which when where why how did does do is was were are has have can could tell list name give show summarize summarise describe explain according".split(" ");

/** "Which parties were mentioned?" -> "parti"; null when the question does not ask for a list of things. */
function listNoun(q: string, kb: KnowledgeBase): string | null {
  const m = /^(?:which|what|name the|list the|list all)\s+(?:other\s+)?(\p{L}+s)\b/u.exec(q);
  if (!m || GROUP_WORDS.has(m[1]) || PERSON_NOUNS.has(m[1].replace(/s$/, ""))) return null;
  return stem(kb.vocabulary.correct(m[1]) ?? m[1]);
}

/** "Whch speaker …" -> "Which speaker …": a misspelt question word changes what is asked. */
function mendOpener(text: string): string {
  const m = /^\p{L}+/u.exec(text);
  if (!m) return text;
  const w = fold(m[0]);
  if (QUESTION_OPENERS.includes(w) || w.length < 3) return text;
  const fix = QUESTION_OPENERS.find((q) => q.length >= 3 && Math.abs(q.length - w.length) <= 1 && distance(q, w) === 1);
  return fix ? `${m[0][0] === m[0][0].toUpperCase() ? fix[0].toUpperCase() + fix.slice(1) : fix}${text.slice(m[0].length)}` : text;
}

function looksLikeQuestionWord(word: string): boolean {
  const w = fold(word);
  return QUESTION_OPENERS.some((q) => q === w || (w.length >= 3 && distance(q, w) <= (q.length > 4 ? 2 : 1)));
}

function firstUsedOffset(tokens: { start: number }[], used: Set<number>): number {
  const i = Math.min(...used);
  return Number.isFinite(i) ? tokens[i].start : -1;
}

/**
 * Finds the speakers a question refers to: by name or surname (in any case,
 * misspelt by a letter or two) or by role ("the ambassador", "the analyst
 * from X"). Returns them and the positions of the words that referred to them.
 */
export function resolveSpeakers(
  kb: KnowledgeBase,
  tokens: string[],
): { speakers: Speaker[]; used: Set<number>; alternates: Speaker[]; groupRole: boolean; byRole: boolean } {
  const folded = tokens.map((t) => fold(t).replace(/'s$/, ""));
  const used = new Set<number>();
  const scores = new Map<Speaker, number>();

  for (const sp of kb.speakers) {
    const parts = fold(sp.name).split(/\s+/);
    const surname = parts.at(-1)!;
    let score = 0;
    folded.forEach((w, i) => {
      if (w.length < 3 || STOP_WORDS.has(w)) return;
      const isSurname = nameMatch(w, surname, kb);
      const isOther = parts.slice(0, -1).some((p) => nameMatch(w, p, kb));
      if (isSurname || isOther) {
        score += isSurname ? 2 : 1;
        used.add(i);
      }
    });
    if (score > 0) scores.set(sp, score);
  }
  if (scores.size > 0) {
    const best = Math.max(...scores.values());
    // "Lindqvist" alone fits two people; "Greta Lindqvist" fits one.
    const speakers = [...scores].filter(([, s]) => s === best).map(([sp]) => sp);
    return { speakers: best >= 2 || speakers.length === 1 ? speakers : [], used, alternates: [], groupRole: false, byRole: false };
  }
  return { ...resolveByRole(kb, folded, used), byRole: true };
}

function nameMatch(word: string, part: string, kb: KnowledgeBase): boolean {
  if (word === part) return true;
  if (part.length < 5 || Math.abs(word.length - part.length) > 2 || word[0] !== part[0]) return false;
  // An ordinary corpus word ("petrol"?) is not a misspelt name unless it is very close.
  const max = part.length >= 8 ? 2 : 1;
  return distance(word, part) <= max && !(kb.vocabulary.has(word) && word !== part);
}

function resolveByRole(kb: KnowledgeBase, folded: string[], used: Set<number>): { speakers: Speaker[]; used: Set<number>; alternates: Speaker[]; groupRole: boolean } {
  if (!folded.some(isPersonNoun)) return { speakers: [], used, alternates: [], groupRole: false };
  // Only words that describe a person count: the noun itself ("the analyst"), its modifiers ("the Senate deputy"),
  // and an affiliation after it ("from Acme Labs"); "about the economy" is the topic, not the role.
  const describing = new Set<number>();
  folded.forEach((w, i) => {
    if (!isPersonNoun(w)) return;
    describing.add(i);
    // Modifiers count only inside a noun phrase: "the Duma deputy", not "advise founders".
    const det = [i - 1, i - 2, i - 3, i - 4].find((j) => j >= 0 && /^(the|a|an|this|that)$/.test(folded[j]));
    const ownPhrase = det !== undefined && !folded.slice(det + 1, i).some((w) => isPersonNoun(w));
    if (ownPhrase) for (let j = det! + 1; j < i; j++) if (!STOP_WORDS.has(folded[j]) && !QUESTION_WORDS.has(folded[j])) describing.add(j);
    if (/^(from|of|at|with|in)$/.test(folded[i + 1] ?? "")) {
      for (let j = i + 2; j < folded.length && j <= i + 7 && !/^(say|said|think|about|on|regarding|expect|hope|mention)$/.test(folded[j]); j++) describing.add(j);
    }
  });
  const roleWords = kb.speakers.map(
    (sp) => new Set([...(sp.role ? wordTokens(fold(sp.role)).map((t) => t.text) : []), ...sp.aliases.flatMap((a) => a.split(/\s+/))]),
  );
  // A role word that is the asked word (or its root) counts fully; an equivalent ("diplomat" for "ambassador") half.
  const fit = (k: number, w: string) =>
    [...roleWords[k]].some((r) => sameRoot(r, w)) ? 1 : [...roleWords[k]].some((r) => equivalents(stem(w)).includes(stem(r))) ? 0.5 : 0;
  const df = (w: string) => kb.speakers.filter((_, k) => fit(k, w) > 0).length;
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
  for (const s of scores) if (!nouns.some((i) => s.hits.includes(i))) s.score = 0;
  const best = Math.max(0, ...scores.map((s) => s.score));
  if (best === 0) return { speakers: [], used, alternates: [], groupRole: false };
  const top = scores.filter((s) => s.score >= best - 1e-9);
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
  return n >= 5 && sa.slice(0, Math.max(5, n - 1)) === sb.slice(0, Math.max(5, n - 1));
}
