import type { Document } from "@langchain/core/documents";
import { Vocabulary, type SavedVocabulary } from "../retrieval/vocabulary.js";
import type { SpeakerAnalysis } from "../speakers/types.js";
import { contentTerms } from "../text/tokenize.js";
import type { Article, ChunkMetadata } from "../types.js";

/**
 * What retrieval needs from the text, computed once at ingest and saved with
 * the index, so that loading an index does no analysis: the vocabulary, each
 * sentence's terms and each chunk's terms.
 */
export interface Derived {
  vocabulary: SavedVocabulary;
  /** Per article, per sentence: [what it says, the role of a speaker it introduces], as stemmed terms. */
  sentenceTerms: Record<string, [string[], string[]][]>;
  chunkTerms: string[][];
}

export function deriveTerms(articles: Article[], chunks: Document<ChunkMetadata>[], analysis: SpeakerAnalysis): Derived {
  const introducedAt = new Map(analysis.speakers.map((sp) => [`${sp.docId}:${sp.introduced}`, sp]));
  const sentenceTerms: Derived["sentenceTerms"] = {};
  for (const a of articles) {
    sentenceTerms[a.id] = a.paragraphs.flatMap((p) =>
      p.sentences.map((s): [string[], string[]] => {
        // A speaker's role is who they are, not what they said: "Institute of Water Research" in a title is no claim about water.
        const introduced = introducedAt.get(`${a.id}:${s.index}`);
        const parts = (introduced?.role ?? "").split(/,\s+/).filter((part) => part && s.text.includes(part));
        const text = parts.reduce((t, part) => t.replace(part, " "), s.text);
        return [[...new Set(contentTerms(text))], [...new Set(parts.flatMap((part) => contentTerms(part)))]];
      }),
    );
  }
  const vocabulary = new Vocabulary(articles.flatMap((a) => [a.title, a.date ?? "", ...a.paragraphs.map((p) => p.text)])).save();
  return { vocabulary, sentenceTerms, chunkTerms: chunks.map((c) => contentTerms(c.pageContent)) };
}
