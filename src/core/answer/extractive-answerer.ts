import type { KnowledgeBase } from "../index/knowledge-base.js";
import type { Speaker } from "../speakers/types.js";
import { CitationList, validateCitations } from "./citations.js";
import { joinNames, nameWithRole, numberWord, reportUnit, unitOf, type Unit } from "./compose.js";
import { analyseQuestion, type Question } from "./question.js";
import { HybridRetriever } from "../retrieval/hybrid-retriever.js";
import { SentenceIndex, type SentenceHit, type SentenceRef } from "./sentence-index.js";
import type { Answer, Answerer } from "./types.js";
import { COMMON_WORDS, STOP_WORDS, contentTerms, stem, wordTokens } from "../text/tokenize.js";
import {
  GENERIC_REPORTING,
  NUMBER_RE,
  ROLE_VERBS,
  SMALL_TALK,
  TIME_RE,
  capitalise,
  hasReportingVerb,
  scriptOf,
  stripMarkup,
  withoutPercentages,
} from "./patterns.js";
import { equivalents } from "../text/synonyms.js";
import { AGREE_RE, DISAGREE_RE } from "../speakers/lexicon.js";

/** Below this share of a question's weight, a passage does not answer it. */
const MIN_COVERAGE = 0.5;
/** A yes to "did X say …?" needs most of the claim's weight in one passage. */
const VERIFY_COVERAGE = 0.6;

/**
 * Answers from the article's own sentences, with no language model: reads the
 * question, picks the passages, and attributes every claim to its speaker.
 */
export class ExtractiveAnswerer implements Answerer {
  private readonly index: SentenceIndex;
  private readonly retriever: HybridRetriever;
  private corpusScripts: Set<string> | undefined;

  constructor(private readonly kb: KnowledgeBase) {
    this.index = new SentenceIndex(kb);
    this.retriever = new HybridRetriever(kb);
  }

  async answer(question: string): Promise<Answer> {
    const text = question.trim();
    if (!/[\p{L}\p{N}]/u.test(text)) {
      return this.refuse(text, "That does not look like a question. Ask about the event, for example: who spoke, or what one of the speakers said.");
    }
    if (SMALL_TALK.test(text)) {
      const lead = /thank|thx/i.test(text) ? "You're welcome!" : /bye|night/i.test(text) ? "Goodbye!" : "Hello!";
      return { ...this.refuse(text, `${lead} Ask me about the event: who spoke, what someone said, or for a summary.`), mode: "smalltalk" };
    }
    if (!this.sameScript(text)) {
      return this.refuse(text, "Please ask in the language of the article; I match questions against its own words.");
    }
    const cleaned = stripMarkup(text);
    const q = analyseQuestion(this.kb, cleaned);
    // The hybrid retriever's ranking of paragraphs breaks ties between sentences that match alike.
    const ranked = await this.retriever.search(cleaned, 8);
    ranked.forEach((r, i) => q.prior.set(`${r.chunk.metadata.docId}#${r.chunk.metadata.paragraph}`, 0.5 / (1 + i)));
    const answer = { ...this.dispatch(q), question: text };
    const problems = validateCitations(this.kb, answer);
    if (problems.length) throw new Error(`Invalid citations: ${problems.join("; ")}`);
    return answer;
  }

  private dispatch(q: Question): Answer {
    if (q.unknownNames.length > 0 && q.kind !== "summary") {
      return this.refuse(
        q.text,
        `The article does not mention ${joinNames(q.unknownNames)}. ${this.coverageHint()}`,
      );
    }
    if (q.absentPerson) {
      return this.refuse(q.text, `The article does not report anything said by ${q.absentPerson}. ${this.coverageHint()}`);
    }
    // What the question is about comes first ("What is the weather …", "How many seats …"); if the corpus never uses that word, it does not cover the question.
    const focus = q.topic.find((t) => !COMMON_WORDS.has(t));
    if (focus && !this.index.known(focus) && ["verify", "who", "topic", "when", "where"].includes(q.kind)) {
      return this.notCovered(q);
    }
    switch (q.kind) {
      case "summary":
        return { question: q.text, ...this.summaryAnswer() };
      case "speakers":
        return this.speakersAnswer(q);
      case "count":
        return this.countAnswer(q);
      case "role":
        return this.roleAnswer(q);
      case "agreement":
        return this.agreementAnswer(q);
      case "consensus":
        return this.consensusAnswer(q);
      case "verify":
        return this.verifyAnswer(q);
      case "claims":
        return this.claimsAnswer(q);
      case "who":
        return this.whoAnswer(q);
      default:
        return this.topicAnswer(q);
    }
  }

  /** A cited summary: what the event was, one point per speaker, and how it ended. */
  summaryAnswer(): { answer: string; answerable: boolean; citations: Answer["citations"] } {
    const c = new CitationList(this.kb);
    const parts: string[] = [];
    for (const article of this.kb.articles) {
      const sentences = this.kb.sentences(article.id);
      const opening = sentences.find((s) => !this.kb.speakerOf(article.id, s.index));
      if (opening) parts.push(`${opening.text} ${c.cite(article.id, opening)}`);
      for (const sp of this.kb.speakers.filter((x) => x.docId === article.id)) {
        const claim = this.keyClaim(sp, 260);
        if (claim) parts.push(reportUnit(this.kb, claim, c));
      }
      const closing = [...sentences].reverse().find((s) => !this.kb.speakerOf(article.id, s.index) && s !== opening);
      const lastParagraph = article.paragraphs.at(-1)!.sentences;
      if (closing && closing.paragraph === article.paragraphs.length) {
        parts.push(reportUnit(this.kb, { docId: article.id, sentences: [lastParagraph.find((s) => !this.kb.speakerOf(article.id, s.index))!], speaker: null }, c));
      }
    }
    return { answer: parts.join(" "), answerable: parts.length > 0, citations: c.citations };
  }

  /** The claim that best stands for a speaker: a quotation or a "that" clause, else their first claim. */
  private keyClaim(sp: Speaker, maxChars = Infinity): Unit | null {
    const units = this.speakerUnits(sp);
    if (units.length === 0) return null;
    const length = (u: Unit) => u.sentences.reduce((n, s) => n + s.text.length, 0);
    const substantive = units.filter((u) => u.sentences.some((s) => /["“”]|\bthat\b/.test(s.text) && s.index !== sp.introduced));
    const pool = substantive.length ? substantive : units;
    // For a summary, the first substantive claim that is short enough, else the shortest.
    return pool.find((u) => length(u) <= maxChars) ?? [...pool].sort((a, b) => length(a) - length(b))[0];
  }

  private speakerUnits(sp: Speaker): Unit[] {
    const sentences = this.kb.sentences(sp.docId);
    const units: Unit[] = [];
    for (const i of sp.claims) {
      if (units.some((u) => u.sentences.some((s) => s.index === i))) continue;
      units.push(unitOf(this.kb, sp.docId, sentences[i]));
    }
    return units;
  }

  private speakersAnswer(q: Question, count = false): Answer {
    if (this.kb.speakers.length === 0) return this.refuse(q.text, "The article does not name anyone who spoke.");
    const c = new CitationList(this.kb);
    const excluded = new Set(q.exclude ? q.speakers.map((s) => s.id) : []);
    const list = this.kb.speakers.filter((sp) => !excluded.has(sp.id)).map((sp) => `${nameWithRole(sp)} ${c.cite(sp.docId, this.kb.sentence(sp.docId, sp.introduced))}`);
    const n = this.kb.speakers.length;
    const lead = count
      ? `${capitalise(numberWord(n))} ${n === 1 ? "person spoke" : "people spoke"}: `
      : excluded.size
        ? `Besides ${joinNames(q.speakers.map((s) => s.name))}, the speakers were `
        : `The speakers were `;
    return { question: q.text, answer: `${lead}${joinNames(list)}.`, answerable: true, citations: c.citations };
  }

  /**
   * "How many guests attended?": a figure the article gives next to that noun;
   * "How many people spoke?": the speakers, counted.
   */
  private countAnswer(q: Question): Answer {
    const noun = /\bhow many\s+(\p{L}+)/iu.exec(q.text)?.[1];
    const aboutSpeakers = !noun || /^speak/i.test(noun) || /\b(spoke|speak|speakers|talked|addressed)\b/i.test(q.text);
    if (!aboutSpeakers) {
      const counted = stem(this.kb.vocabulary.correct(noun) ?? noun);
      // "How many people attended?": the noun, or the verb of taking part, next to a number.
      const verbs = contentTerms(q.text).filter((t) => /^(attend|particip|gather|took|join|came|come|regist|visit)/.test(t));
      const hits = this.index
        .search([counted, ...verbs], undefined, q.prior)
        .filter((h) => NUMBER_RE.test(withoutPercentages(h.ref.sentence.text)));
      // Best: a number right before the noun ("twelve countries", "about sixty guests").
      const near = (text: string) =>
        wordTokens(withoutPercentages(text)).some(
          (t, i, all) =>
            [counted, ...verbs].some((c) => equivalents(c).includes(stem(t.text))) && all.slice(Math.max(0, i - 6), i).some((w) => NUMBER_RE.test(w.text)),
        );
      hits.sort((a, b) => Number(near(b.ref.sentence.text)) - Number(near(a.ref.sentence.text)));
      if (hits[0]) {
        const c = new CitationList(this.kb);
        return { question: q.text, answer: reportUnit(this.kb, unitOf(this.kb, hits[0].ref.docId, hits[0].ref.sentence), c), answerable: true, citations: c.citations };
      }
      // Participants, people, experts: the speakers are the ones the article counts by name.
      if (!/^(participants?|people|persons?|experts?|panell?ists?|members?)$/i.test(noun)) {
        return this.notCovered(q, "The article does not give that figure.");
      }
    }
    return this.speakersAnswer(q, true);
  }

  private roleAnswer(q: Question): Answer {
    // "Which party is X from?" when the role names no party: what X said may.
    const asked = q.topic.filter((t) => !ROLE_VERBS.has(t));
    if (asked.length > 0 && q.speakers.every((sp) => !asked.some((t) => contentTerms(sp.role ?? "").some((r) => equivalents(t).includes(r))))) {
      const said = this.claimsAnswer(q);
      if (said.answerable) return said;
    }
    const c = new CitationList(this.kb);
    const parts = q.speakers.map((sp) => {
      const marker = c.cite(sp.docId, this.kb.sentence(sp.docId, sp.introduced));
      return sp.role ? `${sp.name} is introduced as ${sp.role} ${marker}.` : `${sp.name} speaks in the article, which gives no role ${marker}.`;
    });
    return { question: q.text, answer: parts.join(" "), answerable: true, citations: c.citations };
  }

  private agreementAnswer(q: Question): Answer {
    const stance = q.stance ?? "agree";
    const named = new Set(q.speakers.map((s) => s.id));
    const found = this.kb.analysis.agreements.filter(
      (a) =>
        a.stance === stance &&
        (named.size === 0 || (q.agreementRole === "object" ? named.has(a.withSpeakerId) : named.has(a.speakerId) || named.has(a.withSpeakerId))),
    );
    const verb = stance === "agree" ? "agreed with" : "disagreed with";
    if (found.length === 0) {
      const who = q.speakers.length ? ` ${q.agreementRole === "object" ? "with" : "by"} ${joinNames(q.speakers.map((s) => s.name))}` : "";
      return this.refuse(q.text, `The article does not report any ${stance === "agree" ? "agreement" : "disagreement"}${who}. ${this.coverageHint()}`);
    }
    const c = new CitationList(this.kb);
    const parts = found.map((a) => {
      const sp = this.kb.speaker(a.speakerId)!;
      const other = this.kb.speaker(a.withSpeakerId)!;
      const sentence = this.kb.sentence(a.docId, a.sentence);
      const cue = (stance === "agree" ? AGREE_RE : DISAGREE_RE).exec(sentence.text)?.[1] ?? verb;
      return `${sp.name} ${cue} ${other.name} ${c.cite(a.docId, sentence)}.`;
    });
    return { question: q.text, answer: parts.slice(0, 3).join(" "), answerable: true, citations: c.citations };
  }

  /** Sentences in the article's own voice that speak for everyone ("The speakers unanimously noted …"). */
  private consensusAnswer(q: Question): Answer {
    const together = /\b(unanimous(ly)?|all (the )?(speakers|participants)|the (speakers|participants)|its participants|everyone|both|jointly|together)\b/i;
    const refs = this.index.refs.filter((r) => !r.speaker && together.test(r.sentence.text) && hasReportingVerb(r.sentence.text));
    if (refs.length === 0) return this.topicAnswer({ ...q, kind: "topic" });
    const c = new CitationList(this.kb);
    const parts = refs.slice(0, 2).map((r) => reportUnit(this.kb, unitOf(this.kb, r.docId, r.sentence), c));
    return { question: q.text, answer: parts.join(" "), answerable: true, citations: c.citations };
  }

  private claimsAnswer(q: Question): Answer {
    const c = new CitationList(this.kb);
    const parts: string[] = [];
    const missing: Speaker[] = [];
    for (const sp of q.speakers.slice(0, 3)) {
      const units = this.speakerUnits(sp);
      // "What did X hope for?" finds the sentence with "hope"; "What did X promise?", where no sentence has it, is no topic.
      const framed = q.topic.filter((t) => !q.verbTerms.includes(t));
      const covered = (terms: string[]) => (this.index.search(terms, (r) => r.docId === sp.docId && sp.claims.includes(r.sentence.index))[0]?.coverage ?? 0) >= MIN_COVERAGE;
      const topic = framed.length < q.topic.length && !covered(q.topic) ? framed : q.topic;
      if (topic.length === 0 && q.wantsNumber) {
        // "How old is X?": only a claim with a figure could answer.
        missing.push(sp);
        continue;
      }
      if (topic.length === 0) {
        const key = this.keyClaim(sp);
        // One speaker: how they came in and their main point; several: each one's main point.
        const chosen = (q.speakers.length > 1 ? [key] : [units[0], key]).filter(
          (u, i, all): u is Unit => !!u && all.findIndex((x) => x?.sentences[0].index === u.sentences[0].index) === i,
        );
        parts.push(...chosen.map((u) => reportUnit(this.kb, u, c)));
        continue;
      }
      // Between equally good passages, what they said beats the sentence that introduces them.
      const hits = this.index
        .search(topic, (r) => r.docId === sp.docId && sp.claims.includes(r.sentence.index), q.prior)
        .sort((a, b) => b.coverage - a.coverage || Number(a.ref.sentence.index === sp.introduced) - Number(b.ref.sentence.index === sp.introduced));
      const best = hits[0];
      if (!best || (best.coverage < MIN_COVERAGE && !(q.byName && this.paraphrased(topic, best))) || this.lacksNumber(q, best)) {
        missing.push(sp);
        continue;
      }
      const chosen = this.bestUnits(hits, q.speakers.length > 1 ? 1 : 2);
      // "X spoke about the risks." says only what the speaker turned to; the next claim says what they said.
      const [first] = chosen;
      if (chosen.length === 1 && first.sentences[0].index === sp.introduced && !/["“”]|\bthat\b/.test(first.sentences[0].text)) {
        const next = units.find((u) => u.sentences[0].index > sp.introduced && u.sentences[0].paragraph === first.sentences[0].paragraph);
        if (next) chosen.push(next);
      }
      parts.push(...chosen.map((u) => reportUnit(this.kb, u, c)));
    }
    // "What did the scientists and experts conclude?": a group, so the article's own summary may answer.
    if (parts.length === 0 && q.groupRole) {
      const together = this.consensusAnswer({ ...q, speakers: [] });
      if (together.answerable) return together;
    }
    if (parts.length === 0 && q.alternates.length > 0 && q.topic.length > 0) {
      // "the diplomat who opened the meeting": the best role match may not be the one who said it.
      const retry = this.claimsAnswer({ ...q, speakers: q.alternates, alternates: [] });
      if (retry.answerable) return retry;
    }
    if (parts.length === 0) {
      const sp = missing[0] ?? q.speakers[0];
      const pointer = this.keyClaim(sp);
      const lead = q.wantsNumber
        ? `The article does not give that figure for ${sp.name}.`
        : `The article does not report what ${sp.name} said about “${q.topicText}”.`;
      const hint = pointer ? ` What it reports from ${sp.name}: ${reportUnit(this.kb, pointer, c)}` : "";
      return { question: q.text, answer: `${lead}${hint}`, answerable: false, citations: c.citations };
    }
    return { question: q.text, answer: parts.join(" "), answerable: true, citations: c.citations };
  }

  private whoAnswer(q: Question): Answer {
    // "Who represented the Senate?": the question describes someone's role rather than a claim.
    // Not when it asks what someone said: "Who spoke about cooperation with X?" is about a claim.
    const asksForClaim = /\b(about|that|on|say|said|says|talk|talked|spoke|speak|mention|mentioned|discuss|discussed|argue|argued|claim|claimed|think|thought|believe|believed|call|called|note|noted|stress|stressed)\b/i.test(q.text);
    // "Who runs X?", "Who heads X?": the verb names the role.
    const roleTopic = q.topic.filter((t) => !ROLE_VERBS.has(t));
    const byRole = asksForClaim ? [] : this.speakersByRole(roleTopic);
    if (byRole.length === 1) return this.roleAnswer({ ...q, speakers: byRole });
    const hits = this.index.search(q.topic, undefined, q.prior).filter((h) => h.coverage >= MIN_COVERAGE && !this.lacksNumber(q, h));
    if (hits.length === 0) return this.notCovered(q);
    const best = hits[0];
    const bySpeaker = new Map<string, SentenceHit>();
    for (const h of hits) {
      if (!h.ref.speaker) continue;
      const prev = bySpeaker.get(h.ref.speaker.id);
      if (!prev) bySpeaker.set(h.ref.speaker.id, h);
    }
    // Keep speakers whose best passage is nearly as good as the best one.
    const chosen = [...bySpeaker.values()].filter((h) => h.coverage >= best.coverage - 0.2 && h.coverage >= MIN_COVERAGE);
    const many = /\b(which|what) (speakers|participants|experts|people)\b|\bwho (all|else)\b/i.test(q.text);
    const c = new CitationList(this.kb);
    if (chosen.length === 0) {
      return { question: q.text, answer: `No named speaker says this; ${this.lowerReport(best.ref, c)}`, answerable: true, citations: c.citations };
    }
    const parts = chosen.slice(0, many ? 8 : 3).map((h) => reportUnit(this.kb, unitOf(this.kb, h.ref.docId, h.ref.sentence), c));
    return { question: q.text, answer: parts.join(" "), answerable: true, citations: c.citations };
  }

  private verifyAnswer(q: Question): Answer {
    const c = new CitationList(this.kb);
    // "Is Roe an analyst?": a question about a speaker's role.
    if (q.speakers.length === 1 && q.topic.length > 0 && q.speakers[0].role) {
      const sp = q.speakers[0];
      const roleTerms = new Set([...contentTerms(sp.role ?? ""), ...sp.aliases.map(stem)]);
      if (q.topic.every((t) => equivalents(t).some((e) => roleTerms.has(e)))) {
        const marker = c.cite(sp.docId, this.kb.sentence(sp.docId, sp.introduced));
        return { question: q.text, answer: `Yes: the article introduces ${sp.name} as ${sp.role} ${marker}.`, answerable: true, citations: c.citations };
      }
    }
    if (q.topic.length === 0) return q.speakers.length ? this.claimsAnswer(q) : this.notCovered(q);
    const hits = this.index.search(q.topic, undefined, q.prior);
    const best = hits[0];
    // "Did X criticize …?": a verb that takes a side must be in the passage, not just its subject matter.
    const marked = q.verbTerms.filter((t) => !GENERIC_REPORTING.has(t));
    const takesSide = !best || marked.every((t) => this.index.contains(best.ref, t) > 0);
    if (!best || best.coverage < VERIFY_COVERAGE || this.lacksNumber(q, best) || !takesSide) {
      return this.notCovered(q, "The article does not say that.");
    }
    const unit = unitOf(this.kb, best.ref.docId, best.ref.sentence);
    const report = reportUnit(this.kb, unit, c);
    const sp = best.ref.speaker;
    if (q.speakers.length > 0 && (!sp || !q.speakers.some((x) => x.id === sp.id))) {
      const asked = joinNames(q.speakers.map((x) => x.name));
      const actual = sp ? sp.name : "the article itself, not a named speaker";
      return { question: q.text, answer: `Not ${asked}: the article attributes this to ${actual}. ${report}`, answerable: true, citations: c.citations };
    }
    return { question: q.text, answer: `Yes. ${report}`, answerable: true, citations: c.citations };
  }

  private topicAnswer(q: Question): Answer {
    if (q.kind === "when" || q.kind === "where") return this.placeOrTimeAnswer(q);
    // "What was discussed?", "What was the event about?": what the article opens with.
    if (q.topic.length === 0) return this.overviewAnswer(q);
    if (q.listOf) {
      const listed = this.entityListAnswer(q, q.listOf);
      if (listed) return listed;
    }
    const hits = this.index.search(q.topic, undefined, q.prior).filter((h) => !this.lacksNumber(q, h));
    const best = hits[0];
    if (!best || best.coverage < MIN_COVERAGE) return this.notCovered(q);
    const c = new CitationList(this.kb);
    const parts = this.bestUnits(hits, 2).map((u) => reportUnit(this.kb, u, c));
    return { question: q.text, answer: parts.join(" "), answerable: true, citations: c.citations };
  }

  private placeOrTimeAnswer(q: Question): Answer {
    const c = new CitationList(this.kb);
    const eventLevel = q.topic.length === 0;
    // Where the event was: a named place. Where something else goes or happens: whatever the best passage says.
    const pattern = q.kind === "when" ? TIME_RE : eventLevel ? /\b(?:at|in) (?:the )?\p{Lu}/u : /./;
    let hits = eventLevel
      ? this.index.refs.filter((r) => !r.speaker && pattern.test(r.sentence.text)).map((ref) => ({ ref, score: 1, coverage: 1 }))
      : this.index
          // "Where did the ministers meet?" is about the event, not about one of them.
          .search(q.topic, (r) => q.groupRole || q.speakers.length === 0 || q.speakers.some((sp) => sp.id === r.speaker?.id), q.prior)
          .filter((h) => h.coverage >= MIN_COVERAGE && pattern.test(h.ref.sentence.text));
    // "Where did they meet?" is about what happened; "When will they meet again?" about what is planned.
    const future = (s: string) => /\b(will|would|next|again|plans?|planned|going to|upcoming)\b/i.test(s);
    const wantsFuture = future(q.text);
    // And a "where" is best answered by a passage that names a place.
    const place = (s: string) => q.kind === "where" && /\b(?:at|in) (?:the )?\p{Lu}/u.test(s);
    const rank = (h: SentenceHit) => Number(future(h.ref.sentence.text) !== wantsFuture) * 2 + Number(!place(h.ref.sentence.text));
    hits = [...hits].sort((a, b) => rank(a) - rank(b));
    const best = hits[0];
    const article = this.kb.articles[0];
    if (!best) {
      if (q.kind === "when" && eventLevel && article.date) {
        return { question: q.text, answer: `The article is dated ${article.date} ${c.citeHeader(article.id, article.date)}.`, answerable: true, citations: c.citations };
      }
      return this.notCovered(q);
    }
    const doc = this.kb.article(best.ref.docId);
    const unit = unitOf(this.kb, best.ref.docId, best.ref.sentence);
    const relative = /\b(today|yesterday|tomorrow|tonight|this (week|month|year)|last (week|month|year)|(mon|tues|wednes|thurs|fri|satur|sun)day)\b/i.test(best.ref.sentence.text);
    if (q.kind === "when" && doc.date && (relative || !TIME_RE.test(best.ref.sentence.text))) {
      // A relative date ("today") is anchored by the article's date line.
      const marker = c.citeHeader(doc.id, doc.date);
      const report = reportUnit(this.kb, unit, c);
      return { question: q.text, answer: `The article is dated ${doc.date}${marker ? ` ${marker}` : ""}. ${report}`, answerable: true, citations: c.citations };
    }
    return { question: q.text, answer: reportUnit(this.kb, unit, c), answerable: true, citations: c.citations };
  }

  private overviewAnswer(q: Question): Answer {
    const c = new CitationList(this.kb);
    const parts = this.kb.articles.flatMap((a) => {
      const opening = this.kb.sentences(a.id).find((s) => !this.kb.speakerOf(a.id, s.index));
      return opening ? [reportUnit(this.kb, unitOf(this.kb, a.id, opening), c)] : [];
    });
    if (parts.length === 0) return this.notCovered(q);
    return { question: q.text, answer: parts.join(" "), answerable: true, citations: c.citations };
  }

  /**
   * "Which parties were mentioned?": names written next to the asked noun
   * ("the X party", "another party, Y,"), each cited where it stands.
   */
  private entityListAnswer(q: Question, noun: string): Answer | null {
    const c = new CitationList(this.kb);
    const found = new Map<string, { refs: SentenceRef[] }>();
    const name = String.raw`((?:\p{Lu}[\p{L}'’-]*)(?:\s+\p{Lu}[\p{L}'’-]*){0,3})`;
    for (const ref of this.index.refs) {
      if (!ref.terms.has(noun)) continue;
      const text = ref.sentence.text;
      const patterns = [new RegExp(String.raw`${name}(?:\s*\([^)]*\))?\s+(\p{L}+)`, "gu"), new RegExp(String.raw`(\p{L}+),?\s+${name}`, "gu")];
      for (const [k, re] of patterns.entries()) {
        for (const m of text.matchAll(re)) {
          const [entity, word] = k === 0 ? [m[1], m[2]] : [m[2], m[1]];
          if (stem(word) !== noun) continue;
          const clean = entity.replace(/^(The|A|An|His|Her|Its|Their|Another)\s+/, "");
          if (!clean || STOP_WORDS.has(clean.toLowerCase()) || /^(The|A|An)$/.test(clean)) continue;
          const entry = found.get(clean) ?? { refs: [] };
          if (!entry.refs.includes(ref)) entry.refs.push(ref);
          found.set(clean, entry);
        }
      }
    }
    if (found.size === 0) return null;
    const items = [...found].map(([entity, { refs }]) => {
      const by = refs.map((r) => `${r.speaker ? `${r.speaker.name} ` : ""}${c.cite(r.docId, r.sentence)}`);
      return `${entity} (${by.join(", ")})`;
    });
    const lead = `The article mentions ${numberWord(found.size)}: `;
    return { question: q.text, answer: `${lead}${joinNames(items)}.`, answerable: true, citations: c.citations };
  }

  /** The best one or two passages: the top hit, and a second if it is nearly as good and says something else. */
  private bestUnits(hits: SentenceHit[], max: number): Unit[] {
    const units: Unit[] = [];
    const top = hits[0];
    for (const h of hits) {
      if (units.length >= max) break;
      if (h !== top && (h.coverage < top.coverage - 0.15 || h.score < top.score * 0.6)) break;
      const u = unitOf(this.kb, h.ref.docId, h.ref.sentence);
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
  private paraphrased(topic: string[], hit: SentenceHit): boolean {
    const missing = topic.filter((t) => this.index.contains(hit.ref, t) === 0);
    const present = topic.filter((t) => this.index.contains(hit.ref, t) > 0 && !COMMON_WORDS.has(t));
    return present.length > 0 && missing.every((t) => !this.index.known(t));
  }

  /** Speakers whose role holds most of the topic's weight; the best fit only. */
  private speakersByRole(topic: string[]): Speaker[] {
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

  private lacksNumber(q: Question, hit: SentenceHit): boolean {
    if (!q.wantsNumber) return false;
    const sentence = /\bhow many\b/i.test(q.text) ? withoutPercentages(hit.ref.sentence.text) : hit.ref.sentence.text;
    const text = sentence.replace(/\b(one of|no one|someone|anyone)\b/gi, "");
    // "How long …?" is also answered by "less than a minute", "within days".
    const duration = /\bhow long\b/i.test(q.text) && /\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b/i.test(text);
    return !NUMBER_RE.test(text) && !duration;
  }

  private lowerReport(ref: SentenceRef, c: CitationList): string {
    const r = reportUnit(this.kb, unitOf(this.kb, ref.docId, ref.sentence), c);
    return r.charAt(0).toLowerCase() + r.slice(1);
  }

  private notCovered(q: Question, lead = "The article does not cover that."): Answer {
    const c = new CitationList(this.kb);
    return { question: q.text, answer: `${lead} ${this.coverageHint()}`, answerable: false, citations: c.citations };
  }

  private coverageHint(): string {
    const titles = this.kb.articles.map((a) => `“${a.title}”`);
    const names = this.kb.speakers.map((s) => s.name);
    const who = names.length ? ` You can ask what ${joinNames(names.slice(0, 8))}${names.length > 8 ? " and others" : ""} said.` : "";
    return `It reports on ${joinNames(titles)}.${who}`;
  }

  /** Whether the question is written in a script the corpus uses (Latin, Cyrillic, …). */
  private sameScript(text: string): boolean {
    const scripts = (s: string) => new Set([...s.matchAll(/\p{L}/gu)].map((m) => scriptOf(m[0])));
    this.corpusScripts ??= scripts(this.kb.articles.map((a) => a.text).join(" "));
    const asked = scripts(text);
    return asked.size === 0 || [...asked].some((s) => this.corpusScripts!.has(s));
  }

  private refuse(question: string, message: string): Answer {
    return { question, answer: message, answerable: false, citations: [] };
  }
}
