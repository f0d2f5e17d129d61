import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { STOP_WORDS, stem, words } from "../text/tokenize.js";

export interface HashedTfidfParams {
  dimensions: number;
  /** Character n-gram sizes, taken inside "#word#" so that typos and inflections still meet. */
  charNgrams: [number, number];
  /** Relative weight of the word, word-pair and character groups before normalisation. */
  weights: { words: number; bigrams: number; chars: number };
}

export const DEFAULT_HASHED_TFIDF: HashedTfidfParams = {
  dimensions: 1024,
  charNgrams: [3, 5],
  weights: { words: 1, bigrams: 0.5, chars: 0.7 },
};

export interface FittedIdf {
  documents: number;
  /** Document frequency per hashed dimension. */
  df: number[];
}

/**
 * Local, deterministic embeddings: signed feature hashing of stemmed words,
 * word pairs and character n-grams, weighted by TF-IDF fitted on the corpus,
 * L2-normalised. No network and no model weights.
 */
export class HashedTfidfEmbeddings extends Embeddings {
  readonly params: HashedTfidfParams;
  private idf: Float64Array;
  private fitted: FittedIdf | null = null;

  constructor(params: Partial<HashedTfidfParams> = {}, fields: EmbeddingsParams = {}) {
    super(fields);
    this.params = { ...DEFAULT_HASHED_TFIDF, ...params };
    this.idf = new Float64Array(this.params.dimensions).fill(1);
  }

  /** Fits IDF on the corpus texts; call before embedding documents at ingest. */
  fit(texts: string[]): FittedIdf {
    const { dimensions } = this.params;
    const df = new Array<number>(dimensions).fill(0);
    for (const t of texts) {
      const [w, b, c] = this.features(t);
      for (let d = 0; d < dimensions; d++) if (w[d] || b[d] || c[d]) df[d]++;
    }
    this.loadIdf({ documents: texts.length, df });
    return this.fitted!;
  }

  loadIdf(fitted: FittedIdf): void {
    if (fitted.df.length !== this.params.dimensions) throw new Error("IDF does not match the embedding dimensions");
    this.fitted = fitted;
    const n = fitted.documents;
    this.idf = Float64Array.from(fitted.df, (df) => Math.log((1 + n) / (1 + df)) + 1);
  }

  get idfState(): FittedIdf | null {
    return this.fitted;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  embed(text: string): number[] {
    const [w, b, c] = this.features(text);
    const { weights, dimensions } = this.params;
    const out = new Float64Array(dimensions);
    for (const [group, weight] of [
      [w, weights.words],
      [b, weights.bigrams],
      [c, weights.chars],
    ] as const) {
      const vec = new Float64Array(dimensions);
      for (let dim = 0; dim < dimensions; dim++) {
        const signedTf = group[dim];
        if (signedTf) vec[dim] = Math.sign(signedTf) * (1 + Math.log(Math.abs(signedTf))) * this.idf[dim];
      }
      const norm = l2(vec) || 1;
      for (let i = 0; i < dimensions; i++) out[i] += (weight * vec[i]) / norm;
    }
    const norm = l2(out) || 1;
    return Array.from(out, (v) => v / norm);
  }

  /**
   * Hashed features per group (words, word pairs, character n-grams): for
   * each dimension, a signed count. The three arrays are reused from call to
   * call (ingest hashes millions of features): read them before the next call.
   */
  private features(text: string): [Int32Array, Int32Array, Int32Array] {
    const tokens = words(text);
    const content = tokens.filter((t) => !STOP_WORDS.has(t));
    const stems = content.map(stem);
    const groups = this.buffers();
    for (const g of groups) g.fill(0);
    for (const s of stems) this.add(groups[0], `w:${s}`);
    for (let i = 1; i < stems.length; i++) this.add(groups[1], `b:${stems[i - 1]}_${stems[i]}`);
    const [lo, hi] = this.params.charNgrams;
    for (const word of content) {
      const padded = `#${word}#`;
      for (let n = lo; n <= hi; n++) {
        // The hash of `c:${padded.slice(i, i + n)}`, computed in place: ingest hashes millions of these.
        for (let i = 0; i + n <= padded.length; i++) this.addHash(groups[2], fnv1a(padded, CHAR_PREFIX, i, i + n));
      }
    }
    return groups;
  }

  private featureBuffers: [Int32Array, Int32Array, Int32Array] | null = null;

  private buffers(): [Int32Array, Int32Array, Int32Array] {
    const d = this.params.dimensions;
    this.featureBuffers ??= [new Int32Array(d), new Int32Array(d), new Int32Array(d)];
    return this.featureBuffers;
  }

  private add(counts: Int32Array, feature: string) {
    this.addHash(counts, fnv1a(feature));
  }

  private addHash(counts: Int32Array, h: number) {
    const dim = h % this.params.dimensions;
    const prev = counts[dim];
    // Keep the first sign seen for a dimension; the magnitude counts occurrences.
    counts[dim] = prev === 0 ? ((h >>> 31) & 1 ? -1 : 1) : prev + Math.sign(prev);
  }
}

/** FNV-1a over s[from, to), continuing from a given state (the offset basis by default). */
function fnv1a(s: string, state = 0x811c9dc5, from = 0, to = s.length): number {
  let h = state;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The FNV state after "c:", the prefix of character n-gram features. */
const CHAR_PREFIX = (() => {
  let h = 0x811c9dc5;
  for (const ch of "c:") h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h;
})();

function l2(v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  return Math.sqrt(sum);
}
