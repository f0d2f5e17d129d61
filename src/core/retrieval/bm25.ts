/** Okapi BM25 over pre-tokenised items; the same scorer serves chunks and sentences. */
export class Bm25 {
  private readonly df = new Map<string, number>();
  private readonly tf: Map<string, number>[];
  private readonly lengths: number[];
  private readonly avgLength: number;

  constructor(
    items: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.tf = items.map((terms) => {
      const m = new Map<string, number>();
      for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
      for (const t of m.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return m;
    });
    this.lengths = items.map((t) => t.length);
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, items.length);
  }

  get size(): number {
    return this.tf.length;
  }

  idf(term: string): number {
    const n = this.tf.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  has(term: string): boolean {
    return this.df.has(term);
  }

  score(query: string[], item: number): number {
    const tf = this.tf[item];
    const norm = this.k1 * (1 - this.b + (this.b * this.lengths[item]) / (this.avgLength || 1));
    let s = 0;
    for (const q of new Set(query)) {
      const f = tf.get(q);
      if (f) s += (this.idf(q) * f * (this.k1 + 1)) / (f + norm);
    }
    return s;
  }

  /** Items with a positive score, best first. */
  search(query: string[], k = this.tf.length): { item: number; score: number }[] {
    const out: { item: number; score: number }[] = [];
    for (let i = 0; i < this.tf.length; i++) {
      const score = this.score(query, i);
      if (score > 0) out.push({ item: i, score });
    }
    return out.sort((a, b) => b.score - a.score || a.item - b.item).slice(0, k);
  }
}
