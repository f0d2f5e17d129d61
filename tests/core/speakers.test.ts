import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { EventQa } from "../../src/core/event-qa.js";
import { writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { FIXTURES, ROOT, SEED_CORPUS, buildTemp, copyCorpus } from "../helpers.js";
import { parseArticle } from "../../src/core/corpus/parse-article.js";
import { loadCorpus } from "../../src/core/corpus/load-corpus.js";
import { analyseSpeakers } from "../../src/core/speakers/analyse-speakers.js";
import { speakerRecall } from "../../src/core/eval/speaker-recall.js";

const claimsOf = (kb: KnowledgeBase, name: string) => {
  const sp = kb.speakers.find((s) => s.name === name)!;
  return sp.claims.map((i) => kb.sentence(sp.docId, i).text);
};

describe("speakers of the seed article", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = (await buildTemp(SEED_CORPUS)).kb;
  });

  it("are exactly the eight participants, in order of appearance, each with a role", () => {
    const list = new EventQa(kb).speakers();
    expect(list.map((s) => s.name)).toEqual([
      "Ermek Kosherbayev",
      "Anton Tkachev",
      "Kamila Baidildina",
      "Alexandra Perminova",
      "Igor Filkevich",
      "Vladimir Grachev",
      "Darya Chizhova",
      "Kirill Petrov",
    ]);
    expect(list.map((s) => s.role)).toEqual([
      "Ambassador of Kazakhstan in Russia",
      "deputy of the State Duma and member of the Committee on Information Policy, Information Technology, and Communications",
      "Russian art historian, manager in the field of culture",
      "researcher at the Center for World Politics and Strategic Analysis at the Institute of China and Modern Asia of the Russian Academy of Sciences",
      "professor of the Liventsev Department of International Economic Relations and Foreign Economic Relations, MGIMO MFA RF",
      "veteran of diplomatic service, former deputy head of the Central Election Committee",
      "Director of the Information and Analytical Center for the Study of Social and Political Processes in the Former Soviet Union",
      "Head of the analytical department of the Minchenko Consulting Communications Holding company",
    ]);
  });

  it("attributes claims made by pronoun or role reference, and quotations spread over sentences", () => {
    expect(claimsOf(kb, "Ermek Kosherbayev")).toContain(
      "He emphasized that the last elections are an important element of the great changes in the country when unprecedented in scale transformations in the state and public life have been carried out in less than a year.",
    );
    expect(claimsOf(kb, "Anton Tkachev")).toContain('I am sure that young courage should lead to useful solutions," the deputy stressed.');
    expect(claimsOf(kb, "Igor Filkevich").some((c) => c.startsWith("The scientist expressed hope"))).toBe(true);
    expect(claimsOf(kb, "Kamila Baidildina").some((c) => c.startsWith("In her opinion"))).toBe(true);
    expect(claimsOf(kb, "Darya Chizhova")).toContain("All the participants were given a platform.");
    expect(claimsOf(kb, "Kirill Petrov")).toContain('"There are more parties.');
  });

  it("leaves the article's own narration and the collective conclusion unattributed", () => {
    const sentences = kb.sentences(kb.articles[0].id);
    expect(kb.speakerOf(kb.articles[0].id, 0)).toBeNull();
    const last = sentences.at(-1)!;
    expect(kb.speakerOf(kb.articles[0].id, last.index)).toBeNull();
  });

  it("records who agreed with whom, resolving 'her' and 'the parliamentarian'", () => {
    const pairs = kb.analysis.agreements.map((a) => [kb.speaker(a.speakerId)!.name, kb.speaker(a.withSpeakerId)!.name]);
    expect(pairs).toEqual([
      ["Kamila Baidildina", "Anton Tkachev"],
      ["Kirill Petrov", "Darya Chizhova"],
    ]);
  });
});

describe("speakers in articles written in other patterns", () => {
  let forum: KnowledgeBase;
  let summit: KnowledgeBase;
  beforeAll(async () => {
    forum = (await buildTemp(path.join(FIXTURES, "forum"))).kb;
    summit = (await buildTemp(path.join(FIXTURES, "summit"))).kb;
  });

  it('finds a speaker after a quotation: "…," said X, head of Y', () => {
    const sp = forum.speakers.find((s) => s.name === "Tomas Okafor")!;
    expect(sp.role).toBe("head of the Eastport Transit Authority");
    expect(claimsOf(forum, "Tomas Okafor")[0]).toMatch(/^"The line will pay for itself/);
    expect(claimsOf(forum, "Tomas Okafor")[1]).toMatch(/^He added that construction/);
  });

  it('finds "X, director of Y, noted …" and "Political scientist X disagreed …"', () => {
    expect(forum.speakers.find((s) => s.name === "Greta Lindqvist")!.role).toBe("director of the Coastal Mobility Institute");
    expect(forum.speakers.find((s) => s.name === "Rafael Lindqvist")!.role).toBe("Political scientist");
    expect(claimsOf(forum, "Rafael Lindqvist")).toContain('"Nobody has asked the residents of Millbrook what they want," the scientist said.');
  });

  it("lists a moderator with a role but no claims", () => {
    const marsh = forum.speakers.find((s) => s.name === "Helen Marsh")!;
    expect(marsh.role).toBe("editor of the Eastport Courier");
    expect(marsh.claims).toEqual([]);
  });

  it("keeps two speakers with the same surname apart", () => {
    expect(forum.speakers.filter((s) => s.name.endsWith("Lindqvist"))).toHaveLength(2);
    expect(claimsOf(forum, "Greta Lindqvist").some((c) => c.startsWith("Greta Lindqvist replied"))).toBe(true);
    expect(claimsOf(forum, "Greta Lindqvist").some((c) => c.startsWith("She warned"))).toBe(true);
    expect(claimsOf(forum, "Rafael Lindqvist").some((c) => c.startsWith("In his view"))).toBe(true);
  });

  it("does not take a person named inside an organisation or an event for a speaker", () => {
    const names = [...forum.speakers, ...summit.speakers].map((s) => s.name);
    expect(names).not.toContain("Alpine Climate Summit");
    expect(names).not.toContain("Eastport Transit");
    expect(summit.speakers.map((s) => s.name)).toEqual(["Lena Brandt", "Marco Villa", "Sofia Keller"]);
  });

  it("admits someone introduced with a role and an ordinary verb only if they go on to speak", async () => {
    const tallinn = await fixture("tallinn");
    const ozola = tallinn.speakers[1];
    expect(ozola.claims.map((i) => tallinn.sentence(ozola.docId, i).text.slice(0, 11))).toEqual(["Latvian MP ", "She argued "]);
    const corpus = await copyCorpus(path.join(FIXTURES, "summit"));
    await writeFile(path.join(corpus, "decree.txt"), "Decree Signed\n\n1 May 2024\n\nPresident Anna Berg signed the decree on Monday. The ceremony lasted an hour.\n");
    const both = (await buildTemp(corpus)).kb;
    expect(both.speakers.map((s) => s.name)).not.toContain("Anna Berg");
  });

  it("keeps 'opened by X, who noted' and 'X replied' with the same speaker", async () => {
    const vienna = await fixture("vienna");
    const usenov = vienna.speakers[0];
    expect(usenov.claims.map((i) => vienna.sentence(usenov.docId, i).text.slice(0, 20))).toEqual([
      "The event was opened",
      "He called on Austria",
      "Usenov replied that ",
    ]);
  });

  it("gives a sentence with two subjects ('Both X and Y said') to both speakers", async () => {
    const bishkek = await fixture("bishkek");
    const [rakhimov, seitova] = [bishkek.speakers[1], bishkek.speakers[2]];
    expect(seitova.claims).toEqual([3]);
    expect(rakhimov.claims).toEqual([3, 4]);
  });

  it("gives a quote-only paragraph with 'she explained' to the latest woman who spoke", async () => {
    const ottawa = await fixture("ottawa");
    expect(ottawa.speakers[3].claims.map((i) => ottawa.sentence("ottawa-arctic", i).paragraph)).toEqual([5, 5, 6]);
  });

  it("resolves 'agreed with her' to the latest speaker who fits", () => {
    const [a] = summit.analysis.agreements;
    expect(summit.speaker(a.speakerId)!.name).toBe("Marco Villa");
    expect(summit.speaker(a.withSpeakerId)!.name).toBe("Sofia Keller");
  });
});

/** Each fixture's speakers with their roles, and who agreed or disagreed with whom, as a reader would list them. */
const ROSTERS: Record<string, { speakers: [string, string | null][]; agreements: [string, "agree" | "disagree", string][] }> = {
  conference: {
    speakers: [
      ["Nabijon Kasimov", "Ambassador of Uzbekistan to Germany"],
      ["Marie-Claire van der Berg", "senior fellow at the Institute for Climate Diplomacy"],
      ["Thomas Richter", "director of the German Water Partnership"],
      ["Aigerim Nurlanovna", "Professor of the Kazakh National University"],
    ],
    agreements: [["Aigerim Nurlanovna", "disagree", "Thomas Richter"]],
  },
  vienna: {
    speakers: [
      ["Bakyt Usenov", "Chargé d'Affaires"],
      ["Hans Gruber", "Professor from the University of Vienna"],
      ["Elif Demir", "head of the Eurasia desk at the Austrian Institute for International Affairs"],
      ["Pavel Novak", "Journalist"],
    ],
    agreements: [],
  },
  almaty: {
    speakers: [
      ["Dauren Abayev", "Deputy Minister of Information"],
      ["Seitkazy Mataev", "head of the Union of Journalists"],
      ["Anna Petrova", "editor-in-chief of the Vlast portal"],
      ["Rasul Zhumaly", "political analyst"],
      ["Gulmira Ileuova", "Zhumaly's colleague, sociologist"],
    ],
    agreements: [["Gulmira Ileuova", "agree", "Rasul Zhumaly"]],
  },
  tallinn: {
    speakers: [
      ["Martin Kask", "Estonia's former chief information officer"],
      ["Ilze Ozola", "Latvian MP"],
      ["Kaarel Saar", "chief executive of the start-up Veriff"],
      ["Tomas Jankus", "Lithuanian deputy minister"],
    ],
    agreements: [["Tomas Jankus", "agree", "Ilze Ozola"]],
  },
  ottawa: {
    speakers: [
      ["Claire Dubois", "journalist"],
      ["Mary Tootoo", "Senator"],
      ["James Whitfield", "vice-president of Northern Freight Lines"],
      ["Anika Lund", "sea-ice researcher at the University of Manitoba"],
    ],
    agreements: [["Anika Lund", "disagree", "James Whitfield"]],
  },
  astana: {
    speakers: [
      ["Aliya Serikbayeva", "head of the National Museum of Kazakhstan"],
      ["Pierre Lambert", "programme specialist for culture"],
      ["Bolat Nurgaliyev", "Historian, author of several books on the Great Steppe"],
      ["Dana Akhmetova", "Curator"],
    ],
    agreements: [["Dana Akhmetova", "disagree", "Pierre Lambert"]],
  },
  bishkek: {
    speakers: [
      ["Azamat Toktogulov", "Kyrgyz deputy minister of natural resources"],
      ["Farrukh Rakhimov", "of the Uzbek water ministry"],
      ["Gulnara Seitova", "adviser to the Kazakh delegation"],
      ["Viktor Baranov", "62-year-old hydrologist"],
    ],
    agreements: [],
  },
  riga: {
    speakers: [
      ["Raimonds Kalnins", "Latvia's state secretary for climate and energy"],
      ["Sanna Virtanen", "Finnish energy analyst"],
      ["Margus Tamm", "Estonian grid operator executive"],
    ],
    agreements: [["Margus Tamm", "agree", "Sanna Virtanen"]],
  },
  embassy: {
    speakers: [
      ["Yerlan Abdykarimov", "Minister-Counsellor of the Embassy"],
      ["Vladimir Zharikhin", "Director of the Institute of CIS Countries"],
      ["Natalia Zhukova", "Leading researcher of the Institute of Oriental Studies"],
      ["Oleg Smirnov", "Deputy of the State Duma"],
    ],
    agreements: [],
  },
  minsk: {
    speakers: [
      ["Dmitry Orlov", "chair of the park's supervisory board"],
      ["Elena Sokolova", "Investor, partner at the venture fund North Star Capital"],
      ["Pavel Ivanov", "Game developer"],
    ],
    agreements: [["Pavel Ivanov", "agree", "Elena Sokolova"]],
  },
  tashkent: {
    speakers: [
      ["Zayniddin Nizamkhodjaev", "Chairman of the Central Election Commission of Uzbekistan"],
      ["Olga Epifanova", "Member of the Federation Council of Russia"],
      ["N. Karimova", "Professor of the University of World Economy and Diplomacy"],
      ["Sergei Lebedev", "head of the CIS observer mission"],
    ],
    agreements: [],
  },
};

const built = new Map<string, Promise<KnowledgeBase>>();
function fixture(dir: string): Promise<KnowledgeBase> {
  if (!built.has(dir)) built.set(dir, buildTemp(path.join(FIXTURES, dir)).then((r) => r.kb));
  return built.get(dir)!;
}

describe("speakers, roles and agreements in articles written in other patterns", () => {
  for (const [dir, expected] of Object.entries(ROSTERS)) {
    it(`lists who speaks in ${dir}, with roles and stances`, async () => {
      const kb = await fixture(dir);
      expect(kb.speakers.map((s) => [s.name, s.role])).toEqual(expected.speakers);
      const stances = kb.analysis.agreements.map((a) => [kb.speaker(a.speakerId)!.name, a.stance, kb.speaker(a.withSpeakerId)!.name]);
      expect(stances).toEqual(expected.agreements);
    });
  }
});

/** One article from its body text, analysed without building an index. */
function analyseText(body: string) {
  const article = parseArticle("t", "t.txt", `A Report\n\n1 May 2024\n\n${body.trim()}\n`);
  const analysis = analyseSpeakers([article]);
  const sentences = article.paragraphs.flatMap((p) => p.sentences);
  const speakerAt = (i: number) => analysis.speakers.find((sp) => sp.id === analysis.attribution.t[i]) ?? null;
  return {
    names: analysis.speakers.map((sp) => sp.name),
    speaker: (name: string) => analysis.speakers.find((sp) => sp.name === name)!,
    /** Who the sentence containing `fragment` is attributed to. */
    who: (fragment: string) => {
      const s = sentences.find((x) => x.text.includes(fragment));
      if (!s) throw new Error(`no sentence contains "${fragment}"`);
      return speakerAt(s.index)?.name ?? null;
    },
  };
}

describe("speaker patterns of news reports", () => {
  it('follows "Mr X" and the bare surname back to the full name given before', () => {
    const a = analyseText(`
The regulator's chairman said education secretary Gavin Hale had been warned.

Mr Hale later told MPs that the decision had been his own.

"I accept responsibility," Hale said.`);
    expect(a.names).toEqual(["Gavin Hale"]);
    expect(a.who("later told MPs")).toBe("Gavin Hale");
    expect(a.who("I accept responsibility")).toBe("Gavin Hale");
    expect(a.speaker("Gavin Hale").gender).toBe("m");
  });

  it('names someone quoted only as "Ms X" that way', () => {
    const a = analyseText(`
The council has approved the new budget.

Ms Okonjo told the meeting that the cuts would fall on libraries. "We had no choice," she said.`);
    expect(a.names).toEqual(["Ms Okonjo"]);
    expect(a.speaker("Ms Okonjo").gender).toBe("f");
    expect(a.who("We had no choice")).toBe("Ms Okonjo");
  });

  it('finds the speaker of a quotation placed first: "…," said X / "…," X said / "…," said Title X', () => {
    const a = analyseText(`
"The bill is a mess," said Tory spokesman Mark Oates.

"It will not pass," Dana Whitley said.

"We will appeal," said Ruth Keane of the Tenants' Union.`);
    expect(a.names).toEqual(["Mark Oates", "Dana Whitley", "Ruth Keane"]);
    expect(a.speaker("Mark Oates").role).toBe("Tory spokesman");
    expect(a.speaker("Ruth Keane").role).toBe("of the Tenants' Union");
  });

  it("finds a paraphrase placed before the name, and 'X: \"…\"'", () => {
    const a = analyseText(`
The plan would cost more than promised, Colin Reyes said on Monday.

Jane Ortiz: "We were never consulted."`);
    expect(a.who("cost more than promised")).toBe("Colin Reyes");
    expect(a.who("never consulted")).toBe("Jane Ortiz");
  });

  it("keeps a quotation with the speaker when its attribution stands alone in the next sentence", () => {
    const a = analyseText(`
Dr. Mira Sen, the agency's director, said the outbreak was slowing.

"Can you imagine what happens if we wait?" Dr. Sen said.`);
    expect(a.who("Can you imagine")).toBe("Mira Sen");
    expect(a.who("Dr. Sen said.")).toBe("Mira Sen");
  });

  it("gives 'He told the website: …' to the person the paragraphs before are about, even if they have not spoken yet", () => {
    const a = analyseText(`
United have signed striker Tomas Berg for £20m.

Berg scored 30 goals last season.

He told the club website: "I am very happy to be here.

"It was the right move for me."`);
    expect(a.names).toEqual(["Tomas Berg"]);
    expect(a.who("very happy")).toBe("Tomas Berg");
    expect(a.who("right move")).toBe("Tomas Berg");
  });

  it("resolves a role noun to the person the article gave that role: '\"…,\" the former minister said'", () => {
    const a = analyseText(`
The memorial was led by President Anna Lind and her predecessor Karl Berg.

"We must not give in to despair," the president said.`);
    expect(a.who("The memorial was led")).toBe("Anna Lind");
    expect(a.who("despair")).toBe("Anna Lind");
    expect(a.speaker("Karl Berg").claims).toEqual([]);
  });

  it("takes 'the minister' for the person without a contradicting role, not the chairman who spoke last", () => {
    const a = analyseText(`
Tom Vale appeared before the committee.

Committee chairman Rob Hale said there were blurred lines and asked if Mr Vale still trusted the regulator.

The minister did not answer directly, saying: "The regulator is independent."`);
    expect(a.who("regulator is independent")).toBe("Tom Vale");
  });

  it("gives 'When X asked …, Y replied:' to X, and the reply that follows to Y", () => {
    const a = analyseText(`
When committee member Dev Patel asked whether ministers needed more oversight, Mr Vale replied:

"I agree with you on that."

Earlier, Education Secretary Tom Vale had defended the regulator.`);
    expect(a.who("When committee member")).toBe("Dev Patel");
    expect(a.who("I agree with you")).toBe("Mr Vale");
  });

  it("never takes a name inside a quotation, an object, or a possessive for the speaker", () => {
    const a = analyseText(`
Sam Ortega said: "Lee Park asked me to stay."

Nina Cole, who was born abroad, accused Lee Park of lying.

Mr Park's spokesman said he would not comment.`);
    expect(a.who("asked me to stay")).toBe("Sam Ortega");
    expect(a.who("accused Lee Park")).toBe("Nina Cole");
    expect(a.who("spokesman said")).toBeNull();
    expect(a.names).not.toContain("Lee Park");
  });

  it("attributes nothing to a named speaker when an unnamed source or an organisation speaks", () => {
    const a = analyseText(`
"The reform is overdue," said Tory spokesman Mark Oates.

A Home Office spokesman said the bill was on track. "We are confident," the spokesman added.

Judge Amy Lowe asked the lawyer whether the filing was late. "Yes, your honour," the lawyer replied.

Central bank chief Jon Pell said rates would stay on hold. The Bank declined to comment further.

Minister Ann Cole met the protesters. Protest leader Bob Tan told reporters he would keep marching. Ms Cole declined to respond.`);
    expect(a.who("on track")).toBeNull();
    expect(a.who("We are confident")).toBeNull();
    expect(a.who("Yes, your honour")).toBeNull();
    expect(a.who("declined to comment")).toBeNull();
    expect(a.who("declined to respond")).toBeNull();
  });

  it("does not take a title, a club or an abbreviation for a person", () => {
    const a = analyseText(`
The U.S. Constitution says little about it, said Ellen Marsh, a law professor.

Former Rovers striker Jack Dunn said the move made sense.

The panel was chaired by Rep. Tom Ward, R-S.C. Sources said he was unhappy.`);
    expect(a.names).toEqual(["Ellen Marsh", "Jack Dunn", "Tom Ward"]);
    expect(a.speaker("Jack Dunn").role).toBe("Former Rovers striker");
  });

  it("reads a misspelt surname as the person it is one letter or one swap away from", () => {
    const a = analyseText(`
Committee spokeswoman Susan Phalen said the report was fair.

Phelan, while calling the attack a "tragedy," added that the witness was wrong.`);
    expect(a.who("while calling")).toBe("Susan Phalen");
  });

  it("gives a quotation running over paragraphs to the speaker named where it ends, and carries a named one on", () => {
    const a = analyseText(`
Mr Smith said the plan was sound. "It will work," he said.

"We have tested it for years.

"Nothing has been left to chance," said Ms Jones, the project's director.

Mr Smith told reporters: "We will finish on time.

"The money is there."`);
    expect(a.who("tested it for years")).toBe("Ms Jones");
    expect(a.who("The money is there")).toBe("Mr Smith");
  });

  it("reads British single quotation marks, and apostrophes inside them", () => {
    const a = analyseText(`
Ofsted chief Ann Hill said: 'We told the minister it wasn't working.

'It's this year's pupils who paid the price.'

The report was published on Tuesday.`);
    expect(a.who("this year's pupils")).toBe("Ann Hill");
    expect(a.who("The report was published")).toBeNull();
  });
});

/** The dev half of the real articles: who the article quotes, from its meta.json. Test articles are never read here. */
describe("speakers of real articles written by others (dev half)", () => {
  const real = path.join(ROOT, "tests", "eval", "real");
  const split = JSON.parse(readFileSync(path.join(real, "split.json"), "utf8")) as { dev: string[] };
  // Quoted only inside another speaker's quotation, or paraphrased without a verb of saying.
  const KNOWN_MISSES: Record<string, string[]> = {
    "fox-benghazi-report-survivors": ["Mike Rogers"],
    "reuters-republican-debate-charleston": ["Barack Obama"],
  };
  for (const slug of split.dev) {
    it(`finds the people ${slug} quotes, and no one else`, async () => {
      const meta = JSON.parse(readFileSync(path.join(real, slug, "meta.json"), "utf8")) as { speakers: string[] };
      const corpus = await loadCorpus(path.join(real, slug, "corpus"));
      const recall = speakerRecall(meta.speakers, analyseSpeakers(corpus.articles).speakers);
      expect(recall.missed).toEqual(KNOWN_MISSES[slug] ?? []);
      expect(recall.extra).toEqual([]);
    });
  }

  it("attributes the sentences of a real article to the right mouths", async () => {
    const corpus = await loadCorpus(path.join(real, "reuters-dallas-memorial", "corpus"));
    const analysis = analyseSpeakers(corpus.articles);
    const [article] = corpus.articles;
    const who = (fragment: string) => {
      const s = article.paragraphs.flatMap((p) => p.sentences).find((x) => x.text.includes(fragment))!;
      return analysis.speakers.find((sp) => sp.id === analysis.attribution[article.id][s.index])?.name ?? null;
    };
    expect(who("the first black U.S. president said")).toBe("Barack Obama");
    expect(who("Argument turns too easily")).toBe("George W. Bush");
    expect(who("My heart is heavy")).toBe("Sharice Williams");
    expect(who("The slain officers were")).toBeNull();
  });
});
