/** A sentence of an article's body, with its place in the original file text. */
export interface Sentence {
  /** Position among all body sentences of its article, from 0. */
  index: number;
  /** Body paragraph number as a reader counts it, from 1. */
  paragraph: number;
  start: number;
  end: number;
  text: string;
}

export interface Paragraph {
  number: number;
  start: number;
  end: number;
  text: string;
  sentences: Sentence[];
}

export interface Article {
  id: string;
  file: string;
  title: string;
  date: string | null;
  /** ISO date (YYYY-MM-DD) when the date line parses. */
  isoDate: string | null;
  sourceUrl: string | null;
  sourceLabel: string | null;
  /** The file's text exactly as read; every offset points into it. */
  text: string;
  paragraphs: Paragraph[];
}

/** Metadata each LangChain Document (chunk) carries into the vector store. */
export interface ChunkMetadata {
  id: string;
  docId: string;
  /** The chunk's first paragraph. */
  paragraph: number;
  /** Every paragraph the chunk holds: one, or a run of short ones. */
  paragraphs: number[];
  start: number;
  end: number;
  /** The chunk's sentences: index into the article's sentences, and offsets into its text. */
  sentences: { index: number; start: number; end: number }[];
}
