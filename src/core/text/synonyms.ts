import { stem } from "./tokenize.js";

/**
 * A few general-English equivalences that questions use where news copy uses
 * another word. Generic on purpose: nothing here names an article's subject.
 */
const GROUPS = [
  "election elections vote votes voting ballot poll polls electoral",
  "young youth youngsters",
  "success successful win won victory winning",
  "country nation state",
  "lawmaker lawmakers legislator legislators mp mps deputy deputies parliamentarian parliamentarians",
  "talk talks speech remarks",
  "cooperation collaboration partnership",
  "reform reforms transformation transformations change changes",
  "economy economic economics",
  "opinion view views position",
  "hope hopes hoped hopeful",
  "meeting event roundtable conference",
  "begin began start started opening opened",
  "end ended closing closed conclusion concluded summarizing summarising",
  "diplomat diplomatic ambassador envoy",
  "scientist scholar academic researcher",
  "analyst analytical analysis",
  "growth grow grows growing grown increase increased increases rise rises rose risen tripled doubled",
  "main biggest largest greatest major key primary chief",
  "positive good",
  "similar similarity compare compared comparable resemble resembles like alike",
  "want wants wish wishes desire",
  "marry married marriage wedding weddings",
  "attend attended attending attendance gather gathered participate participated join joined",
  "risk risks danger dangers dangerous threat threats vulnerable vulnerability",
  "run runs ran head heads headed lead leads led chief director executive",
  "important importance significant significance",
];

const byStem = new Map<string, Set<string>>();
for (const g of GROUPS) {
  const stems = new Set(g.split(" ").map(stem));
  for (const s of stems) {
    const set = byStem.get(s) ?? new Set<string>();
    for (const t of stems) set.add(t);
    byStem.set(s, set);
  }
}

/** The stem and its equivalents. */
export function equivalents(stemmed: string): string[] {
  return [...(byStem.get(stemmed) ?? [stemmed])];
}
