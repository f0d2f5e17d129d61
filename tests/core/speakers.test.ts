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

  it("handles introductory phrases, particles in names, 'in turn' and an affiliation after the name", async () => {
    const conference = (await buildTemp(path.join(FIXTURES, "conference"))).kb;
    expect(conference.speakers.map((s) => [s.name, s.role])).toEqual([
      ["Nabijon Kasimov", "Ambassador of Uzbekistan to Germany"],
      ["Marie-Claire van der Berg", "senior fellow at the Institute for Climate Diplomacy"],
      ["Thomas Richter", "director of the German Water Partnership"],
      ["Aigerim Nurlanovna", "Professor of the Kazakh National University"],
    ]);
    const [d] = conference.analysis.agreements;
    expect([conference.speaker(d.speakerId)!.name, d.stance, conference.speaker(d.withSpeakerId)!.name]).toEqual([
      "Aigerim Nurlanovna",
      "disagree",
      "Thomas Richter",
    ]);
  });

  it("handles 'opened by X, who noted', 'X from Y spoke about' and a journalist's question", async () => {
    const vienna = (await buildTemp(path.join(FIXTURES, "vienna"))).kb;
    expect(vienna.speakers.map((s) => [s.name, s.role])).toEqual([
      ["Bakyt Usenov", "Chargé d'Affaires"],
      ["Hans Gruber", "Professor from the University of Vienna"],
      ["Elif Demir", "head of the Eurasia desk at the Austrian Institute for International Affairs"],
      ["Pavel Novak", "Journalist"],
    ]);
    const usenov = vienna.speakers[0];
    expect(usenov.claims.map((i) => vienna.sentence(usenov.docId, i).text.slice(0, 20))).toEqual([
      "The event was opened",
      "He called on Austria",
      "Usenov replied that ",
    ]);
  });

  it("handles 'as noted by X', 'according to political analyst X' and 'shared this view'", async () => {
    const almaty = (await buildTemp(path.join(FIXTURES, "almaty"))).kb;
    expect(almaty.speakers.map((s) => [s.name, s.role])).toEqual([
      ["Dauren Abayev", "Deputy Minister of Information"],
      ["Seitkazy Mataev", "head of the Union of Journalists"],
      ["Anna Petrova", "editor-in-chief of the Vlast portal"],
      ["Rasul Zhumaly", "political analyst"],
      ["Gulmira Ileuova", "Zhumaly's colleague, sociologist"],
    ]);
    const [a] = almaty.analysis.agreements;
    expect([almaty.speaker(a.speakerId)!.name, almaty.speaker(a.withSpeakerId)!.name]).toEqual(["Gulmira Ileuova", "Rasul Zhumaly"]);
  });

  it("admits someone introduced with a role and an ordinary verb only if they go on to speak", async () => {
    const tallinn = (await buildTemp(path.join(FIXTURES, "tallinn"))).kb;
    expect(tallinn.speakers.map((s) => s.name)).toEqual(["Martin Kask", "Ilze Ozola", "Kaarel Saar", "Tomas Jankus"]);
    const ozola = tallinn.speakers[1];
    expect(ozola.claims.map((i) => tallinn.sentence(ozola.docId, i).text.slice(0, 11))).toEqual(["Latvian MP ", "She argued "]);
    const corpus = await copyCorpus(path.join(FIXTURES, "summit"));
    await writeFile(path.join(corpus, "decree.txt"), "Decree Signed\n\n1 May 2024\n\nPresident Anna Berg signed the decree on Monday. The ceremony lasted an hour.\n");
    const both = (await buildTemp(corpus)).kb;
    expect(both.speakers.map((s) => s.name)).not.toContain("Anna Berg");
  });

  it("reads 'X's optimism was not shared by Dr. Y' as Y speaking and disagreeing with X", async () => {
    const ottawa = (await buildTemp(path.join(FIXTURES, "ottawa"))).kb;
    expect(ottawa.speakers.map((s) => s.name)).toEqual(["Claire Dubois", "Mary Tootoo", "James Whitfield", "Anika Lund"]);
    const [d] = ottawa.analysis.agreements;
    expect([ottawa.speaker(d.speakerId)!.name, d.stance, ottawa.speaker(d.withSpeakerId)!.name]).toEqual(["Anika Lund", "disagree", "James Whitfield"]);
    // A quote-only paragraph with "she explained" goes to the latest woman who spoke.
    expect(ottawa.speakers[3].claims.map((i) => ottawa.sentence("ottawa-arctic", i).paragraph)).toEqual([5, 5, 6]);
  });

  it("reads roles in brackets, between dashes and in 'who heads Y'", async () => {
    const astana = (await buildTemp(path.join(FIXTURES, "astana"))).kb;
    expect(astana.speakers.map((s) => [s.name, s.role])).toEqual([
      ["Aliya Serikbayeva", "head of the National Museum of Kazakhstan"],
      ["Pierre Lambert", "programme specialist for culture"],
      ["Bolat Nurgaliyev", "Historian, author of several books on the Great Steppe"],
      ["Dana Akhmetova", "Curator"],
    ]);
  });

  it("separates a country from the name after it and keeps an initial", async () => {
    const tashkent = (await buildTemp(path.join(FIXTURES, "tashkent"))).kb;
    expect(tashkent.speakers.map((s) => [s.name, s.role])).toEqual([
      ["Zayniddin Nizamkhodjaev", "Chairman of the Central Election Commission of Uzbekistan"],
      ["Olga Epifanova", "Member of the Federation Council of Russia"],
      ["N. Karimova", "Professor of the University of World Economy and Diplomacy"],
      ["Sergei Lebedev", "head of the CIS observer mission"],
    ]);
  });

  it("resolves 'agreed with her' to the latest speaker who fits", () => {
    const [a] = summit.analysis.agreements;
    expect(summit.speaker(a.speakerId)!.name).toBe("Marco Villa");
    expect(summit.speaker(a.withSpeakerId)!.name).toBe("Sofia Keller");
  });
});
