import type { Answer, Citation } from "../core/answer/types.js";

/** An answer as plain text for a terminal: the answer, then each source quoted. */
export function formatAnswerText(answer: Pick<Answer, "answer" | "answerable" | "citations">): string {
  const lines = [answer.answerable ? answer.answer : `(not in the article) ${answer.answer}`];
  if (answer.citations.length) lines.push("", "Sources:", ...answer.citations.map(formatCitation));
  return lines.join("\n");
}

export function formatCitation(c: Citation): string {
  const where = c.paragraph === 0 ? "header" : `paragraph ${c.paragraph}`;
  const who = c.speaker ? `, ${c.speaker}` : "";
  return `[${c.n}] ${where}${who}: “${c.quote}”`;
}
