import type { Answer } from "../answer/types.js";

/** One question of an evaluation set, with the paragraphs that answer it (0 = date or title line). */
export interface EvalItem {
  q: string;
  answerable?: boolean;
  gold?: number[];
  /** Words the answer must contain to count as correct (case-insensitive). */
  expect?: string[];
  /** Whose claim answers it: an answer citing only other speakers puts it in the wrong mouth. */
  speaker?: string;
  /** Items with the same chat are one conversation, asked in order. */
  chat?: string;
  kind?: string;
}

export interface EvalScores {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Answerable questions answered precisely, with the expected content and a gold citation. */
  accuracy: number;
  /** Answerable questions answered "closest to that" with a gold citation: partly right. */
  closestWithGold: number;
  /** Mean share of gold paragraphs cited, over answerable questions. */
  citationRecall: number;
  /** Mean share of cited paragraphs that are gold, over answered answerable questions. */
  citationPrecision: number;
  /** Unanswerable questions that were not answered as if the article said it. */
  refusalAccuracy: number;
  /** Answerable questions that got a plain refusal. */
  falseRefusalRate: number;
  /** Answers about one person's claim that cite only other people. */
  wrongSpeaker: number;
  failures: { q: string; why: string; answer: string }[];
}

/** Asks one question; a session keeps the conversation of one chat. */
export type Ask = (question: string) => Promise<Answer>;

const isRefusal = (a: Answer) => (a.mode ? a.mode === "refusal" || a.mode === "smalltalk" : !a.answerable);

/**
 * Scores an answerer on a question set. `session()` starts a conversation:
 * items that share a `chat` are asked in one session, in order; the others
 * each in a fresh one.
 */
export async function evaluate(items: EvalItem[], session: () => Ask): Promise<EvalScores> {
  let correct = 0;
  let closest = 0;
  let recall = 0;
  let precision = 0;
  let answeredCount = 0;
  let refusedRight = 0;
  let falseRefusals = 0;
  let wrongSpeaker = 0;
  const failures: EvalScores["failures"] = [];
  const sessions = new Map<string, Ask>();

  for (const item of items) {
    let ask = item.chat ? sessions.get(item.chat) : undefined;
    if (!ask) {
      ask = session();
      if (item.chat) sessions.set(item.chat, ask);
    }
    const a = await ask(item.q);
    if (item.answerable === false) {
      if (!a.answerable) refusedRight++;
      else failures.push({ q: item.q, why: "answered an unanswerable question", answer: a.answer });
      continue;
    }
    const gold = new Set(item.gold ?? []);
    const cited = new Set(a.citations.map((c) => c.paragraph));
    const hit = [...gold].filter((p) => cited.has(p)).length;
    const speakers = new Set(a.citations.map((c) => c.speaker).filter((s): s is string => !!s));
    const wrongMouth = !!item.speaker && a.citations.length > 0 && speakers.size > 0 && !speakers.has(item.speaker);
    if (wrongMouth && (a.answerable || a.mode === "closest")) wrongSpeaker++;
    if (isRefusal(a)) {
      falseRefusals++;
      failures.push({ q: item.q, why: "refused", answer: a.answer });
      continue;
    }
    if (!a.answerable) {
      if (gold.size === 0 || hit > 0) closest++;
      failures.push({ q: item.q, why: `closest only${hit > 0 ? " (gold cited)" : ""}`, answer: a.answer });
      continue;
    }
    answeredCount++;
    recall += gold.size ? hit / gold.size : 1;
    precision += cited.size ? [...cited].filter((p) => gold.has(p)).length / cited.size : 0;
    const text = a.answer.toLowerCase();
    const missing = (item.expect ?? []).filter((e) => !text.includes(e.toLowerCase()));
    if (missing.length === 0 && (gold.size === 0 || hit > 0) && !wrongMouth) correct++;
    else failures.push({ q: item.q, why: wrongMouth ? `wrong speaker (${[...speakers].join(", ")})` : missing.length ? `missing ${missing.join(", ")}` : "no gold citation", answer: a.answer });
  }
  const answerable = items.filter((i) => i.answerable !== false).length;
  const unanswerable = items.length - answerable;
  const n = answerable || 1;
  return {
    questions: items.length,
    answerable,
    unanswerable,
    accuracy: correct / n,
    closestWithGold: closest / n,
    citationRecall: recall / n,
    citationPrecision: answeredCount ? precision / answeredCount : 0,
    refusalAccuracy: unanswerable ? refusedRight / unanswerable : 1,
    falseRefusalRate: falseRefusals / n,
    wrongSpeaker,
    failures,
  };
}

/** Scores summed over several sets, weighted by their questions. */
export function combine(all: EvalScores[]): EvalScores {
  const sum = (f: (s: EvalScores) => number, w: (s: EvalScores) => number) => {
    const total = all.reduce((n, s) => n + w(s), 0);
    return total ? all.reduce((n, s) => n + f(s) * w(s), 0) / total : 0;
  };
  const answerable = (s: EvalScores) => s.answerable;
  return {
    questions: all.reduce((n, s) => n + s.questions, 0),
    answerable: all.reduce((n, s) => n + s.answerable, 0),
    unanswerable: all.reduce((n, s) => n + s.unanswerable, 0),
    accuracy: sum((s) => s.accuracy, answerable),
    closestWithGold: sum((s) => s.closestWithGold, answerable),
    citationRecall: sum((s) => s.citationRecall, answerable),
    citationPrecision: sum((s) => s.citationPrecision, answerable),
    refusalAccuracy: sum((s) => s.refusalAccuracy, (s) => s.unanswerable),
    falseRefusalRate: sum((s) => s.falseRefusalRate, answerable),
    wrongSpeaker: all.reduce((n, s) => n + s.wrongSpeaker, 0),
    failures: all.flatMap((s) => s.failures),
  };
}
