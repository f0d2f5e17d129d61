export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

// Abbreviations that end with a period but rarely end a sentence.
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof st sr jr vs etc e.g i.e no gen col lt sgt gov sen rep rev inc ltd co corp dept univ approx fig jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);

const CLOSERS = `"'”’»)]`;

/**
 * Splits text into sentences and keeps each one's offsets, so a citation can
 * quote the original exactly. A period inside a quotation still ends a
 * sentence; `," she said` does not.
 */
export function splitSentences(text: string, base = 0): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = skipSpace(text, 0);
  let i = start;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "." || ch === "!" || ch === "?" || ch === "…") {
      let end = i + 1;
      while (end < text.length && (text[end] === "." || text[end] === "!" || text[end] === "?")) end++;
      while (end < text.length && CLOSERS.includes(text[end])) end++;
      const next = skipSpace(text, end);
      const atEnd = next >= text.length;
      if (atEnd || (next > end && startsSentence(text, next) && !isAbbreviation(text, start, i))) {
        pushSpan(spans, text, start, end, base);
        start = next;
        i = next;
        continue;
      }
      i = end;
      continue;
    }
    i++;
  }
  if (start < text.length) pushSpan(spans, text, start, text.length, base);
  return spans;
}

function pushSpan(spans: TextSpan[], text: string, start: number, end: number, base: number) {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  if (e > start) spans.push({ start: base + start, end: base + e, text: text.slice(start, e) });
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function startsSentence(text: string, i: number): boolean {
  return /[\p{Lu}\p{N}"'“‘«(\[]/u.test(text[i]);
}

function isAbbreviation(text: string, sentenceStart: number, dot: number): boolean {
  if (text[dot] !== ".") return false;
  const m = /([\p{L}.]+)$/u.exec(text.slice(sentenceStart, dot));
  if (!m) return false;
  const word = m[1].toLowerCase();
  // A single capital letter is an initial ("J. R. Smith").
  if (/^\p{Lu}$/u.test(m[1])) return true;
  return ABBREVIATIONS.has(word) || /^(\p{L}\.)+\p{L}$/u.test(word);
}
