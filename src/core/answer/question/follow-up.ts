import type { KnowledgeBase } from "../../index/knowledge-base.js";
import type { Speaker } from "../../speakers/types.js";
import type { ConversationTurn } from "../conversation.js";
import { readQuestion } from "./read.js";
import type { Question } from "./types.js";
import { PRONOUNS } from "./words.js";

const ELLIPSIS = /^(?:and|but|also|what about|how about|and what about|what of|same for|same question for|and for|now)\b\s*/i;
const MORE = /^(?:(?:and\s+)?(?:what|anything|something|who)\s+else\b|(?:tell me |say |give me )?more\b|go on\b|continue\b|keep going\b|what other\b|(?:any|some) other\b|further\b)/i;
const WHY = /^(?:why|how so|how come|for what reason|what (?:is|was) the reason|on what grounds|based on what)\b/i;
const TOPIC_POINTER = /\b(?:it|this|that|these|those|the same)\b/i;

/** The speakers a pronoun in the question points back to: the latest turn whose speakers fit it. */
function pronounSpeakers(kb: KnowledgeBase, q: Question, turns: ConversationTurn[]): Speaker[] {
  const words = q.folded.split(/[^\p{L}']+/u);
  const wants = words.some((w) => PRONOUNS.f.has(w)) ? "f" : words.some((w) => PRONOUNS.m.has(w)) ? "m" : words.some((w) => PRONOUNS.plural.has(w)) ? "plural" : null;
  if (!wants) return [];
  for (const turn of [...turns].reverse()) {
    const speakers = turn.speakers.map((id) => kb.speaker(id)).filter((s): s is Speaker => !!s);
    if (speakers.length === 0) continue;
    if (wants === "plural") return speakers;
    const fit = speakers.filter((s) => s.gender === wants);
    if (fit.length) return fit.slice(0, 1);
    // The article gave no gender: the one speaker of the last answer who is not of the other gender.
    const unknown = speakers.filter((s) => s.gender === null);
    if (unknown.length === 1) return unknown;
  }
  return [];
}

/** The question with the words that referred to speakers replaced by "{S}": a template for "and X?". */
export function speakerTemplate(kb: KnowledgeBase, text: string): string | null {
  const span = readQuestion(kb, text).speakerSpan;
  return span ? `${text.slice(0, span[0])}{S}${text.slice(span[1])}` : null;
}

/**
 * Applies the conversation to a question that refers back to it: "he" and
 * "she" become the speakers of the last answers, "and X?" repeats the last
 * question about X, "what else" and "more" continue without repeating, and
 * "why?" asks for the reason behind the last answer.
 */
export function applyContext(kb: KnowledgeBase, q: Question, turns: ConversationTurn[]): Question {
  if (turns.length === 0) return q;
  const last = turns.at(-1)!;
  const shown = new Set(turns.flatMap((t) => t.shown));
  const text = q.text.trim();

  // A bare "why?" ("why is that?", "why did he say that?") asks about the last answer; "why did X do Y?" is a question of its own.
  if (WHY.test(text) && q.topic.length === 0 && (q.speakers.length === 0 || q.pronoun !== null || /\b(he|she|they)\b/.test(q.folded))) {
    const speakers = last.speakers.map((id) => kb.speaker(id)).filter((s): s is Speaker => !!s);
    return { ...q, speakers, followUp: "why", shown: new Set(last.shown) };
  }

  // "and the ambassador?", "what about Smith?": the last question, asked about someone else.
  const ellipsis = ELLIPSIS.exec(text);
  if (ellipsis && text.split(/\s+/).length <= 7 && !MORE.test(text.slice(ellipsis[0].length))) {
    const rest = text.slice(ellipsis[0].length).replace(/[?.!]+$/, "").trim();
    const template = speakerTemplate(kb, last.question);
    if (rest && q.speakers.length > 0 && template) return { ...readQuestion(kb, template.replace("{S}", rest)) };
    if (rest && q.speakers.length === 0 && last.speakers.length > 0 && q.topic.length > 0) {
      // "and about the economy?": the same speaker, another topic.
      const names = last.speakers.map((id) => kb.speaker(id)?.name).filter(Boolean);
      return readQuestion(kb, `What did ${names.join(" and ")} say about ${rest.replace(/^about\s+/i, "")}?`);
    }
  }

  let out = q;
  if (q.speakers.length === 0) {
    const speakers = pronounSpeakers(kb, q, turns);
    // The pronoun stands where a name would: "who agreed with him?" asks about the one agreed with.
    const at = q.folded.search(/\b(he|him|his|she|her|they|them|their)\b/);
    if (speakers.length) out = { ...out, speakers, byName: true, absentPerson: null, pronoun: null, speakerAt: at };
  }
  // "what did he say about it?": the topic of the last question.
  if (out.topic.length === 0 && TOPIC_POINTER.test(q.folded) && last.topic.length && !MORE.test(text)) out = { ...out, topic: last.topic };
  if (MORE.test(text)) {
    const speakers = out.speakers.length ? out.speakers : last.speakers.map((id) => kb.speaker(id)).filter((s): s is Speaker => !!s);
    // "who else?" after a who-question: the same question, without the people already named.
    if (/^(?:and\s+)?who\s+else\b/i.test(text) && out.topic.length === 0) {
      return { ...readQuestion(kb, last.question), followUp: "more", shown };
    }
    const topic = out.topic.length || speakers.length ? out.topic : last.topic;
    return { ...out, speakers, topic, byName: speakers.length > 0 || out.byName, followUp: "more", shown };
  }
  return out;
}
