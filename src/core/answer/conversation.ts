/**
 * What a chat remembers between questions, so that "what else did he say?"
 * and "and the ambassador?" can be answered. Plain JSON: a store keeps it.
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
  at: number;
}

export interface ConversationState {
  turns: ConversationTurn[];
}
