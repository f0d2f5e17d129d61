import type { Sentence } from "../types.js";

/** Where a sentence stands with respect to the quotations of its paragraph. */
export interface QuoteState {
  /** The sentence with every quoted word blanked out, the marks kept: offsets stay as in the sentence. */
  outside: string;
  /** It begins inside a quotation opened by an earlier sentence. */
  opensInside: boolean;
  /** A quotation is still open where it ends. */
  endsInside: boolean;
  /** It contains quoted words. */
  quotes: boolean;
}

const LETTER = /[\p{L}\p{N}]/u;
// A single mark opens a quotation only before a letter: "the '90s" opens none.
const OPENS = /[\p{L}‘"“]/u;

/**
 * Reads a paragraph's quotation marks: double ("…", “…”) and single ('…',
 * ‘…’, as British papers quote). A single mark inside a word or after one
 * ("don't", "the players' union") is an apostrophe, not a quotation mark.
 */
export function quoteStates(sentences: Sentence[]): QuoteState[] {
  const open: string[] = [];
  return sentences.map((s) => {
    const opensInside = open.length > 0;
    const t = s.text;
    let outside = "";
    let quotes = opensInside;
    for (let i = 0; i < t.length; i++) {
      const ch = t[i];
      const prev = t[i - 1] ?? " ";
      const next = t[i + 1] ?? " ";
      let mark = false;
      if (ch === '"') {
        if (open.at(-1) === '"') open.pop();
        else open.push('"');
        mark = true;
      } else if (ch === "“") {
        open.push('"');
        mark = true;
      } else if (ch === "”") {
        if (open.at(-1) === '"') open.pop();
        mark = true;
      } else if (ch === "'" || ch === "‘" || ch === "’") {
        const closes = open.at(-1) === "'" && !LETTER.test(next) && ch !== "‘";
        const opens = !closes && ch !== "’" && !LETTER.test(prev) && OPENS.test(next);
        if (closes) open.pop();
        if (opens) open.push("'");
        mark = closes || opens;
      }
      if (mark) quotes = true;
      outside += !mark && open.length > 0 ? " " : ch;
    }
    return { outside, opensInside, endsInside: open.length > 0, quotes };
  });
}

/**
 * Groups a paragraph's consecutive sentences that belong to one quotation:
 * the attribution ("…," she noted) often comes only at its end.
 */
export function quoteGroups(sentences: Sentence[]): Sentence[][] {
  const states = quoteStates(sentences);
  const groups: Sentence[][] = [];
  sentences.forEach((s, i) => {
    if (states[i].opensInside && groups.length) groups.at(-1)!.push(s);
    else groups.push([s]);
  });
  return groups;
}
