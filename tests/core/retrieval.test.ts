import { beforeAll, describe, expect, it } from "vitest";
import { HybridRetriever } from "../../src/core/retrieval/hybrid-retriever.js";
import { BM25Retriever } from "@langchain/community/retrievers/bm25";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { SEED_CORPUS, buildTemp } from "../helpers.js";

// Questions about each participant and topic of the seed article, with the paragraph that answers them.
const QUESTIONS: [string, number][] = [
  ["What did the ambassador say about the election process?", 2],
  ["Kosherbayev on the new Parliament", 2],
  ["What did Tkachev say about young people in parliament?", 3],
  ["Which party is similar to Novye Lyudi?", 3],
  ["What is Kamila Baidildina's opinion of Respublica?", 4],
  ["Perminova on the Auyl party", 5],
  ["regional politics and inter-regional cooperation", 5],
  ["What did Filkevich say about the group of parties?", 6],
  ["Who was the professor from MGIMO?", 6],
  ["What did Grachev say about new faces in Mazhilis?", 7],
  ["Who is the former deputy head of the Central Election Committee?", 7],
  ["Chizhova on the electoral cycle", 8],
  ["polarized opinions and the first-past-the-post system", 8],
  ["What is sovereign pluralism according to Petrov?", 9],
  ["Minchenko Consulting analyst", 9],
  ["What did the participants conclude?", 10],
  ["Where was the round table held?", 1],
  // Typos and inflections.
  ["what did perminva say", 5],
  ["Chizova campaign", 8],
];

describe("hybrid retrieval on the seed article", () => {
  let kb: KnowledgeBase;
  let retriever: HybridRetriever;
  beforeAll(async () => {
    kb = (await buildTemp(SEED_CORPUS)).kb;
    retriever = new HybridRetriever(kb);
  });

  for (const [q, paragraph] of QUESTIONS) {
    it(`puts paragraph ${paragraph} in the top 3 for "${q}"`, async () => {
      const hits = await retriever.search(q, 3);
      expect(hits.map((h) => h.chunk.metadata.paragraph)).toContain(paragraph);
    });
  }

  it("retrieves nothing for questions about things the article never mentions", async () => {
    for (const q of ["What is the weather in Paris?", "Who won the football match?", "voter turnout", "What did Putin say?"]) {
      expect(await retriever.search(q)).toEqual([]);
    }
  });

  it("works as a LangChain retriever", async () => {
    const docs = await retriever.invoke("Auyl party");
    expect(docs[0].metadata.paragraph).toBe(5);
    expect(docs[0].metadata.score).toBeGreaterThan(0);
  });

  it("does at least as well as LangChain's BM25Retriever on the same questions", async () => {
    const bm25 = BM25Retriever.fromDocuments(kb.chunks, { k: 3 });
    let ours = 0;
    let theirs = 0;
    for (const [q, paragraph] of QUESTIONS) {
      if ((await retriever.search(q, 3)).some((h) => h.chunk.metadata.paragraph === paragraph)) ours++;
      if ((await bm25.invoke(q)).some((d) => d.metadata.paragraph === paragraph)) theirs++;
    }
    expect(ours).toBeGreaterThanOrEqual(theirs);
  });
});
