import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

/** Universal part-of-speech tags ("NOUN", "VERB", "PROPN", …) and lemmas of a short English text, word by word. */
export interface TaggedWord {
  text: string;
  pos: string;
  lemma: string;
}

/**
 * Tags a question with wink-nlp's English model, which ships inside its npm
 * package (offline). The model loads on first use, about half a second, so
 * nothing is paid by a process that never asks.
 */
export function tagWords(text: string): TaggedWord[] {
  nlp ??= winkNLP(model);
  const doc = nlp.readDoc(text);
  const its = nlp.its;
  const words = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const lemma = doc.tokens().out(its.lemma as never) as string[];
  return words.map((w, i) => ({ text: w, pos: pos[i], lemma: lemma[i] }));
}
