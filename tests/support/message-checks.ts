import { telegramHtmlProblems } from "./telegram-html.js";

const EXPANDABLE_RE = /<blockquote expandable>([\s\S]*?)<\/blockquote>/g;

function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** The text a reader sees without opening anything: all but the expandable blockquotes (and the headings inside them). */
export function visibleText(html: string): string {
  return plain(html.replace(EXPANDABLE_RE, ""));
}

export function visibleLength(html: string): number {
  return visibleText(html).length;
}

/** The parts of a message read separately: the visible text, then each expandable blockquote. */
function regions(html: string): string[] {
  return [visibleText(html), ...[...html.matchAll(EXPANDABLE_RE)].map((m) => plain(m[1]))];
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Whether most (60 %) of a sentence's words stand in `text` as one unbroken run. */
function holds(text: string[], sentence: string[]): boolean {
  const need = Math.ceil(sentence.length * 0.6);
  let prev = new Array<number>(text.length + 1).fill(0);
  for (const w of sentence) {
    const row = new Array<number>(text.length + 1).fill(0);
    for (let j = 1; j <= text.length; j++) {
      if (text[j - 1] === w && (row[j] = prev[j - 1] + 1) >= need) return true;
    }
    prev = row;
  }
  return false;
}

/** Article sentences that a message prints twice: in two of its parts, or twice in one. */
export function repeatedSentences(html: string, sentences: string[]): string[] {
  const parts = regions(html).map(words);
  return sentences.filter((s) => {
    const w = words(s);
    if (w.length < 3) return false;
    const inParts = parts.filter((p) => holds(p, w)).length;
    const exact = w.join(" ");
    const twiceInOne = parts.some((p) => p.join(" ").split(exact).length > 2);
    return inParts > 1 || twiceInOne;
  });
}

/** Everything a reply must respect: valid Telegram HTML, 4096 characters, its visible length, no sentence twice. */
export function replyProblems(html: string, options: { maxVisible: number; sentences: string[] }): string[] {
  const problems = telegramHtmlProblems(html);
  const visible = visibleLength(html);
  if (visible > options.maxVisible) problems.push(`${visible} visible characters (at most ${options.maxVisible})`);
  for (const s of repeatedSentences(html, options.sentences)) problems.push(`printed twice: ${s.slice(0, 60)}…`);
  return problems;
}
