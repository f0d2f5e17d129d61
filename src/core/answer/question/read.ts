import { distance } from "fastest-levenshtein";
import type { KnowledgeBase } from "../../index/knowledge-base.js";
import { PERSON_NOUNS, REPORTING_STEMS, isPersonNoun } from "../../speakers/lexicon.js";
import { COMMON_WORDS, QUESTION_WORDS, STOP_WORDS, fold, stem, wordTokens, type Token } from "../../text/tokenize.js";
import { resolveSpeakers } from "./resolve-speakers.js";
import { tagWords } from "../../text/pos.js";
import { COMMAND_WORDS, EVENT_WORDS, GROUP_WORDS, QUESTION_OPENERS, QUESTION_VOCABULARY } from "./words.js";
import type { AnswerFormat, Question } from "./types.js";

/**
 * Reads a question's features: whom it is about (by name or role), what topic,
 * and the words that decide its kind. The kind itself is left to `classify`.
 */
export function readQuestion(kb: KnowledgeBase, raw: string): Question {
  const text = mendWords(kb, mendOpener(expandContractions(raw.replace(/\s+/g, " ").trim())));
  const q = fold(text);
  const tokens = wordTokens(text);
  // "How many journalists …" counts journalists; it does not refer to one.
  const counted = tokens.findIndex((_t, i) => i >= 2 && /^many$/i.test(tokens[i - 1].text) && /^how$/i.test(tokens[i - 2].text));
  const { speakers, used, alternates, groupRole, byRole, ambiguous } = resolveSpeakers(kb, tokens.map((t, i) => (i === counted ? "" : t.text)));

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
  // An action the article never names ("how much did X pay", "why did he pick Y") is what the answer supplies,
  // not what it must contain; in a yes/no question it is the very claim, so it stays.
  const yesNo = /^(did|does|do|is|was|were|has|have|had|are|can|could|would|will)\b/.test(q);
  const pos = yesNo ? new Map<string, string>() : new Map(tagWords(text).map((w) => [fold(w.text), w.pos]));
  const unknownAction = (w: string) => pos.get(w) === "VERB" && !kb.vocabulary.knows(w) && !REPORTING_STEMS.has(stem(w));
  const asked = content.filter((w) => !EVENT_WORDS.has(w));
  // Only when the rest of the question is the article's own vocabulary: an unknown thing as well means another subject.
  const rest = asked.filter((w) => !unknownAction(w));
  const dropActions = rest.length > 0 && rest.every((w) => kb.vocabulary.knows(w) || COMMON_WORDS.has(stem(w)));
  const topic = (dropActions ? rest : asked).map((w) => stem(kb.vocabulary.correct(w) ?? w));
  const wantsNumber = /\b(how many|how much|how long|how far|how old|what (percentage|percent|share|proportion|number|amount))\b/.test(q);

  const topicText = content.filter((w) => !EVENT_WORDS.has(w)).join(" ");
  const verbTerms = folded
    .map(stem)
    .filter((w, i) => REPORTING_STEMS.has(w) && !/^(about|on|regarding|concerning|of|the|a|an)$/.test(folded[i - 1] ?? ""));
  const askedAbout = /^(?:what|how|did|does|do|has|have|had|would|will)\b(?: (?:did|does|do|has|have|had))? (the |a |an )?((?:[\p{L}'’.-]+ ){1,5}?)(?:say|said|think|believe|claim|mention|tell|state|announce|propose|suggest|stress|note|argue|warn|promise|feel|reply|respond|answer|add)\b/u.exec(q);
  const askedWords = askedAbout?.[2].trim().split(" ") ?? [];
  // "What did the president say?" when nobody is described so; "what did sturridge say?" when the article names
  // Sturridge but reports nothing he said: either way, nobody in the article said it.
  const namedOther = askedWords.map((w) => kb.vocabulary.name(w)).filter((n): n is string => !!n && !QUESTION_WORDS.has(fold(n)));
  // "what did she say?" with nobody to point back to: the answerer asks whom the asker means.
  const pronoun = speakers.length === 0 && askedWords.length === 1 && /^(he|she|they|him|her|them)$/.test(askedWords[0]) ? askedWords[0] : null;
  const absentPerson =
    speakers.length === 0 && ambiguous.length === 0 && askedAbout && !pronoun
      ? askedWords.some((w) => isPersonNoun(w) && !GROUP_WORDS.has(w))
        ? `${askedAbout[1] ?? ""}${askedAbout[2]}`.trim()
        : namedOther.length
          ? namedOther.join(" ")
          : null
      : null;
  const countedStem = counted >= 0 ? stem(kb.vocabulary.correct(tokens[counted].text) ?? tokens[counted].text) : null;
  return {
    text,
    folded: q,
    kind: "topic",
    speakers,
    topic,
    topicText,
    verbTerms,
    absentPerson,
    pronoun,
    unknownNames,
    wantsNumber,
    exclude: false,
    alternates,
    ambiguous,
    groupRole,
    byName: speakers.length > 0 && !byRole,
    listOf: listNoun(q, kb),
    countedStem,
    speakerAt: firstUsedOffset(tokens, used),
    speakerSpan: spanOf(text, tokens, used),
    prior: new Map<string, number>(),
    format: formatOf(q),
  };
}

/**
 * "who agred with X" -> "who agreed with X": a word neither the corpus nor
 * the question vocabulary knows, one letter away from a question word, is
 * taken for it. Corpus words and names are mended later, against the corpus.
 */
function mendWords(kb: KnowledgeBase, text: string): string {
  return text.replace(/\p{L}{5,}/gu, (word) => {
    const w = fold(word);
    if (QUESTION_VOCABULARY.has(w) || STOP_WORDS.has(w) || QUESTION_WORDS.has(w) || kb.vocabulary.has(w) || kb.vocabulary.hasStem(w)) return word;
    const max = w.length >= 9 ? 2 : 1;
    let best: string | null = null;
    for (const v of QUESTION_VOCABULARY) {
      if (v[0] === w[0] && Math.abs(v.length - w.length) <= max && distance(v, w) <= max && (!best || distance(v, w) < distance(best, w))) best = v;
    }
    return best ?? word;
  });
}

/** "what's" -> "what is", "didn't" -> "did not": the words the classifiers read. */
function expandContractions(text: string): string {
  return text
    .replace(/\b(what|who|where|when|how|why|that|it|there|here)['’]s\b/gi, "$1 is")
    .replace(/\b(\p{L}+)n['’]t\b/giu, (_m, w: string) => (/^(ca|wo)$/i.test(w) ? `${w === "wo" ? "will" : "can"} not` : `${w} not`))
    .replace(/\b(\p{L}+)['’](re|ve|ll|d)\b/giu, (_m, w: string, c: string) => `${w} ${{ re: "are", ve: "have", ll: "will", d: "would" }[c.toLowerCase()]}`);
}

const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** "tl;dr", "briefly", "in 3 bullets": how the asker wants the answer laid out, if they say. */
function formatOf(q: string): AnswerFormat | undefined {
  const n = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:short\s+|key\s+|main\s+)?(bullets?|bullet points?|points?|lines?|sentences?|items?)\b/.exec(q);
  const bullets = n ? (NUMBERS[n[1]] ?? Number(n[1])) : undefined;
  const brief = /\b(tl;? ?dr|brief(ly)?|short(ly)?|in short|quick(ly)?|gist|in a nutshell|one line|in a sentence|short version)\b/.test(q);
  return bullets || brief ? { bullets, brief: brief || undefined } : undefined;
}

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

/** Where the words that refer to speakers stand, with a leading article: "the ambassador", "Smith". */
function spanOf(text: string, tokens: Token[], used: Set<number>): [number, number] | null {
  if (used.size === 0) return null;
  const first = Math.min(...used);
  const last = Math.max(...used);
  let start = tokens[first].start;
  const before = /\b(?:the|a|an)\s+$/i.exec(text.slice(0, start));
  if (before) start -= before[0].length;
  return [start, tokens[last].end];
}

function firstUsedOffset(tokens: Token[], used: Set<number>): number {
  const i = Math.min(...used);
  return Number.isFinite(i) ? tokens[i].start : -1;
}
