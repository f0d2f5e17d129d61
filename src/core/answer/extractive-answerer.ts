import type { KnowledgeBase } from "../index/knowledge-base.js";
import { COMMON_WORDS, contentTerms } from "../text/tokenize.js";
import { REPORTING_STEMS } from "../speakers/lexicon.js";
import { validateCitations } from "./citations.js";
import { joinNames } from "./compose.js";
import { liveTurns, type ConversationState } from "./conversation.js";
import { ANSWER_BY_KIND } from "./kinds/index.js";
import { fullSummary } from "./kinds/summary.js";
import { topicAnswer } from "./kinds/topic.js";
import { closestAnswer } from "./kinds/closest.js";
import { checkAnswer, type Verdict } from "./kinds/verify.js";
import { recapLines, type ChatLine, type Recap } from "./recap.js";
import { answerRussian } from "./russian/answer-russian.js";
import { AnswerKit } from "./kit.js";
import type { ScoredChunk } from "../retrieval/hybrid-retriever.js";
import { SMALL_TALK, scriptOf, stripMarkup } from "./patterns.js";
import { analyseQuestion, type Question } from "./question/index.js";
import type { Answer, Answerer } from "./types.js";

const YES_NO = /^(did|does|do|is|was|were|has|have|had|are|can|could|would|will)\b|\bis it (true|in the article)\b/;

/** Kinds that only make sense when the corpus uses the question's main word. */
const NEEDS_KNOWN_FOCUS = new Set(["verify", "who", "topic", "when", "where"]);

/**
 * Answers from the article's own sentences, with no language model: reads the
 * question, picks the passages, and attributes every claim to its speaker.
 */
export class ExtractiveAnswerer implements Answerer {
  readonly kit: AnswerKit;
  private corpusScripts: Set<string> | undefined;

  constructor(readonly kb: KnowledgeBase) {
    this.kit = new AnswerKit(kb);
  }

  async answer(question: string, context?: ConversationState, now = Date.now()): Promise<Answer> {
    const text = question.trim();
    const kit = this.kit;
    if (!/[\p{L}\p{N}]/u.test(text)) {
      return kit.refuse(text, "That does not look like a question. Ask about the event, for example: who spoke, or what one of the speakers said.");
    }
    if (SMALL_TALK.test(text)) {
      const lead = /thank|thx/i.test(text) ? "You're welcome!" : /bye|night/i.test(text) ? "Goodbye!" : "Hello!";
      return kit.refuse(text, `${lead} Ask me about the event: who spoke, what someone said, or for a summary.`, { mode: "smalltalk" });
    }
    // A Russian question about an article in another script (names may be in Latin letters): the basic kinds, framed in Russian.
    if (/\p{Script=Cyrillic}/u.test(text) && !this.scripts().has("cyrillic")) return this.checked(answerRussian(kit, text, liveTurns(context, now)));
    if (!this.sameScript(text)) return kit.refuse(text, "Please ask in the language of the article; I match questions against its own words.");
    const cleaned = stripMarkup(text);
    const q = analyseQuestion(this.kb, cleaned, liveTurns(context, now));
    // The hybrid retriever's ranking of paragraphs breaks ties between sentences that match alike.
    const ranked = await kit.retriever.search(cleaned, 8);
    setPrior(q, ranked);
    const given = this.dispatch(q);
    const answer: Answer = { ...given, question: text, kind: q.kind, about: given.about ?? aboutOf(this.kb, q, given) };
    return this.checked(answer);
  }

  /** Every answer's citations are checked against the article before anyone sees it. */
  private checked(answer: Answer): Answer {
    const problems = validateCitations(this.kb, answer);
    if (problems.length) throw new Error(`Invalid citations: ${problems.join("; ")}`);
    return answer;
  }

  private dispatch(q: Question): Answer {
    const kit = this.kit;
    if (q.unknownNames.length > 0 && q.kind !== "summary") {
      return kit.refuse(q, `The article does not mention ${joinNames(q.unknownNames)}. ${kit.coverageHint()}`);
    }
    if (q.pronoun && q.speakers.length === 0) {
      const names = kit.kb.speakers.slice(0, 3).map((s) => s.name.split(" ").at(-1));
      return kit.refuse(q, `Whom do you mean by “${q.pronoun}”? Ask with a name, for example: what did ${names[0] ?? "Smith"} say?`);
    }
    if (q.absentPerson) {
      const lead = `The article does not report anything said by ${q.absentPerson}.`;
      // What it does say about that person, if it names them.
      const about = { ...q, topic: [...new Set([...q.topic, ...contentTerms(q.absentPerson)])] };
      return closestAnswer(kit, about, `${lead} What it says closest to that:`) ?? kit.refuse(q, `${lead} ${kit.coverageHint()}`);
    }
    // What the question is about comes first ("What is the weather …", "How many seats …"); if the corpus never uses that word, it does not cover the question.
    const focus = q.topic.find((t) => !COMMON_WORDS.has(t) && !REPORTING_STEMS.has(t));
    const answer = focus && !kit.index.known(focus) && NEEDS_KNOWN_FOCUS.has(q.kind) ? kit.notCovered(q) : (ANSWER_BY_KIND[q.kind] ?? topicAnswer)(kit, q);
    // A refusal comes last: whatever the article says closest to the question is worth showing.
    const yesNo = YES_NO.test(q.folded);
    if (answer.mode === "refusal" && q.kind !== "why") {
      const closest = closestAnswer(kit, q, yesNo ? "No, not as asked. What the article says closest to that:" : undefined);
      if (closest) return closest;
      // "Did anyone disagree?": a plain no comes first.
      return yesNo && !/^No\b/.test(answer.answer) ? { ...answer, answer: `No. ${answer.answer}` } : answer;
    }
    return answer;
  }

  /** /check: what the article makes of a claim someone made (supported, someone else's, otherwise, not said). */
  async check(claim: string): Promise<Answer & { verdict: Verdict }> {
    const cleaned = stripMarkup(claim.trim());
    const q = analyseQuestion(this.kb, cleaned);
    const ranked = await this.kit.retriever.search(cleaned, 8);
    setPrior(q, ranked);
    const answer = q.topic.length ? checkAnswer(this.kit, q) : { ...this.kit.refuse(q, `There is no claim to check: write what someone said, for example /check ${this.exampleName()} said …`), verdict: "not-said" as const };
    return { ...this.checked(answer), question: claim, verdict: answer.verdict };
  }

  /** /recap: the points a group raised about the event, each checked against the article. */
  recap(lines: ChatLine[]): Recap {
    return recapLines(this.kit, lines.map((l) => ({ ...l, text: stripMarkup(l.text) })), this.kit.citations());
  }

  /** A cited summary: what the event was, one point per speaker, and how it ended. */
  summaryAnswer(): { answer: string; answerable: boolean; citations: Answer["citations"] } {
    return fullSummary(this.kit);
  }

  /** Whether the question is written in a script the corpus uses (Latin, Cyrillic, …). */
  /** A speaker's surname from this corpus for examples, or a placeholder when nobody speaks. */
  private exampleName(): string {
    return this.kb.speakers[0]?.name.split(" ").at(-1) ?? "someone";
  }

  private sameScript(text: string): boolean {
    const asked = scriptsOf(text);
    return asked.size === 0 || [...asked].some((s) => this.scripts().has(s));
  }

  private scripts(): Set<string> {
    // One native search per script, not a look at every letter of what may be megabytes of text.
    this.corpusScripts ??= new Set(SCRIPTS.filter(([, re]) => this.kb.articles.some((a) => re.test(a.text))).map(([name]) => name));
    return this.corpusScripts;
  }
}

/** The hybrid retriever's ranking as a prior on paragraphs: every paragraph of a chunk gets its weight. */
function setPrior(q: Question, ranked: ScoredChunk[]) {
  ranked.forEach((r, i) => {
    for (const p of r.chunk.metadata.paragraphs ?? [r.chunk.metadata.paragraph]) {
      const key = `${r.chunk.metadata.docId}#${p}`;
      if (!q.prior.has(key)) q.prior.set(key, 0.5 / (1 + i));
    }
  });
}

const SCRIPTS: [string, RegExp][] = [
  ["latin", /\p{Script=Latin}/u],
  ["cyrillic", /\p{Script=Cyrillic}/u],
  ["greek", /\p{Script=Greek}/u],
  ["arabic", /\p{Script=Arabic}/u],
  ["han", /\p{Script=Han}/u],
  ["other", /[^\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Han}\P{L}]/u],
];

const scriptsOf = (s: string) => new Set([...s.matchAll(/\p{L}/gu)].map((m) => scriptOf(m[0])));

/** Whom the answer was about: the speakers asked about, else those it quotes. */
function aboutOf(kb: KnowledgeBase, q: Question, a: Answer): NonNullable<Answer["about"]> {
  // Both: "who agreed with X?" is about X and about whoever agreed, so "he" and "she" can find either.
  const quoted = a.citations.flatMap((c) => {
    const sp = c.speaker === null ? null : kb.speakerOf(c.docId, kb.sentences(c.docId).find((s) => s.start >= c.start)?.index ?? -1);
    return sp && sp.name === c.speaker ? [sp.id] : [];
  });
  return { speakers: [...new Set([...quoted, ...q.speakers.map((s) => s.id)])], topic: q.topic };
}
