import type { Question, QuestionKind } from "./types.js";
import { contentTerms } from "../../text/tokenize.js";
import { AGREE_Q, DISAGREE_Q } from "./words.js";

/** A classifier looks at a read question; it returns the kind (and what else it learnt), or null to pass. */
export type Classifier = { name: string; test: (q: Question) => Partial<Question> & { kind: QuestionKind } | null };

const kind = (k: QuestionKind, extra: Partial<Question> = {}) => ({ kind: k, ...extra });
const none = (q: Question) => q.speakers.length === 0;

/**
 * The ordered table of question kinds: the first classifier that recognises
 * the question decides. More specific kinds come before general ones, and
 * "topic" (plain retrieval) is the last resort.
 */
export const CLASSIFIERS: Classifier[] = [
  // A follow-up in a conversation: "why?" about the last answer; "what else" about the same people or topic.
  { name: "why", test: (q) => (q.followUp === "why" ? kind("why") : null) },
  { name: "more", test: (q) => (q.followUp === "more" ? kind(q.speakers.length ? "claims" : "topic") : null) },
  {
    // The article itself: "link to the article?", "who wrote it", "how long is the article".
    name: "article",
    test: (q) =>
      none(q) &&
      (/\b(link|url|website|web site|where can i read)\b/.test(q.folded) ||
        (/\b(source|title|headline|author|wrote|written|published|date of|how long|length|paragraphs|words)\b/.test(q.folded) && /\b(article|story|piece|text|this (report|news))\b/.test(q.folded) && !/\bwill\b/.test(q.folded)) ||
        /\b(article|story|report|piece)(['’]s)? (source|title|headline|author|date|length)\b/.test(q.folded) ||
        /^(what|which) (is the )?(article|source)\b/.test(q.folded))
        ? kind("article")
        : null,
  },
  {
    // "What did all the speakers agree on?": what the article says they held in common.
    name: "consensus",
    test: (q) =>
      none(q) && /\b(all|everyone|everybody|unanimous\w*|consensus|in common|together)\b/.test(q.folded) && /\b(agree\w*|conclu\w*|shared?|noted|say|said)\b/.test(q.folded)
        ? kind("consensus")
        : null,
  },
  {
    name: "summary",
    test: (q) =>
      none(q) &&
      (!!q.format && q.topic.length === 0 ||
      /\b(summar|sum up|recap|overview|gist|digest|in a nutshell|highlights|what happened\b(?=\W*$| (at|during|on) the (event|meeting|round ?table|forum|conference|discussion))|key points|main points|tl;?dr|what was (the|this) (event|meeting|round ?table|discussion) about|tell me about the (event|meeting|round ?table|discussion))/.test(
        q.folded,
      ))
        ? kind("summary")
        : null,
  },
  {
    // "Who spoke first?", "who was the last speaker", "who spoke after X": not "the last elections".
    name: "order",
    test: (q) =>
      /\b(who|which (speaker|participant|person|one))\b/.test(q.folded) &&
      /\b(spoke|speak|speaks|talked|went|took the floor|was|came|opened|closed|started|began|ended|finished|concluded|speaker|followed)\b/.test(q.folded) &&
      /\b(first|last|final|second|third|fourth|fifth|next|before|after|earlier|later|order|preceded|followed)\b(?!\s+(elections?|years?|time|week|month|day|summer|winter|spring|autumn|round|vote))/.test(q.folded) &&
      q.topic.filter((t) => !/^(first|last|final|second|third|fourth|fifth|next|order|earlier|later|speaker)$/.test(t)).length === 0
        ? kind("order")
        : /\bin (what|which) order\b/.test(q.folded) ? kind("order") : null,
  },
  {
    name: "compare",
    test: (q) =>
      q.speakers.length >= 2 && /\b(compare|comparison|compared|differ|differed|difference|differences|different|contrast|vs|versus|similar|similarity|alike|same)\b/.test(q.folded)
        ? kind("compare")
        : null,
  },
  {
    // "Were there any women among the speakers?", "which speakers are scientists?"
    name: "attributes",
    test: (q) =>
      (/\b(women|woman|female|females|ladies|men|male|males|gentlemen)\b/.test(q.folded) &&
        /\b(speak\w*|participants?|panel\w*|experts?|guests?|who|any|how many|were there)\b/.test(q.folded) &&
        q.topic.every((t) => /^(women|woman|femal|ladi|men|man|male|gentlemen|among|speak|spoke|particip|panel|expert|guest|there|ani)/.test(t))) ||
      (/^(which|what) (speakers|participants|people|experts|guests) (are|were)\b/.test(q.folded) && q.groupRole)
        ? kind("attributes")
        : null,
  },
  {
    // "Was the election fair according to the speakers?", "what did the experts think of X?"
    name: "judgement",
    test: (q) =>
      q.topic.length > 0 &&
      (none(q) || q.groupRole) &&
      (/\baccording to (the )?(speakers|participants|experts|panel\w*|guests|them|everyone)\b/.test(q.folded) ||
        /\b(what|how) did (the )?(speakers|participants|experts|panel\w*|guests|they|people) (think|feel|say|view|see|assess|evaluate|judge|rate)\b/.test(q.folded) ||
        /\b(speakers|participants|experts)['’]? (views?|opinions?|assessments?|verdicts?)\b/.test(q.folded))
        ? kind("judgement")
        : null,
  },
  {
    name: "agreement",
    test: (q) => {
      const agree = DISAGREE_Q.exec(q.folded) ?? AGREE_Q.exec(q.folded);
      if (!agree || !(q.speakers.length > 0 || /\b(who|whom|anyone|anybody|someone|which|any)\b/.test(q.folded))) return null;
      return kind("agreement", {
        stance: DISAGREE_Q.test(q.folded) ? "disagree" : "agree",
        agreementRole: q.speakerAt >= 0 && q.speakerAt > agree.index ? "object" : "subject",
      });
    },
  },
  {
    name: "count",
    test: (q) =>
      /\bhow many\b/.test(q.folded) && none(q) ? kind("count") : null,
  },
  {
    // "Who spoke besides the ambassador?": the list, without the one named.
    name: "speakers-except",
    test: (q) =>
      q.speakers.length > 0 && q.topic.length === 0 && /\b(besides|apart from|other than|except|excluding|aside from)\b/.test(q.folded)
        ? kind("speakers", { exclude: true })
        : null,
  },
  {
    name: "speakers",
    test: (q) =>
      !/^(when|where)\b/.test(q.folded) && none(q) && q.topic.length === 0 && /\b(who|speakers?|participants?|panelists?|panellists?|list|name)\b/.test(q.folded)
        ? kind("speakers")
        : null,
  },
  {
    name: "verify",
    test: (q) =>
      /^(did|does|do|is|was|were|has|have|had|are|can|could|would|will)\b|\bis it (true|in the article)|\bdoes the article (say|mention|claim|report|state)/.test(q.folded)
        ? kind("verify")
        : null,
  },
  {
    name: "when",
    test: (q) => (/^when\b|\bwhat (date|day|year|time)\b|\bon which (date|day)\b|\bwhich (date|day|year)\b/.test(q.folded) ? kind("when") : null),
  },
  {
    name: "where",
    test: (q) => {
      if (!/^where\b|\bin (which|what) (city|place|country|venue|building)\b|\bwhat (city|venue|place)\b/.test(q.folded)) return null;
      // "Where does X work?" asks for a role; "Where is X going, according to Y?" does not.
      const aboutRole = q.speakers.length > 0 && /\b(work|works|worked|from|based|come|comes|employed|teach|teaches|study|studies|serve|serves)\b/.test(q.folded);
      return kind(aboutRole ? "role" : "where");
    },
  },
  {
    // "What's the X?", "what does X mean?": a term the article uses, not a person.
    name: "definition",
    test: (q) =>
      none(q) && q.topic.length > 0 && q.topic.length <= 3 && !q.wantsNumber &&
      (/\b(what does|what do) .+ (mean|stand for)\b|\b(define|definition of|meaning of|what is meant by)\b/.test(q.folded) ||
        (/^(what|who) (is|are|was|were) (a |an |the )?(?!(he|she|they|it|this|that|these|those|we|you|i)\b)[\p{L}\d'-]+(?: [\p{L}\d'-]+){0,2}\s*\??$/u.test(q.folded) && q.topic.length <= 2))
        ? kind("definition")
        : null,
  },
  { name: "role", test: (q) => (q.speakers.length > 0 && asksRole(q) ? kind("role") : null) },
  { name: "claims", test: (q) => (q.speakers.length > 0 && asksWhatTheySaid(q) ? kind("claims") : null) },
  {
    // "How many goals did X score?", "where was X born?": a fact about a speaker, anywhere in the article.
    name: "about-speaker",
    test: (q) => (q.speakers.length > 0 ? kind("topic", { topic: [...q.topic, ...q.speakers.flatMap((s) => contentTerms(s.name.split(" ").at(-1)!))] }) : null),
  },
  {
    name: "who",
    test: (q) =>
      /^(who|whom|which (speakers?|participants?|experts?|people|persons?|ones?|of the)|what (speakers?|participants?|experts?))\b/.test(q.folded) ? kind("who") : null,
  },
];

/**
 * "What did X say / think / warn about …?", "X's view on …", "and X?": a
 * question about the speaker's words. A question about something they did or
 * that happened to them is a question about the article's facts.
 */
function asksWhatTheySaid(q: Question): boolean {
  // "Why did X do Y?": the reasons the article gives for what a speaker did are mostly their own words.
  if (q.topic.length === 0 || q.followUp || q.verbTerms.length > 0 || q.groupRole || /^why\b/.test(q.folded)) return true;
  return /\b(opinion|opinions|view|views|position|stance|think|thinks|thought|feel|feels|felt|believe|believes|according|quote|quotes|words|claim|claims|argument|point|points|message|comments?|remarks?|response|reply|answer|criticism|concerns?|hopes?|expects?|expectations?|warnings?)\b/.test(q.folded);
}

function asksRole(q: Question): boolean {
  const t = q.folded;
  const whoIs =
    /\b(who is|who's|who was|who are|what is|what's|what was)\b/.test(t) &&
    (/\b(role|position|job|title|affiliation|work|works|occupation|profession)\b/.test(t) || q.topic.length === 0) &&
    !/\b(what (is|was) .* (opinion|view|position on|claim))/.test(t);
  if (whoIs && !/\b(say|said|think|thought|claim|claimed|believe|opinion|view|mention|argue|argued|stress|stressed)\b/.test(t)) return true;
  if (/\bwhat does (\p{L}+\s){1,3}do\??$|\bwhere does .* work\b/u.test(t)) return true;
  // "Which department does X work in?", "Which company is X from?"
  if (/^(which|what)\b/.test(t) && /\b(work|works|worked|employed|based|from|head|heads|lead|leads|run|runs|represent|represents)\b(\s+(in|for|at))?\s*\??$/.test(t)) return true;
  return /^(which|what) (speaker|participant|expert|person|one|guest)s? (is|was|works?|worked|comes?|came|represents?|represented)\b/.test(t);
}

/** The question with its kind: the first classifier in the table that recognises it, else "topic". */
export function classify(q: Question): Question {
  for (const c of CLASSIFIERS) {
    const found = c.test(q);
    if (found) return { ...q, ...found };
  }
  return { ...q, kind: "topic" };
}
