/**
 * Okapi BM25 over pre-tokenised items, as an inverted index: a query touches
 * only the items that contain its terms, so a corpus of 150,000 sentences
 * answers as fast as one of ten. The same scorer serves chunks and sentences.
 * The postings live in two flat typed arrays (items ascending per term, and
 * how often the term occurs in each), so a large index costs a few arrays
 * rather than a million small ones to build and to keep.
 */
export interface SavedBm25 {
  terms: string[];
  offsets: Int32Array;
  items: Int32Array;
  tfs: Uint16Array;
  lengths: Float64Array;
}

export class Bm25 {
  /** term -> its id; a term's postings are items/tfs[offsets[id] .. offsets[id + 1]). */
  private readonly ids = new Map<string, number>();
  private readonly offsets: Int32Array;
  private readonly items: Int32Array;
  private readonly tfs: Uint16Array;
  private readonly lengths: Float64Array;
  private readonly avgLength: number;
  private readonly k1 = 1.2;
  private readonly b = 0.75;

  /**
   * Indexes items given as their terms (read once, so a generator need not
   * keep them all), or takes back an index saved at ingest.
   */
  constructor(terms: Iterable<readonly string[]> | SavedBm25) {
    if (!(Symbol.iterator in terms)) {
      terms.terms.forEach((t, id) => this.ids.set(t, id));
      ({ offsets: this.offsets, items: this.items, tfs: this.tfs, lengths: this.lengths } = terms);
      this.avgLength = this.lengths.length ? this.lengths.reduce((a, b) => a + b, 0) / this.lengths.length : 0;
      return;
    }
    // Pass 1: every token as a term id, each item's length, and each term's document frequency.
    let flat = new Int32Array(1 << 16);
    const lengths: number[] = [];
    const df: number[] = [];
    const lastSeen: number[] = [];
    let k = 0;
    for (const list of terms) {
      const item = lengths.length;
      lengths.push(list.length);
      if (k + list.length > flat.length) {
        const grown = new Int32Array(Math.max(flat.length * 2, k + list.length));
        grown.set(flat);
        flat = grown;
      }
      for (const term of list) {
        let id = this.ids.get(term);
        if (id === undefined) {
          id = df.length;
          this.ids.set(term, id);
          df.push(0);
          lastSeen.push(-1);
        }
        if (lastSeen[id] !== item) {
          lastSeen[id] = item;
          df[id]++;
        }
        flat[k++] = id;
      }
    }
    this.lengths = Float64Array.from(lengths);
    this.offsets = new Int32Array(df.length + 1);
    for (let id = 0; id < df.length; id++) this.offsets[id + 1] = this.offsets[id] + df[id];
    const postingCount = this.offsets[df.length];
    this.items = new Int32Array(postingCount);
    this.tfs = new Uint16Array(postingCount);
    // Pass 2: fill the postings; items come in ascending order because they are visited in order.
    const cursor = this.offsets.slice(0, df.length);
    const slot = new Int32Array(df.length).fill(-1);
    const slotItem = new Int32Array(df.length).fill(-1);
    k = 0;
    lengths.forEach((length, item) => {
      for (let n = 0; n < length; n++) {
        const id = flat[k++];
        if (slotItem[id] !== item) {
          slotItem[id] = item;
          slot[id] = cursor[id]++;
          this.items[slot[id]] = item;
        }
        if (this.tfs[slot[id]] < 65535) this.tfs[slot[id]]++;
      }
    });
    this.avgLength = lengths.length ? k / lengths.length : 0;
  }

  /** Every term the items hold. */
  terms(): IterableIterator<string> {
    return this.ids.keys();
  }

  save(): SavedBm25 {
    return { terms: [...this.ids.keys()], offsets: this.offsets, items: this.items, tfs: this.tfs, lengths: this.lengths };
  }

  get size(): number {
    return this.lengths.length;
  }

  idf(term: string): number {
    const n = this.size;
    const id = this.ids.get(term);
    const df = id === undefined ? 0 : this.offsets[id + 1] - this.offsets[id];
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  has(term: string): boolean {
    return this.ids.has(term);
  }

  /** The items a term occurs in, ascending. */
  itemsWith(term: string): Int32Array {
    const id = this.ids.get(term);
    return id === undefined ? new Int32Array(0) : this.items.subarray(this.offsets[id], this.offsets[id + 1]);
  }

  private weight(term: string, tf: number, item: number): number {
    const norm = this.k1 * (1 - this.b + (this.b * this.lengths[item]) / (this.avgLength || 1));
    return (this.idf(term) * tf * (this.k1 + 1)) / (tf + norm);
  }

  /** Whether an item holds a term: a lookup in the postings, no per-item sets. */
  holds(term: string, item: number): boolean {
    const id = this.ids.get(term);
    if (id === undefined) return false;
    const k = lowerBound(this.items, item, this.offsets[id], this.offsets[id + 1]);
    return k < this.offsets[id + 1] && this.items[k] === item;
  }

  /** Scores of every item that holds a query term. */
  scores(query: string[]): Map<number, number> {
    const out = new Map<number, number>();
    for (const q of new Set(query)) {
      const id = this.ids.get(q);
      if (id === undefined) continue;
      for (let k = this.offsets[id]; k < this.offsets[id + 1]; k++) {
        const item = this.items[k];
        out.set(item, (out.get(item) ?? 0) + this.weight(q, this.tfs[k], item));
      }
    }
    return out;
  }

  score(query: string[], item: number): number {
    let s = 0;
    for (const q of new Set(query)) {
      const id = this.ids.get(q);
      if (id === undefined) continue;
      const k = lowerBound(this.items, item, this.offsets[id], this.offsets[id + 1]);
      if (k < this.offsets[id + 1] && this.items[k] === item) s += this.weight(q, this.tfs[k], item);
    }
    return s;
  }

  /** Items with a positive score, best first. */
  search(query: string[], k = this.size): { item: number; score: number }[] {
    return [...this.scores(query)]
      .map(([item, score]) => ({ item, score }))
      .sort((a, b) => b.score - a.score || a.item - b.item)
      .slice(0, k);
  }
}

function lowerBound(items: Int32Array, item: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid] < item) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
