import type { SpeakerAnalysis } from "../speakers/types.js";
import type { Article } from "../types.js";
import { open } from "node:fs/promises";
import type { SavedBm25 } from "../retrieval/bm25.js";
import type { Derived } from "./derived.js";

/**
 * knowledge.json, written once and read at every start: the article texts
 * once (paragraphs and sentences as offsets into them), the terms as
 * space-separated strings and the lexical indexes as base64 of their arrays.
 * Written plainly it was five times the corpus.
 */
export interface SavedKnowledge {
  articles: SavedArticle[];
  analysis: SpeakerAnalysis;
  embeddingState: unknown;
  vocabulary: Derived["vocabulary"];
  sentenceTerms: Derived["sentenceTerms"];
  lexical: { chunks: SavedLexical; sentences: SavedLexical };
}

type SavedLexical = Record<Exclude<keyof SavedBm25, "terms">, string> & { terms: string[] };

type SavedArticle = Omit<Article, "paragraphs"> & {
  /** [start, end, sentence offsets [start, end, …]] per paragraph. */
  paragraphs: [number, number, number[]][];
};

export function packKnowledge(articles: Article[], analysis: SpeakerAnalysis, embeddingState: unknown, derived: Derived): SavedKnowledge {
  return {
    articles: articles.map((a) => ({ ...a, paragraphs: a.paragraphs.map((p) => [p.start, p.end, p.sentences.flatMap((s) => [s.start, s.end])]) })),
    analysis,
    embeddingState,
    vocabulary: derived.vocabulary,
    sentenceTerms: derived.sentenceTerms,
    lexical: { chunks: packLexical(derived.lexical.chunks), sentences: packLexical(derived.lexical.sentences) },
  };
}

export function unpackKnowledge(saved: SavedKnowledge): { articles: Article[]; analysis: SpeakerAnalysis; embeddingState: unknown; derived: Derived } {
  const articles = saved.articles.map((a): Article => {
    let index = 0;
    return {
      ...a,
      paragraphs: a.paragraphs.map(([start, end, offsets], i) => {
        const sentences = [];
        for (let k = 0; k < offsets.length; k += 2) {
          sentences.push({ index: index++, paragraph: i + 1, start: offsets[k], end: offsets[k + 1], text: a.text.slice(offsets[k], offsets[k + 1]) });
        }
        return { number: i + 1, start, end, text: a.text.slice(start, end), sentences };
      }),
    };
  });
  return {
    articles,
    analysis: saved.analysis,
    embeddingState: saved.embeddingState,
    derived: {
      vocabulary: saved.vocabulary,
      sentenceTerms: saved.sentenceTerms,
      lexical: { chunks: unpackLexical(saved.lexical.chunks), sentences: unpackLexical(saved.lexical.sentences) },
    },
  };
}

const base64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

/** A copy aligned for the typed array (a decoded Buffer may sit at any offset of a shared pool). */
function decode<T>(text: string, View: { new (buffer: ArrayBuffer): T }): T {
  const bytes = Buffer.from(text, "base64");
  return new View(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

function packLexical(b: SavedBm25): SavedLexical {
  return { terms: b.terms, offsets: base64(b.offsets), items: base64(b.items), tfs: base64(b.tfs), lengths: base64(b.lengths) };
}

function unpackLexical(s: SavedLexical): SavedBm25 {
  return {
    terms: s.terms,
    offsets: decode(s.offsets, Int32Array),
    items: decode(s.items, Int32Array),
    tfs: decode(s.tfs, Uint16Array),
    lengths: decode(s.lengths, Float64Array),
  };
}

/** Writes the knowledge one field at a time: one string of the whole would be the largest thing ingest holds. */
export async function writeKnowledge(file: string, knowledge: SavedKnowledge): Promise<void> {
  const out = await open(file, "w");
  try {
    let separator = "{";
    for (const [key, value] of Object.entries(knowledge)) {
      await out.write(`${separator}${JSON.stringify(key)}:${JSON.stringify(value)}`);
      separator = ",";
    }
    await out.write("}");
  } finally {
    await out.close();
  }
}
