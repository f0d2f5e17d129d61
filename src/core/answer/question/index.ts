import type { KnowledgeBase } from "../../index/knowledge-base.js";
import { classify } from "./classify.js";
import { readQuestion } from "./read.js";
import type { Question } from "./types.js";

export type { AnswerFormat, Question, QuestionKind } from "./types.js";
export { resolveSpeakers } from "./resolve-speakers.js";

/** Reads a question and decides its kind. */
export function analyseQuestion(kb: KnowledgeBase, raw: string): Question {
  return classify(readQuestion(kb, raw));
}
