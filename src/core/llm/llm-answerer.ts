import type { KnowledgeBase } from "../index/knowledge-base.js";
import { CitationList, validateCitations } from "../answer/citations.js";
import type { Answer, Answerer } from "../answer/types.js";
import type { ConversationState } from "../answer/conversation.js";
import { HybridRetriever } from "../retrieval/hybrid-retriever.js";
import { ChatClient, type ChatResult } from "./chat-client.js";
import { CircuitBreaker } from "./circuit-breaker.js";
import { DailyLimit } from "./daily-limit.js";
import { LruCache } from "./lru-cache.js";
import { MAX_PASSAGES, everyPassage, selectPassages, type Passage } from "./passages.js";
import { SYSTEM_PROMPT, userMessage } from "./prompt.js";
import type { LlmSettings } from "./settings.js";
import { verifyAnswer, type CheckedSentence, type RosterPerson } from "./verify.js";

/** The part of a pino logger the answerer uses. */
export interface LlmLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** What the model did, summed over every question: `npm run eval -- --llm` reports it. */
export interface LlmStats {
  /** Questions sent to the model. */
  asked: number;
  /** Answers shown as the model wrote them (after verification). */
  used: number;
  /** Answers not used, by reason ("timeout", "unsupported"). */
  fallbacks: Record<string, number>;
  /** Sentences the model wrote about the event, and how many of them verification dropped. */
  sentences: number;
  dropped: number;
  inputTokens: number;
  outputTokens: number;
  modelMs: number;
}

/** Who asks a question: the bot passes the Telegram user, for the daily limit. */
export interface Asker {
  userId?: string | number;
}

export interface LlmAnswererOptions {
  logger?: LlmLogger;
  chat?: ChatClient;
  now?: () => number;
  cacheSize?: number;
}

/** Failures in a row before the model is skipped, and for how long. */
const BREAKER = { threshold: 5, coolDownMs: 60_000 };
const CACHE_SIZE = 500;
const SUMMARY_QUESTION = "Summarise the event: what it was, who spoke and what each of them said, and how it ended.";

/**
 * Answers through a language model, checked so that nothing unverified
 * reaches the user. The offline answerer it wraps answers first: its
 * passages go to the model, and its answer is shown whenever the model fails,
 * refuses oddly or says what the passages do not.
 */
export class LlmAnswerer implements Answerer {
  readonly stats: LlmStats = { asked: 0, used: 0, fallbacks: {}, sentences: 0, dropped: 0, inputTokens: 0, outputTokens: 0, modelMs: 0 };
  private readonly chat: ChatClient;
  private readonly retriever: HybridRetriever;
  private readonly breaker: CircuitBreaker;
  private readonly cache: LruCache<string, Answer>;
  private readonly limit: DailyLimit | null;
  private readonly roster: RosterPerson[];
  private readonly logger: LlmLogger | undefined;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly offline: Answerer,
    settings: LlmSettings,
    options: LlmAnswererOptions = {},
  ) {
    this.logger = options.logger;
    this.chat = options.chat ?? new ChatClient(settings);
    this.retriever = new HybridRetriever(kb);
    this.cache = new LruCache(options.cacheSize ?? CACHE_SIZE);
    this.limit = settings.dailyLimitPerUser === undefined ? null : new DailyLimit(settings.dailyLimitPerUser, options.now);
    this.roster = kb.speakers.map((s) => ({ id: s.id, name: s.name, role: s.role, aliases: s.aliases }));
    this.breaker = new CircuitBreaker({
      ...BREAKER,
      now: options.now,
      onOpen: (failures) =>
        this.logger?.warn({ failures, pauseSeconds: BREAKER.coolDownMs / 1000 }, "the language model failed repeatedly; answering offline for a while"),
    });
  }

  answer(question: string, context?: ConversationState): Promise<Answer> {
    return this.answerFor({}, question, context);
  }

  /** An answer for someone: the model answers while they are within their daily limit. */
  async answerFor(asker: Asker, question: string, context?: ConversationState): Promise<Answer> {
    const offline: Answer = { ...(await this.offline.answer(question, context)), answerer: "extractive" };
    const text = question.trim();
    // Greetings and text with no words are the offline engine's to answer: there is nothing to look up.
    if (!/[\p{L}\p{N}]/u.test(text) || offline.mode === "smalltalk") return offline;
    // A follow-up depends on the conversation, so only a question asked on its own is cached.
    const key = !context?.turns?.length ? `${this.kb.manifest.corpusHash}:${this.kb.manifest.settingsHash}:${text.toLowerCase().replace(/\s+/g, " ")}` : null;
    const hit = key ? this.cache.get(key) : undefined;
    if (hit) return { ...hit, question: offline.question };
    const skip = this.skipReason(asker);
    if (skip) return { ...offline, fallback: skip };

    const passages = await selectPassages(this.kb, this.retriever, text, offline);
    const result = await this.ask(text, passages);
    if (!result.ok) return this.fellBack(offline, result.reason);
    const answer = this.fromModel(result.text, text, passages, offline);
    if (key) this.cache.set(key, answer);
    return answer;
  }

  /** A summary through the model, from the whole article when it is short, else from what the offline summary cites. */
  async summarise(offlineSummary: Answer): Promise<Answer> {
    const offline: Answer = { ...offlineSummary, answerer: "extractive" };
    const key = `${this.kb.manifest.corpusHash}:${this.kb.manifest.settingsHash}:summary`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (!this.breaker.closed) return { ...offline, fallback: "circuit open" };
    const all = everyPassage(this.kb);
    const passages = all.length <= MAX_PASSAGES ? all : await selectPassages(this.kb, this.retriever, "", offline, MAX_PASSAGES);
    const result = await this.ask(SUMMARY_QUESTION, passages);
    if (!result.ok) return this.fellBack(offline, result.reason);
    const answer = this.fromModel(result.text, SUMMARY_QUESTION, passages, offline);
    const summary = answer.answerer === "llm" && !answer.answerable ? { ...offline, fallback: "the model declined to summarise" } : answer;
    this.cache.set(key, summary);
    return summary;
  }

  private skipReason(asker: Asker): string | null {
    if (!this.breaker.closed) return "circuit open";
    const user = asker.userId;
    if (this.limit && user !== undefined && !this.limit.take(String(user))) return "daily limit";
    return null;
  }

  private async ask(question: string, passages: Passage[]): Promise<ChatResult> {
    this.stats.asked++;
    const result = await this.chat.complete(SYSTEM_PROMPT, userMessage(question, passages));
    this.stats.modelMs += result.ms;
    if (!result.ok) {
      this.breaker.failure();
      if (this.breaker.closed) this.logger?.warn({ reason: result.reason, ms: result.ms }, "the language model did not answer; answering offline");
      return result;
    }
    this.breaker.success();
    if (result.usage) {
      this.stats.inputTokens += result.usage.input;
      this.stats.outputTokens += result.usage.output;
    }
    this.logger?.debug({ tokens: result.usage, ms: result.ms }, "language model answered");
    return result;
  }

  private fellBack(offline: Answer, reason: string): Answer {
    const kind = reason.startsWith("unsupported") ? "unsupported" : reason;
    this.stats.fallbacks[kind] = (this.stats.fallbacks[kind] ?? 0) + 1;
    return { ...offline, fallback: reason };
  }

  /** The model's verified sentences, with the offline engine's citations for the passages they cite; or the offline answer. */
  private fromModel(text: string, question: string, passages: Passage[], offline: Answer): Answer {
    const v = verifyAnswer({ text, question, passages, roster: this.roster });
    const dropped = v.sentences.filter((s) => s.problem);
    if (dropped.length) this.logger?.debug({ dropped: dropped.map((s) => ({ sentence: s.text, problem: s.problem })) }, "verification dropped model sentences");
    // Framing sentences that pass say nothing about the event; everything else is a claim.
    const claims = v.sentences.filter((s) => !(s.framing && !s.problem));
    this.stats.sentences += claims.length;
    this.stats.dropped += dropped.length;

    if (!v.refusal) {
      const kept = claims.filter((s) => !s.problem);
      if (kept.length === 0 || dropped.length * 2 > claims.length || claims[0].problem) {
        return this.fellBack(offline, claims.length ? `unsupported: ${dropped.length} of ${claims.length} sentences` : "unsupported: no cited sentence");
      }
    }
    const answer = { ...this.cite(v.sentences.filter((s) => !s.problem), passages, offline.question, !v.refusal), ...context(offline) };
    const problems = validateCitations(this.kb, answer);
    if (problems.length) {
      this.logger?.warn({ problems }, "a verified model answer failed citation validation");
      return this.fellBack(offline, "invalid citations");
    }
    this.stats.used++;
    return answer;
  }

  /** Renumbers the markers in order of first use, each pointing to the offline engine's citation of its passage. */
  private cite(sentences: CheckedSentence[], passages: Passage[], question: string, answerable: boolean): Answer {
    const byMarker = new Map(passages.map((p) => [p.n, p]));
    const list = new CitationList(this.kb);
    const texts = sentences.map((s) =>
      s.text.replace(/\[(\d+)\]/g, (_, n: string) => {
        const p = byMarker.get(Number(n))!;
        return (p.sentence === null ? list.citeHeader(p.docId, p.text) : list.cite(p.docId, this.kb.sentence(p.docId, p.sentence))) ?? "";
      }),
    );
    // The same passage cited twice in a row reads as one marker.
    const answer = texts.join(" ").replace(/(\[\d+\])(?:\1)+/g, "$1");
    return { question, answer, answerable, mode: answerable ? "answer" : "refusal", citations: list.citations, answerer: "llm" };
  }
}

/** What the offline engine read in the question, which a conversation remembers whoever answered. */
function context(offline: Answer): Pick<Answer, "kind" | "lang" | "about"> {
  return {
    ...(offline.kind ? { kind: offline.kind } : {}),
    ...(offline.lang ? { lang: offline.lang } : {}),
    ...(offline.about ? { about: offline.about } : {}),
  };
}

/** Whether an answerer limits what each person may ask of it. */
export function limitsAskers(a: Answerer): a is Answerer & Pick<LlmAnswerer, "answerFor"> {
  return typeof (a as { answerFor?: unknown }).answerFor === "function";
}

/** Whether an answerer can also write the event's summary. */
export function canSummarise(a: Answerer): a is Answerer & { summarise(offline: Answer): Promise<Answer> } {
  return typeof (a as { summarise?: unknown }).summarise === "function";
}
