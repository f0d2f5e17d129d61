import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { EventQa } from "../../src/core/event-qa.js";
import { writeFile } from "node:fs/promises";
import { FIXTURES, SEED_CORPUS, buildTemp, copyCorpus } from "../helpers.js";

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
