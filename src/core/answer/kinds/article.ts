import { numberWord } from "../compose.js";
import type { AnswerKit } from "../kit.js";
import type { Question } from "../question/index.js";
import type { Answer } from "../types.js";

/** Questions about the article itself: its link, source, title, date, length and number of speakers. */
export function articleAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb } = kit;
  const c = kit.citations();
  const t = q.folded;
  const parts = kb.articles.map((a) => {
    const sourceLine = a.text.split(/\r?\n/).find((l) => a.sourceLabel && l.includes(a.sourceLabel) && /:/.test(l))?.trim();
    if (/\b(link|url|website|web site|site|source|where .* from|where can i read|original)\b/.test(t)) {
      const marker = sourceLine ? ` ${c.citeHeader(a.id, sourceLine)}` : "";
      return a.sourceUrl ? `“${a.title}”: ${a.sourceUrl}${marker}` : `The article “${a.title}” gives no link${a.sourceLabel ? `; its source is ${a.sourceLabel}${marker}` : ""}.`;
    }
    if (/\b(when|date|published|day)\b/.test(t)) {
      return a.date ? `“${a.title}” is dated ${a.date} ${c.citeHeader(a.id, a.date)}.` : `“${a.title}” gives no date.`;
    }
    if (/\b(how long|length|words|paragraphs|sentences)\b/.test(t)) {
      const words = a.paragraphs.reduce((n, p) => n + p.text.split(/\s+/).length, 0);
      const speakers = kb.speakers.filter((s) => s.docId === a.id).length;
      return `“${a.title}” has ${numberWord(a.paragraphs.length)} paragraphs, about ${words} words, and quotes ${numberWord(speakers)} speakers.`;
    }
    if (/\b(who wrote|author|written by|byline)\b/.test(t)) return `The article “${a.title}” names no author${a.sourceLabel ? `; its source is ${a.sourceLabel}` : ""}.`;
    return `The article is “${a.title}”${a.date ? `, dated ${a.date} ${c.citeHeader(a.id, a.date)}` : ""}${a.sourceUrl ? `, from ${a.sourceUrl}` : ""}.`;
  });
  const answer = parts.join("\n");
  return c.citations.length ? kit.answer(q, answer, c) : { question: q.text, answer, answerable: false, citations: [], mode: "answer" };
}
