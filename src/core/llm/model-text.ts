import { splitSentences } from "../text/sentences.js";

/** One sentence of a model's answer, with the passage markers it carries. */
export interface ModelSentence {
  /** The sentence as shown, markers written "[n]". */
  text: string;
  /** The sentence without its markers. */
  body: string;
  markers: number[];
}

const MARKER_RE = /\[(\d+)\]/g;

/** "[1, 3]" -> "[1][3]", "[2-4]" -> "[2][3][4]", "【2】" -> "[2]": the forms models use for several markers. */
export function normaliseMarkers(text: string): string {
  return text
    .replace(/【\s*(\d+)\s*】/g, "[$1]")
    .replace(/\[\s*(\d+)\s*[-–]\s*(\d+)\s*\]/g, (all, a: string, b: string) => {
      const [from, to] = [Number(a), Number(b)];
      return to >= from && to - from < 20 ? Array.from({ length: to - from + 1 }, (_, i) => `[${from + i}]`).join("") : all;
    })
    .replace(/\[\s*\d+(?:\s*[,;]\s*\d+)+\s*\]/g, (all) => all.match(/\d+/g)!.map((n) => `[${n}]`).join(""))
    .replace(/\[\s+(\d+)\s+\]/g, "[$1]");
}

/** Markdown a model adds despite being asked for plain text: emphasis, headings, list bullets. */
function plain(line: string): string {
  return line
    .replace(/^\s*#{1,6}\s+/, "")
    .replace(/^\s*(?:[-*•]|\d+[.)])\s+/, "")
    .replace(/\*\*|__|`/g, "")
    .trim();
}

export function markersOf(text: string): number[] {
  return [...text.matchAll(MARKER_RE)].map((m) => Number(m[1]));
}

export function withoutMarkers(text: string): string {
  return text
    .replace(MARKER_RE, "")
    .replace(/\s+([.,;:!?…])/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/**
 * Splits a model's answer into sentences. Markers after a sentence's full
 * stop ("… said.” [9]") belong to that sentence.
 */
export function splitModelAnswer(raw: string): ModelSentence[] {
  const pieces: string[] = [];
  for (const line of normaliseMarkers(raw).split(/\r?\n/)) {
    const text = plain(line);
    if (!text) continue;
    for (const span of joinOpenQuotations(splitSentences(text).map((x) => x.text))) {
      const lead = /^((?:\s*\[\d+\])+)\s*/.exec(span);
      let rest = span;
      if (lead && pieces.length) {
        pieces[pieces.length - 1] += ` ${lead[1].trim()}`;
        rest = span.slice(lead[0].length);
      }
      if (rest.trim()) pieces.push(rest.trim());
    }
  }
  return pieces
    .map((text) => ({ text: text.replace(/(\[\d+\])\s+(?=\[\d+\])/g, "$1"), body: withoutMarkers(text), markers: markersOf(text) }))
    .filter((s) => /[\p{L}\p{N}]/u.test(s.body));
}

/** A quotation of several sentences stays in one piece: its sentences are checked together. */
function joinOpenQuotations(spans: string[]): string[] {
  const out: string[] = [];
  let open = false;
  for (const span of spans) {
    if (open) out[out.length - 1] += ` ${span}`;
    else out.push(span);
    open = quotationOpen(out[out.length - 1]);
  }
  return out;
}

function quotationOpen(text: string): boolean {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  return count(/"/g) % 2 === 1 || count(/“/g) > count(/”/g) || count(/«/g) > count(/»/g);
}
