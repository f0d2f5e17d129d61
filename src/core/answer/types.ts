import type { ConversationState } from "./conversation.js";
import type { Digest } from "./digest.js";

/** One numbered source behind an answer: a passage of the article, quoted exactly. */
export interface Citation {
  n: number;
  /** The article's verbatim text. */
  quote: string;
  /** Body paragraph, counted from 1; 0 for the title or date line. */
  paragraph: number;
  /** Whose claim the passage is, or null when it is the article's own narration. */
  speaker: string | null;
  docId: string;
  start: number;
  end: number;
}

/**
 * How sure the answer is: a precise answer; the passages closest to a question
 * the article does not answer exactly; a refusal; or a friendly reply to small talk.
 */
export type AnswerMode = "answer" | "closest" | "refusal" | "smalltalk";

export interface Answer {
  question: string;
  /** Plain text with [n] markers pointing into `citations`. */
  answer: string;
  /** True only for a precise answer. */
  answerable: boolean;
  citations: Citation[];
  mode?: AnswerMode;
  /** The kind of question it answered ("claims", "compare", …). */
  kind?: string;
  /** The language the answer is framed in. */
  lang?: "en" | "ru";
  /** For a summary: the digest the text was made from, for renderers that lay it out. */
  digest?: Digest;
  /** Whom and what the answer was about: the next question in the conversation may refer back to it. */
  about?: { speakers: string[]; topic: string[] };
  /** Which engine produced the answer shown: the language model, or the offline extractive one. */
  answerer?: "llm" | "extractive";
  /** Set when the model was asked but its answer not used: a short reason such as "timeout". */
  fallback?: string;
}

/** Anything that answers a question from the knowledge base: extractive by default, an LLM later. */
export interface Answerer {
  answer(question: string, context?: ConversationState): Promise<Answer>;
}
