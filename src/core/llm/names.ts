import { distance } from "fastest-levenshtein";
import { fold, stem, wordTokens } from "../text/tokenize.js";

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch",
  ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya", і: "i", ї: "yi", є: "ye", ґ: "g", ә: "a", ғ: "g", қ: "k", ң: "n",
  ө: "o", ұ: "u", ү: "u", һ: "h",
};

/** A word in Latin letters, lower case: Cyrillic is transliterated, so "Иванов" reads "ivanov". */
export function latinForm(word: string): string {
  const lower = word.toLowerCase().replace(/['’]s$/, "");
  const latin = [...lower].map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch).join("");
  return fold(latin).replace(/'/g, "");
}

export function isLatinWord(word: string): boolean {
  return !/[^\p{Script=Latin}\p{N}'’\-]/u.test(word);
}

/**
 * Whether a transliterated word names the same thing as an article's word,
 * allowing for the spelling differences of transliteration ("Кузнецов" and
 * "Kouznetsov") and for a case ending ("Иванова" and "Ivanov").
 */
export function sameTransliterated(word: string, target: string): boolean {
  if (word === target) return true;
  for (let cut = 0; cut <= 3 && word.length - cut >= 4; cut++) {
    const w = word.slice(0, word.length - cut);
    if (w === target) return true;
    if (target.length >= 5 && distance(w, target) <= (target.length >= 8 ? 2 : 1)) return true;
  }
  return false;
}

/** Words an answer may use because its sources use them: names, organisations, places. */
export class WordSet {
  private readonly folded = new Set<string>();
  private readonly stems = new Set<string>();
  private readonly latin = new Set<string>();

  constructor(texts: string[]) {
    for (const t of texts) {
      for (const tok of wordTokens(t)) {
        const f = fold(tok.text).replace(/'s$/, "");
        this.folded.add(f);
        this.stems.add(stem(f));
        this.latin.add(latinForm(tok.text));
        // "French-German" also holds "French" and "German".
        for (const part of f.split("-")) {
          this.folded.add(part);
          this.stems.add(stem(part));
          this.latin.add(latinForm(part));
        }
      }
    }
  }

  has(word: string): boolean {
    const f = fold(word).replace(/'s$/, "");
    if (this.folded.has(f) || this.stems.has(stem(f))) return true;
    if (isLatinWord(word)) {
      // "Brazilian" and "Brazil": one root, one name.
      for (const r of this.folded) if ((r.startsWith(f) && f.length >= 4) || (f.startsWith(r) && r.length >= 5)) return true;
      return false;
    }
    const l = latinForm(word);
    for (const r of this.latin) if (sameTransliterated(l, r)) return true;
    return false;
  }
}
