import type { Document } from "@langchain/core/documents";
import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Embeddings } from "@langchain/core/embeddings";
import type { Article, ChunkMetadata, Sentence } from "../types.js";
import type { Manifest } from "./manifest.js";
import type { Speaker, SpeakerAnalysis } from "../speakers/types.js";
import { Vocabulary } from "../retrieval/vocabulary.js";
import { Bm25 } from "../retrieval/bm25.js";
import type { Derived } from "./derived.js";

/** Everything loaded from an index: the core's single source of facts. */
export class KnowledgeBase {
  readonly vocabulary: Vocabulary;
  /** BM25 over chunks and over sentences (in article order), built at ingest. */
  readonly lexical: { chunks: Bm25; sentences: Bm25 };
  private readonly articleById: Map<string, Article>;
  private readonly speakerById: Map<string, Speaker>;
  private readonly sentencesByDoc: Map<string, Sentence[]>;

  constructor(
    readonly manifest: Manifest,
    readonly articles: Article[],
    readonly chunks: Document<ChunkMetadata>[],
    readonly store: HNSWLib,
    readonly embeddings: Embeddings,
    readonly analysis: SpeakerAnalysis,
    /** Terms and vocabulary computed at ingest (see derived.ts). */
    readonly derived: Derived,
  ) {
    this.articleById = new Map(articles.map((a) => [a.id, a]));
    this.speakerById = new Map(analysis.speakers.map((s) => [s.id, s]));
    this.sentencesByDoc = new Map(articles.map((a) => [a.id, a.paragraphs.flatMap((p) => p.sentences)]));
    this.vocabulary = Vocabulary.restore(derived.vocabulary);
    this.lexical = { chunks: new Bm25(derived.lexical.chunks), sentences: new Bm25(derived.lexical.sentences) };
  }

  get speakers(): Speaker[] {
    return this.analysis.speakers;
  }

  article(docId: string): Article {
    const a = this.articleById.get(docId);
    if (!a) throw new Error(`Unknown document ${docId}`);
    return a;
  }

  speaker(id: string | null | undefined): Speaker | null {
    return id ? (this.speakerById.get(id) ?? null) : null;
  }

  sentence(docId: string, index: number): Sentence {
    const s = this.sentences(docId)[index];
    if (!s) throw new Error(`Unknown sentence ${docId}:${index}`);
    return s;
  }

  sentences(docId: string): Sentence[] {
    const list = this.sentencesByDoc.get(docId);
    if (!list) throw new Error(`Unknown document ${docId}`);
    return list;
  }

  /** The speaker a sentence is attributed to, or null when it is the article's own voice. */
  speakerOf(docId: string, index: number): Speaker | null {
    return this.speaker(this.analysis.attribution[docId]?.[index]);
  }
}
