import type { Speaker } from "../../speakers/types.js";

export type QuestionKind =
  | "article"
  | "summary"
  | "speakers"
  | "count"
  | "order"
  | "attributes"
  | "compare"
  | "role"
  | "agreement"
  | "consensus"
  | "judgement"
  | "definition"
  | "verify"
  | "when"
  | "where"
  | "why"
  | "who"
  | "claims"
  | "topic";

/** How the asker wants the answer laid out: "tl;dr", "in 3 bullets", "briefly". */
export interface AnswerFormat {
  bullets?: number;
  brief?: boolean;
}

export interface Question {
  text: string;
  /** The text folded to lower case without diacritics: what the classifiers read. */
  folded: string;
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
  /** "What did she say?": a pronoun for the person asked about, to be resolved from the conversation. */
  pronoun: string | null;
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
  /** A description that fits two or more speakers about equally: say so rather than guess. */
  ambiguous: Speaker[];
  /** Found through a plural role ("the ministers"): a group, not one person. */
  groupRole: boolean;
  /** The speakers were named (surname, full name, misspelt), not described by role. */
  byName: boolean;
  /** "Which parties …?": the plural noun asked for, stemmed; entities of that kind may answer it. */
  listOf: string | null;
  /** "How many journalists …": the counted noun, stemmed. */
  countedStem: string | null;
  /** Offset of the first word that refers to a speaker, or -1. */
  speakerAt: number;
  /** The stretch of the question's text that refers to speakers, if any. */
  speakerSpan: [number, number] | null;
  /** For a list of speakers: leave out the ones named ("besides the ambassador"). */
  exclude: boolean;
  /** For agreement questions: whether the named speaker is the one agreeing or the one agreed with. */
  agreementRole?: "subject" | "object";
  stance?: "agree" | "disagree";
  format?: AnswerFormat;
  /** Sentences already shown in this conversation ("docId:index"): "what else" leaves them out. */
  shown?: Set<string>;
  /** Set when the question continues the conversation ("what else", "more"). */
  followUp?: "more" | "why";
}
