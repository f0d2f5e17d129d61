import type { KnowledgeBase } from "../index/knowledge-base.js";
import type { Speaker } from "../speakers/types.js";
import { HybridRetriever } from "../retrieval/hybrid-retriever.js";
import { COMMON_WORDS, contentTerms, stem } from "../text/tokenize.js";
import { CitationList } from "./citations.js";
import { joinNames, reportUnit, unitOf, type Unit } from "./compose.js";
import { NUMBER_RE, withoutPercentages } from "./patterns.js";
import type { Question } from "./question/index.js";
import { SentenceIndex, type SentenceHit, type SentenceRef } from "./sentence-index.js";
import type { Answer } from "./types.js";

/** Below this share of a question's weight, a passage does not answer it. */
export const MIN_COVERAGE = 0.5;

/**
 * What every question kind answers with: the knowledge base, the sentence
 * index and the retriever, and the small steps they share (a speaker's
 * claims, the best passages, refusals that say what the article covers).
 */
export class AnswerKit {
  readonly index: SentenceIndex;
  readonly retriever: HybridRetriever;

  constructor(readonly kb: KnowledgeBase) {
    this.index = new SentenceIndex(kb);
    this.retriever = new HybridRetriever(kb);
  }

  citations(): CitationList {
    return new CitationList(this.kb);
  }

  answer(q: Question, text: string, c: CitationList, extra: Partial<Answer> = {}): Answer {
    return { question: q.text, answer: text, answerable: true, citations: c.citations, mode: "answer", ...extra };
  }

  report(unit: Unit, c: CitationList): string {
    return reportUnit(this.kb, unit, c);
  }

  unit(ref: Pick<SentenceRef, "docId" | "sentence">): Unit {
    return unitOf(this.kb, ref.docId, ref.sentence);
  }

  /** A speaker's claims, each quotation spread over several sentences taken as one unit. */
  speakerUnits(sp: Speaker, shown?: Set<string>): Unit[] {
    const sentences = this.kb.sentences(sp.docId);
    const units: Unit[] = [];
    for (const i of sp.claims) {
      if (units.some((u) => u.sentences.some((s) => s.index === i))) continue;
      const u = unitOf(this.kb, sp.docId, sentences[i]);
      if (shown && u.sentences.every((s) => shown.has(`${sp.docId}:${s.index}`))) continue;
      units.push(u);
    }
    return units;
  }

  /** The claim that best stands for a speaker: a quotation or a "that" clause, else their first claim. */
  keyClaim(sp: Speaker, maxChars = Infinity, shown?: Set<string>): Unit | null {
    const units = this.speakerUnits(sp, shown);
    if (units.length === 0) return null;
    const length = (u: Unit) => u.sentences.reduce((n, s) => n + s.text.length, 0);
    const substantive = units.filter((u) => u.sentences.some((s) => /["“”]|\bthat\b/.test(s.text) && s.index !== sp.introduced));
    const pool = substantive.length ? substantive : units;
    // For a summary, the first substantive claim that is short enough, else the shortest.
    return pool.find((u) => length(u) <= maxChars) ?? [...pool].sort((a, b) => length(a) - length(b))[0];
  }

  /** The best one or two passages: the top hit, and a second if it is nearly as good and says something else. */
  bestUnits(hits: SentenceHit[], max: number): Unit[] {
    const units: Unit[] = [];
    const top = hits[0];
    for (const h of hits) {
      if (units.length >= max) break;
      if (h !== top && (h.coverage < top.coverage - 0.15 || h.score < top.score * 0.6)) break;
      const u = this.unit(h.ref);
      if (units.some((x) => x.docId === u.docId && x.sentences[0].index === u.sentences[0].index)) continue;
      units.push(u);
    }
    return units;
  }

  /**
   * A named speaker's passage that has the question's distinctive words, and
   * lacks only words the article never uses ("at risk" for "would collapse"):
   * a paraphrase, not a different topic. A word used elsewhere in the article
   * but not here means the speaker did not speak of it.
   */
  paraphrased(topic: string[], hit: SentenceHit): boolean {
    const missing = topic.filter((t) => this.index.contains(hit.ref, t) === 0);
    const present = topic.filter((t) => this.index.contains(hit.ref, t) > 0 && !COMMON_WORDS.has(t));
    // Two words of the topic at least: one shared word and an unknown one is another subject ("X on a vaccine").
    return present.length >= 2 && missing.length <= 1 && missing.every((t) => !this.index.known(t));
  }

  /** Speakers whose role holds most of the topic's weight; the best fit only. */
  speakersByRole(topic: string[]): Speaker[] {
    if (topic.length === 0) return [];
    const total = topic.reduce((s, t) => s + this.index.idf(t), 0);
    const scored = this.kb.speakers.map((sp) => {
      const role = new Set([...contentTerms(sp.role ?? ""), ...sp.aliases.map(stem)]);
      const covered = topic.filter((t) => role.has(t)).reduce((s, t) => s + this.index.idf(t), 0);
      return { sp, share: total ? covered / total : 0 };
    });
    const best = Math.max(0, ...scored.map((s) => s.share));
    return best >= 0.6 ? scored.filter((s) => s.share === best).map((s) => s.sp) : [];
  }

  /** A question asking for a figure, and a passage without one. */
  lacksNumber(q: Question, hit: SentenceHit): boolean {
    if (!q.wantsNumber) return false;
    const sentence = /\bhow many\b/i.test(q.text) ? withoutPercentages(hit.ref.sentence.text) : hit.ref.sentence.text;
    const text = sentence.replace(/\b(one of|no one|someone|anyone)\b/gi, "");
    // "How long …?" is also answered by "less than a minute", "within days".
    const duration = /\bhow long\b/i.test(q.text) && /\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b/i.test(text);
    return !NUMBER_RE.test(text) && !duration;
  }

  lowerReport(ref: SentenceRef, c: CitationList): string {
    const r = this.report(this.unit(ref), c);
    return r.charAt(0).toLowerCase() + r.slice(1);
  }

  refuse(q: Question | string, message: string, extra: Partial<Answer> = {}): Answer {
    return { question: typeof q === "string" ? q : q.text, answer: message, answerable: false, citations: [], mode: "refusal", ...extra };
  }

  notCovered(q: Question, lead = "The article does not cover that."): Answer {
    return this.refuse(q, `${lead} ${this.coverageHint()}`);
  }

  coverageHint(): string {
    const titles = this.kb.articles.map((a) => `“${a.title}”`);
    const names = this.kb.speakers.map((s) => s.name);
    const who = names.length ? ` You can ask what ${joinNames(names.slice(0, 8))}${names.length > 8 ? " and others" : ""} said.` : "";
    return `It reports on ${joinNames(titles)}.${who}`;
  }
}

export type KindAnswer = (kit: AnswerKit, q: Question) => Answer;
