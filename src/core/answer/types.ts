/** One numbered source behind an answer: a sentence of the article, quoted exactly. */
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

export interface Answer {
  question: string;
  /** Plain text with [n] markers pointing into `citations`. */
  answer: string;
  answerable: boolean;
  citations: Citation[];
  /** How to present it: an answer, the closest passage, a refusal, or small talk. Absent: `answerable` decides. */
  mode?: "answer" | "closest" | "refusal" | "smalltalk";
  /** The language the answer is written in; the bot labels it in the same language. */
  lang?: "en" | "ru";
}

/** Anything that answers a question from the knowledge base: extractive by default, an LLM later. */
export interface Answerer {
  answer(question: string): Promise<Answer>;
}
