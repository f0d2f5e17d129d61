import type { KnowledgeBase } from "../../index/knowledge-base.js";
import { classify } from "./classify.js";
import { readQuestion } from "./read.js";
import type { Question } from "./types.js";
import type { ConversationTurn } from "../conversation.js";
import { applyContext } from "./follow-up.js";

export type { AnswerFormat, Question, QuestionKind } from "./types.js";
export { resolveSpeakers } from "./resolve-speakers.js";

/** Reads a question, applies the conversation it is part of, and decides its kind. */
export function analyseQuestion(kb: KnowledgeBase, raw: string, turns: ConversationTurn[] = []): Question {
  return classify(applyContext(kb, readQuestion(kb, raw), turns));
}
