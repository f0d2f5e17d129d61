import type { KnowledgeBase } from "../index/knowledge-base.js";
import type { HybridRetriever } from "../retrieval/hybrid-retriever.js";
import type { Answer } from "../answer/types.js";
import { scriptOf } from "../answer/patterns.js";

/** One sentence of an article (or its title or date line) as the model sees it, behind a marker [n]. */
export interface Passage {
  n: number;
  docId: string;
  /** Body paragraph from 1; 0 for the title or the date line. */
  paragraph: number;
  /** The sentence's index in its article; null for the title or the date line. */
  sentence: number | null;
  /** The article's exact text. */
  text: string;
  start: number;
  /** Whose claim the sentence is, as the speaker analysis records it; null for narration. */
  speaker: { id: string; name: string; role: string | null } | null;
  /** Speakers the sentence refers to without naming them: "X agreed with her" refers to her. */
  refersTo: string[];
}

/** Enough for the question and its neighbours, small enough for any model's context. */
export const MAX_PASSAGES = 40;
/** Paragraphs taken from the hybrid retriever. */
const TOP_PARAGRAPHS = 4;

/**
 * The passages a model answers from: the sentences the offline answer cites,
 * then the sentences of the retriever's top paragraphs, with each article's
 * title and date line. When retrieval cannot help (a question in another
 * script than the article's, or nothing found), the articles' sentences in
 * order, up to the limit.
 */
export async function selectPassages(kb: KnowledgeBase, retriever: HybridRetriever, question: string, offline: Answer | null, max = MAX_PASSAGES): Promise<Passage[]> {
  const chosen = new Map<string, Omit<Passage, "n">>();
  const add = (p: Omit<Passage, "n">) => {
    if (chosen.size < max) chosen.set(`${p.docId}:${p.start}`, p);
  };
  const addSentence = (docId: string, index: number) => add(sentencePassage(kb, docId, index));

  for (const c of offline?.citations ?? []) {
    const s = kb.sentences(c.docId).find((x) => x.start === c.start);
    if (s) addSentence(c.docId, s.index);
    else if (c.paragraph === 0) add(headerPassage(c.docId, c.quote, c.start));
  }
  const ranked = await retriever.search(question, TOP_PARAGRAPHS);
  for (const r of ranked) for (const s of r.chunk.metadata.sentences) addSentence(r.chunk.metadata.docId, s.index);

  const corpusScript = dominantScript(kb.articles.map((a) => a.title).join(" "));
  if (chosen.size < 3 || dominantScript(question) !== corpusScript) {
    for (const a of kb.articles) for (const s of kb.sentences(a.id)) addSentence(a.id, s.index);
  }

  // The title and date line of every article quoted: "when" and "what" often rest on them.
  for (const docId of new Set([...chosen.values()].map((p) => p.docId))) {
    const a = kb.article(docId);
    for (const line of [a.title, a.date]) {
      const start = line ? a.text.indexOf(line) : -1;
      if (line && start >= 0 && !chosen.has(`${docId}:${start}`)) chosen.set(`${docId}:${start}`, headerPassage(docId, line, start));
    }
  }

  const order = new Map(kb.articles.map((a, i) => [a.id, i]));
  return [...chosen.values()]
    .sort((a, b) => order.get(a.docId)! - order.get(b.docId)! || a.start - b.start)
    .map((p, i) => ({ ...p, n: i + 1 }));
}

/** Every sentence of every article, with the title and date lines, numbered in reading order. */
export function everyPassage(kb: KnowledgeBase): Passage[] {
  const list: Omit<Passage, "n">[] = [];
  for (const a of kb.articles) {
    for (const line of [a.title, a.date]) {
      const start = line ? a.text.indexOf(line) : -1;
      if (line && start >= 0) list.push(headerPassage(a.id, line, start));
    }
    for (const s of kb.sentences(a.id)) list.push(sentencePassage(kb, a.id, s.index));
  }
  return list.map((p, i) => ({ ...p, n: i + 1 }));
}

function sentencePassage(kb: KnowledgeBase, docId: string, index: number): Omit<Passage, "n"> {
  const s = kb.sentence(docId, index);
  const sp = kb.speakerOf(docId, index);
  const refersTo = kb.analysis.agreements.filter((a) => a.docId === docId && a.sentence === index).map((a) => a.withSpeakerId);
  return {
    docId,
    paragraph: s.paragraph,
    sentence: index,
    text: s.text,
    start: s.start,
    speaker: sp ? { id: sp.id, name: sp.name, role: sp.role } : null,
    refersTo,
  };
}

function headerPassage(docId: string, line: string, start: number): Omit<Passage, "n"> {
  return { docId, paragraph: 0, sentence: null, text: line, start, speaker: null, refersTo: [] };
}

/** The script most of a text's letters are written in. */
export function dominantScript(text: string): string {
  const counts = new Map<string, number>();
  for (const ch of text) if (/\p{L}/u.test(ch)) counts.set(scriptOf(ch), (counts.get(scriptOf(ch)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "other";
}
