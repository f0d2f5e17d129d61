import type { Document } from "@langchain/core/documents";
import { Bm25, type SavedBm25 } from "../retrieval/bm25.js";
import { Vocabulary, type SavedVocabulary } from "../retrieval/vocabulary.js";
import type { SpeakerAnalysis } from "../speakers/types.js";
import { contentTerms } from "../text/tokenize.js";
import type { Article, ChunkMetadata } from "../types.js";

/**
 * What retrieval needs from the text, computed once at ingest and saved with
 * the index, so that loading an index does no analysis: the vocabulary, each
 * sentence's terms, and the lexical indexes of chunks and of sentences.
 */
export interface Derived {
  vocabulary: SavedVocabulary;
  /** Per article, per sentence: "what it says|the role of a speaker it introduces", as stemmed terms. */
  sentenceTerms: Record<string, string[]>;
  /** BM25 over the chunks, and over the sentences in the order of the articles. */
  lexical: { chunks: SavedBm25; sentences: SavedBm25 };
}

export function deriveTerms(articles: Article[], chunks: Document<ChunkMetadata>[], analysis: SpeakerAnalysis): Derived {
  const introducedAt = new Map(analysis.speakers.map((sp) => [`${sp.docId}:${sp.introduced}`, sp]));
  const sentenceTerms: Derived["sentenceTerms"] = {};
  const said: string[][] = [];
  for (const a of articles) {
    sentenceTerms[a.id] = a.paragraphs.flatMap((p) =>
      p.sentences.map((s) => {
        // A speaker's role is who they are, not what they said: "Institute of Water Research" in a title is no claim about water.
        const introduced = introducedAt.get(`${a.id}:${s.index}`);
        const parts = (introduced?.role ?? "").split(/,\s+/).filter((part) => part && s.text.includes(part));
        const text = parts.reduce((t, part) => t.replace(part, " "), s.text);
        const terms = [...new Set(contentTerms(text))];
        said.push(terms);
        return packTerms(terms, [...new Set(parts.flatMap((part) => contentTerms(part)))]);
      }),
    );
  }
  const vocabulary = new Vocabulary(articles.flatMap((a) => [a.title, a.date ?? "", ...a.paragraphs.map((p) => p.text)])).save();
  // The chunks' terms one at a time: they are counted, not kept.
  const lexical = { chunks: new Bm25(chunkTerms(chunks)).save(), sentences: new Bm25(said).save() };
  return { vocabulary, sentenceTerms, lexical };
}

function* chunkTerms(chunks: Document<ChunkMetadata>[]): Generator<string[]> {
  for (const c of chunks) yield contentTerms(c.pageContent);
}

const packTerms = (said: string[], role: string[]) => `${said.join(" ")}|${role.join(" ")}`;

const words = (s: string) => (s ? s.split(" ") : []);

/** A sentence's packed terms: [what it says, the role of a speaker it introduces]. */
export function unpackTerms(packed: string): [string[], string[]] {
  const bar = packed.indexOf("|");
  return [words(packed.slice(0, bar)), words(packed.slice(bar + 1))];
}
