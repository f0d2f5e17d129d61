import { distance } from "fastest-levenshtein";
import { QUESTION_WORDS, STOP_WORDS, fold, stem, words } from "../text/tokenize.js";

export interface SavedVocabulary {
  words: string[];
  names: [string, string][];
}

/**
 * The corpus's own words, used to mend typos in questions ("Lindqvst" ->
 * "lindqvist") before lexical matching.
 */
export class Vocabulary {
  private readonly known = new Set<string>();
  private readonly byLength = new Map<number, string[]>();
  /** Words the corpus writes capitalised inside a sentence: names of people, places, bodies. Folded -> as written. */
  private readonly names = new Map<string, string>();

  /** The vocabulary of some texts; or, from an index, the saved one (see `save`). */
  constructor(texts: Iterable<string>, saved?: SavedVocabulary) {
    if (saved) {
      for (const w of saved.words) this.addWord(w);
      for (const [folded, written] of saved.names) this.names.set(folded, written);
      return;
    }
    for (const t of texts) {
      for (const w of words(t)) this.addWord(w);
      for (const m of t.matchAll(/(?<=[\p{Ll},;:)\u2019'"\u201c\u201d-]\s+)(\p{Lu}[\p{Ll}\p{Lu}'\u2019-]+)/gu)) {
        const w = fold(m[1]).replace(/'s$/, "");
        if (!STOP_WORDS.has(w) && w.length > 2) this.names.set(w, m[1].replace(/['\u2019]s$/, ""));
      }
    }
  }

  /** What an index keeps of it, so that loading reads it back instead of reading the corpus again. */
  save(): SavedVocabulary {
    return { words: [...this.known], names: [...this.names] };
  }

  static restore(saved: SavedVocabulary): Vocabulary {
    return new Vocabulary([], saved);
  }

  /** The word as the corpus writes it when it is a name there ("sturridge" -> "Sturridge"), else null. */
  name(word: string): string | null {
    const w = fold(word).replace(/'s$/, "");
    return this.names.get(w) ?? this.names.get(this.correct(w) ?? "") ?? null;
  }

  private addWord(word: string) {
    // "norway's" is also "norway".
    const w = word.replace(/'s$/, "");
    if (this.known.has(w) || STOP_WORDS.has(w) || w.length < 3) return;
    this.known.add(w);
    const list = this.byLength.get(w.length) ?? [];
    list.push(w);
    this.byLength.set(w.length, list);
  }

  has(word: string): boolean {
    return this.known.has(fold(word));
  }

  private stems: Set<string> | null = null;

  /** Whether the corpus uses the word in some form ("send" when it says "sent"). */
  hasStem(word: string): boolean {
    this.stems ??= new Set([...this.known].map(stem));
    return this.stems.has(stem(word));
  }

  /** Whether the corpus uses the word in any form, typos mended. */
  knows(word: string): boolean {
    return this.hasStem(word) || this.correct(word) !== null;
  }

  /** The closest corpus word within a small edit distance, or null. */
  correct(word: string): string | null {
    const w = fold(word).replace(/'s$/, "");
    if (this.known.has(w)) return w;
    // Short words are too often real words ("list" is not a typo of "last").
    if (w.length < 5 || /\d/.test(w)) return null;
    const max = w.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestD = max + 1;
    for (let len = w.length - max; len <= w.length + max; len++) {
      for (const cand of this.byLength.get(len) ?? []) {
        if (cand[0] !== w[0] && max < 2) continue;
        const d = distance(w, cand);
        if (d < bestD || (d === bestD && best !== null && cand < best)) {
          best = cand;
          bestD = d;
        }
      }
    }
    return bestD <= max ? best : null;
  }

  /** Content terms of a question, typos mended against the corpus, stemmed. */
  queryTerms(text: string): string[] {
    return words(text)
      .filter((w) => !STOP_WORDS.has(w) && !QUESTION_WORDS.has(w))
      .map((w) => stem(this.correct(w) ?? w));
  }
}
