import type { KnowledgeBase } from "../index/knowledge-base.js";
import type { Answer } from "./types.js";

/**
 * What a chat remembers between questions, so that "what else did he say?"
 * and "and the ambassador?" can be answered. Plain JSON, so a store can keep it.
 */
export interface ConversationTurn {
  question: string;
  kind: string;
  /** Speaker ids the answer was about. */
  speakers: string[];
  /** Topic terms (stemmed) of the question. */
  topic: string[];
  /** Sentences the answer showed, as "docId:index". */
  shown: string[];
  /** Milliseconds since the epoch. */
  at: number;
}

export interface ConversationState {
  turns: ConversationTurn[];
}

/** How many turns a chat keeps, and for how long: enough for follow-ups, not a transcript. */
export const CONVERSATION_LIMITS = { turns: 6, ttlMs: 30 * 60 * 1000 };

export function emptyConversation(): ConversationState {
  return { turns: [] };
}

/** The turns still fresh at `now`; an old conversation is forgotten. */
export function liveTurns(state: ConversationState | undefined, now: number): ConversationTurn[] {
  if (!state?.turns?.length) return [];
  const last = state.turns.at(-1)!;
  return now - last.at > CONVERSATION_LIMITS.ttlMs ? [] : state.turns;
}

/** The state after an answer: its speakers, topic and shown sentences become the newest turn. */
export function remember(kb: KnowledgeBase, state: ConversationState | undefined, answer: Answer, now: number): ConversationState {
  const shown = new Set<string>();
  for (const c of answer.citations) {
    for (const s of kb.sentences(c.docId)) if (s.start >= c.start && s.end <= c.end) shown.add(`${c.docId}:${s.index}`);
  }
  const speakers = answer.about?.speakers ?? [];
  const turn: ConversationTurn = {
    question: answer.question.slice(0, 300),
    kind: answer.kind ?? "topic",
    speakers,
    topic: answer.about?.topic ?? [],
    shown: [...shown],
    at: now,
  };
  // Small talk and refusals with nothing in them keep the previous context in view.
  if (answer.mode === "smalltalk") return { turns: liveTurns(state, now) };
  const turns = [...liveTurns(state, now), turn].slice(-CONVERSATION_LIMITS.turns);
  return { turns };
}
