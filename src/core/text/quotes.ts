import type { Sentence } from "../types.js";

const QUOTE_CHARS = /["“”]/g;

/**
 * Groups a paragraph's consecutive sentences that belong to one quotation:
 * the attribution ("…," she noted) often comes only at its end.
 */
export function quoteGroups(sentences: Sentence[]): Sentence[][] {
  const groups: Sentence[][] = [];
  let open: Sentence[] | null = null;
  for (const s of sentences) {
    const quotes = (s.text.match(QUOTE_CHARS) ?? []).length;
    if (open) {
      open.push(s);
      if (quotes % 2 === 1) open = null;
    } else if (quotes % 2 === 1) {
      open = [s];
      groups.push(open);
    } else {
      groups.push([s]);
    }
  }
  return groups;
}
