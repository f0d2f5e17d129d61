import type { KnowledgeBase } from "./index/knowledge-base.js";
import { ExtractiveAnswerer } from "./answer/extractive-answerer.js";
import type { Verdict } from "./answer/kinds/verify.js";
import type { ChatLine, Recap } from "./answer/recap.js";
import { findSpeakersRu } from "./answer/russian/names.js";
import { russianLocale } from "./answer/russian/locale.js";
import { resolveSpeakers } from "./answer/question/index.js";
import { CitationList } from "./answer/citations.js";
import { reportUnit, unitOf } from "./answer/compose.js";
import type { Answer, Answerer, Citation } from "./answer/types.js";
import { digest, type Digest, type DigestOptions } from "./answer/digest.js";
import type { Speaker } from "./speakers/types.js";
import { wordTokens } from "./text/tokenize.js";
import { emptyConversation, remember, type ConversationState } from "./answer/conversation.js";
import { stripFormatChars } from "./text/format-chars.js";
import { canSummarise, limitsAskers, type Asker } from "./llm/llm-answerer.js";

export interface SpeakerEntry {
  name: string;
  role: string | null;
  claims: { text: string; paragraph: number }[];
}

export interface Summary {
  summary: string;
  citations: Citation[];
  /** As in an Answer: who wrote the summary, and why the model's was not used. */
  answerer?: Answer["answerer"];
  fallback?: string;
}

export interface SourceInfo {
  title: string;
  date: string | null;
  url: string | null;
  label: string | null;
}

/**
 * The product's core, as the bot, the CLIs and the tests see it. It knows
 * nothing about Telegram or terminals.
 */
export class EventQa {
  readonly answerer: Answerer;
  private readonly extractive: ExtractiveAnswerer;

  /** `answerer` may be given as a wrapper of the offline answerer, such as the LLM answerer. */
  constructor(
    readonly kb: KnowledgeBase,
    answerer?: Answerer | ((offline: ExtractiveAnswerer) => Answerer),
  ) {
    this.extractive = new ExtractiveAnswerer(kb);
    this.answerer = typeof answerer === "function" ? answerer(this.extractive) : (answerer ?? this.extractive);
  }

  /** `asker` says who asks, for limits per person such as the model's daily limit. */
  ask(question: string, context?: ConversationState, asker?: Asker): Promise<Answer> {
    const q = stripFormatChars(question);
    if (asker && limitsAskers(this.answerer)) return this.answerer.answerFor(asker, q, context);
    return this.answerer.answer(q, context);
  }

  /** A conversation: each question may refer back to the answers before it ("what else did he say?"). */
  conversation(state?: ConversationState, clock: () => number = Date.now): Conversation {
    return new Conversation(this, state, clock);
  }

  /** /check: what the article makes of a claim (supported, someone else's words, otherwise, not said), with citations. */
  check(claim: string): Promise<Answer & { verdict: Verdict }> {
    return this.extractive.check(stripFormatChars(claim));
  }

  /** /recap: what members of a group said about the event, point by point, checked against the article. */
  recap(lines: ChatLine[]): Recap {
    return this.extractive.recap(lines.map((l) => ({ ...l, text: stripFormatChars(l.text) })));
  }

  /** Everyone who spoke, in order of appearance, with their claims. */
  speakers(): SpeakerEntry[] {
    return this.kb.speakers.map((sp) => ({
      name: sp.name,
      role: sp.role,
      claims: sp.claims.map((i) => {
        const s = this.kb.sentence(sp.docId, i);
        return { text: s.text, paragraph: s.paragraph };
      }),
    }));
  }

  /** Finds speakers by a name as a user types it: surname, misspelt, any case. */
  findSpeakers(query: string): Speaker[] {
    const words = wordTokens(stripFormatChars(query)).map((t) => t.text);
    // "Грачёв", "Петрову": a name in Cyrillic, in any case, matched by transliteration.
    if (words.some((w) => /\p{Script=Cyrillic}/u.test(w))) return findSpeakersRu(this.kb, words, russianLocale()).speakers;
    return resolveSpeakers(this.kb, words).speakers;
  }

  /** One speaker's claims as a cited answer. */
  speakerClaims(sp: Speaker): Answer {
    const c = new CitationList(this.kb);
    const seen = new Set<number>();
    const parts: string[] = [];
    for (const i of sp.claims) {
      if (seen.has(i)) continue;
      const unit = unitOf(this.kb, sp.docId, this.kb.sentence(sp.docId, i));
      unit.sentences.forEach((s) => seen.add(s.index));
      parts.push(reportUnit(this.kb, unit, c));
    }
    const answer = parts.length ? parts.join(" ") : `The article names ${sp.name} but reports no claim of theirs.`;
    return { question: sp.name, answer, answerable: parts.length > 0, citations: c.citations };
  }

  summary(): Summary {
    const s = this.extractive.summaryAnswer();
    return { summary: s.answer, citations: s.citations };
  }

  /** A digest for a group chat: a line on the event, one per speaker, one on the ending. */
  digest(options: DigestOptions = {}): Digest {
    return digest(this.kb, options);
  }

  /** The summary through the model when one is configured, else the offline one. */
  async summarise(): Promise<Summary> {
    if (!canSummarise(this.answerer)) return this.summary();
    const s = await this.answerer.summarise({ question: "", ...this.extractive.summaryAnswer() });
    return { summary: s.answer, citations: s.citations, answerer: s.answerer, ...(s.fallback ? { fallback: s.fallback } : {}) };
  }

  sources(): SourceInfo[] {
    return this.kb.articles.map((a) => ({ title: a.title, date: a.date, url: a.sourceUrl, label: a.sourceLabel }));
  }
}

/** One chat's questions in order, with the context that follow-ups need. */
export class Conversation {
  constructor(
    private readonly qa: EventQa,
    public state: ConversationState = emptyConversation(),
    private readonly clock: () => number = Date.now,
  ) {}

  async ask(question: string, asker?: Asker): Promise<Answer> {
    const answer = await this.qa.ask(question, this.state, asker);
    this.state = remember(this.qa.kb, this.state, answer, this.clock());
    return answer;
  }
}
