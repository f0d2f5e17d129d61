import type { KnowledgeBase } from "../index/knowledge-base.js";
import type { Speaker } from "../speakers/types.js";
import type { Bm25 } from "../retrieval/bm25.js";
import { unpackTerms } from "../index/derived.js";
import { equivalents } from "../text/synonyms.js";
import { COMMON_WORDS } from "../text/tokenize.js";
import { REPORTING_STEMS } from "../speakers/lexicon.js";
import type { Sentence } from "../types.js";


export interface SentenceRef {
  docId: string;
  sentence: Sentence;
  speaker: Speaker | null;
  /** What the sentence says, without the role of a speaker it introduces. */
  terms: Set<string>;
  /** The introduced speaker's role: who they are, which counts for less than what they said. */
  roleTerms: Set<string>;
  /** Its place in the index (the order of the articles and their sentences). */
  position: number;
}

export interface SentenceHit {
  ref: SentenceRef;
  score: number;
  /** Share of the query's weight (IDF) that this sentence contains. */
  coverage: number;
}

/** Sentence-level lexical search: what the extractive answerer quotes from. */
export class SentenceIndex {
  readonly refs: SentenceRef[];
  private readonly bm25: Bm25;
  /** Role terms: term -> the sentences whose introduced speaker's role holds it. */
  private readonly roleIndex = new Map<string, number[]>();
  private readonly vocabulary: Set<string>;
  /** Vocabulary by its first six letters, for the long-prefix forms of a term. */
  private readonly byPrefix = new Map<string, string[]>();
  private readonly formsCache = new Map<string, string[]>();
  /** Where each article's sentences start in `refs`. */
  private readonly firstRef = new Map<string, number>();
  private readonly idfCache = new Map<string, number>();

  constructor(kb: KnowledgeBase) {
    // Terms and BM25 were computed at ingest (derived.ts): building the index here is only listing the sentences.
    this.bm25 = kb.lexical.sentences;
    this.refs = [];
    for (const a of kb.articles) {
      const saved = kb.derived.sentenceTerms[a.id];
      this.firstRef.set(a.id, this.refs.length);
      for (const s of kb.sentences(a.id)) {
        const packed = saved[s.index];
        this.refs.push(new LazyRef(this.refs.length, a.id, s, kb.speakerOf(a.id, s.index), packed));
        // Only sentences that introduce a speaker have role terms: "…|" has none.
        if (packed.endsWith("|")) continue;
        for (const t of unpackTerms(packed)[1]) {
          const list = this.roleIndex.get(t) ?? [];
          list.push(this.refs.length - 1);
          this.roleIndex.set(t, list);
        }
      }
    }
    this.vocabulary = new Set([...this.bm25.terms(), ...this.roleIndex.keys()]);
    for (const v of this.vocabulary) {
      if (v.length < 6) continue;
      const list = this.byPrefix.get(v.slice(0, 6)) ?? [];
      list.push(v);
      this.byPrefix.set(v.slice(0, 6), list);
    }
  }

  /** The sentences that hold any of these forms, in the text or in a role. */
  private holding(forms: string[]): Set<number> {
    const out = new Set<number>();
    for (const f of forms) {
      for (const i of this.bm25.itemsWith(f)) out.add(i);
      for (const i of this.roleIndex.get(f) ?? []) out.add(i);
    }
    return out;
  }

  /** The corpus forms a question term can stand for: itself, its equivalents, or a word sharing a long prefix. */
  private forms(term: string): string[] {
    let cached = this.formsCache.get(term);
    if (!cached) {
      cached = this.computeForms(term);
      this.formsCache.set(term, cached);
    }
    return cached;
  }

  private computeForms(term: string): string[] {
    const out = new Set(equivalents(term).filter((t) => this.vocabulary.has(t)));
    if (term.length >= 6) for (const v of this.byPrefix.get(term.slice(0, 6)) ?? []) out.add(v);
    return [...out];
  }

  /** Whether the corpus says anything with this term at all. */
  known(term: string): boolean {
    return this.forms(term).length > 0;
  }

  idf(term: string): number {
    let cached = this.idfCache.get(term);
    if (cached === undefined) {
      cached = this.computeIdf(term);
      this.idfCache.set(term, cached);
    }
    return cached;
  }

  private computeIdf(term: string): number {
    const forms = this.forms(term);
    // A term the corpus never uses weighs more than its rarest word: the question is likely about something else.
    // A very common word is the exception: its absence says little.
    if (forms.length === 0) return COMMON_WORDS.has(term) ? 0.5 : 1.5 * this.bm25.idf("\u0000unseen");
    // "What did X warn about reservoirs?": the reporting verb frames the question; the topic is what counts.
    const framing = REPORTING_STEMS.has(term) ? 0.35 : 1;
    // The term and all its forms count as one word: rare only if all of them are rare.
    const df = this.holding(forms).size;
    const n = this.refs.length;
    return framing * Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** 1 when the sentence says the term, 0.5 when only its speaker's role holds it, else 0. */
  contains(ref: SentenceRef, term: string): number {
    const forms = this.forms(term);
    if (forms.some((f) => this.bm25.holds(f, ref.position))) return 1;
    return forms.some((f) => ref.roleTerms.has(f)) ? 0.5 : 0;
  }

  /** The indexed sentence `index` of an article. */
  ref(docId: string, index: number): SentenceRef {
    return this.refs[this.firstRef.get(docId)! + index];
  }

  /** Share of the query's weight that these sentences hold between them: a claim may span one quotation's sentences. */
  coverageOfAll(terms: string[], refs: SentenceRef[]): number {
    const unique = [...new Set(terms)];
    const total = unique.reduce((s, t) => s + this.idf(t), 0);
    if (total === 0) return 0;
    const covered = unique.reduce((s, t) => s + refs.reduce((m, r) => Math.max(m, this.contains(r, t)), 0) * this.idf(t), 0);
    return covered / total;
  }

  coverage(terms: string[], ref: SentenceRef): number {
    return this.coverageOfAll(terms, [ref]);
  }

  /**
   * Sentences that share at least one term with the query, best first: by
   * share of the query covered, then by BM25 raised by the passage prior.
   */
  search(terms: string[], filter: (ref: SentenceRef) => boolean = () => true, prior?: Map<string, number>): SentenceHit[] {
    const expanded = [...new Set(terms.flatMap((t) => this.forms(t)))];
    const hits: SentenceHit[] = [];
    // Only sentences that hold some form of the query: the postings say which.
    const scores = this.bm25.scores(expanded);
    for (const i of this.holding(expanded)) {
      const ref = this.refs[i];
      if (!filter(ref)) continue;
      const score = (scores.get(i) ?? 0) + (expanded.some((t) => ref.roleTerms.has(t)) ? 0.01 : 0);
      const boost = prior?.get(`${ref.docId}#${ref.sentence.paragraph}`) ?? 0;
      if (score > 0) hits.push({ ref, score: score * (1 + boost), coverage: this.coverage(terms, ref) });
    }
    return hits.sort((a, b) => b.coverage - a.coverage || b.score - a.score || a.ref.sentence.start - b.ref.sentence.start);
  }
}

const NO_TERMS: Set<string> = new Set();

/** A sentence's terms become sets only when a question reaches it: most sentences never are. */
class LazyRef implements SentenceRef {
  private said?: Set<string>;
  private role?: Set<string>;

  constructor(
    readonly position: number,
    readonly docId: string,
    readonly sentence: Sentence,
    readonly speaker: Speaker | null,
    private readonly packed: string,
  ) {}

  get terms(): Set<string> {
    return (this.said ??= new Set(unpackTerms(this.packed)[0]));
  }

  get roleTerms(): Set<string> {
    return (this.role ??= this.packed.endsWith("|") ? NO_TERMS : new Set(unpackTerms(this.packed)[1]));
  }
}
