import type { Answer } from "../answer/types.js";

/** One question of an evaluation set, with the paragraphs that answer it (0 = date or title line). */
export interface EvalItem {
  q: string;
  answerable?: boolean;
  gold?: number[];
  /** Words the answer must contain to count as correct (case-insensitive). */
  expect?: string[];
}

export interface EvalScores {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Answerable questions answered with the expected content and a gold citation. */
  accuracy: number;
  /** Mean share of gold paragraphs cited, over answerable questions. */
  citationRecall: number;
  /** Mean share of cited paragraphs that are gold, over answered answerable questions. */
  citationPrecision: number;
  /** Unanswerable questions that were refused. */
  refusalAccuracy: number;
  /** Answerable questions that were refused. */
  falseRefusalRate: number;
  failures: { q: string; why: string; answer: string }[];
}

export async function evaluate(items: EvalItem[], answer: (q: string) => Promise<Answer>): Promise<EvalScores> {
  let correct = 0;
  let recall = 0;
  let precision = 0;
  let answeredCount = 0;
  let refusedRight = 0;
  let falseRefusals = 0;
  const failures: EvalScores["failures"] = [];
  const answerable = items.filter((i) => i.answerable !== false);
  const unanswerable = items.filter((i) => i.answerable === false);

  for (const item of answerable) {
    const a = await answer(item.q);
    const gold = new Set(item.gold ?? []);
    const cited = new Set(a.citations.map((c) => c.paragraph));
    const hit = [...gold].filter((p) => cited.has(p)).length;
    if (!a.answerable) {
      falseRefusals++;
      failures.push({ q: item.q, why: "refused", answer: a.answer });
      continue;
    }
    answeredCount++;
    recall += gold.size ? hit / gold.size : 1;
    precision += cited.size ? [...cited].filter((p) => gold.has(p)).length / cited.size : 0;
    const text = a.answer.toLowerCase();
    const missing = (item.expect ?? []).filter((e) => !text.includes(e.toLowerCase()));
    if (missing.length === 0 && (gold.size === 0 || hit > 0)) correct++;
    else failures.push({ q: item.q, why: missing.length ? `missing ${missing.join(", ")}` : "no gold citation", answer: a.answer });
  }
  for (const item of unanswerable) {
    const a = await answer(item.q);
    if (!a.answerable) refusedRight++;
    else failures.push({ q: item.q, why: "answered an unanswerable question", answer: a.answer });
  }
  const n = answerable.length || 1;
  return {
    questions: items.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    accuracy: correct / n,
    citationRecall: recall / n,
    citationPrecision: answeredCount ? precision / answeredCount : 0,
    refusalAccuracy: unanswerable.length ? refusedRight / unanswerable.length : 1,
    falseRefusalRate: falseRefusals / n,
    failures,
  };
}
