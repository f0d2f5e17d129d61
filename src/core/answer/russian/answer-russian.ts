import type { Speaker } from "../../speakers/types.js";
import { contentTerms } from "../../text/tokenize.js";
import type { CitationList } from "../citations.js";
import { shortRole, type Unit } from "../compose.js";
import type { ConversationTurn } from "../conversation.js";
import { listEntities } from "../kinds/topic.js";
import { digest } from "../digest.js";
import type { AnswerKit } from "../kit.js";
import type { Answer } from "../types.js";
import { phrase, russianLocale, type QuestionLocale } from "./locale.js";
import { findSpeakersRu, latinTerms } from "./names.js";

const joinRu = (items: string[], and: string) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${and} ${items.at(-1)}`);

/**
 * Russian questions about the article, answered offline: the basic kinds
 * (who spoke, what someone said, who agreed with whom, when, where, how many,
 * which parties, briefly, the link), framed in Russian and quoting the
 * article verbatim in its own language. Anything else gets a Russian reply
 * that says what can be asked, and that full answers need a language model.
 */
export function answerRussian(kit: AnswerKit, text: string, turns: ConversationTurn[]): Answer {
  const locale = russianLocale();
  const { kb } = kit;
  const lower = text.toLowerCase().replace(/ё/g, "е");
  const words = text.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  const said = (s: string, values: Record<string, string | number> = {}) => phrase(locale, s, values);
  const c = kit.citations();
  const done = (answer: string, speakers: Speaker[] = [], kind = "topic"): Answer => ({
    question: text,
    answer,
    answerable: c.citations.length > 0,
    citations: c.citations,
    mode: c.citations.length > 0 ? "answer" : "refusal",
    lang: "ru",
    kind,
    about: { speakers: speakers.map((s) => s.id), topic: [] },
  });

  const last = turns.at(-1);
  const lastSpeakers = (last?.speakers ?? []).map((id) => kb.speaker(id)).filter((s): s is Speaker => !!s);
  const ellipsis = locale.ellipsis.some((p) => new RegExp(p, "iu").test(lower));
  const more = locale.more.some((w) => new RegExp(`(^|\\s)${w}(\\s|$|[?!.])`, "iu").test(lower));

  let { speakers } = findSpeakersRu(kb, words, locale);
  if (speakers.length === 0) speakers = pronounSpeakers(lower, lastSpeakers, locale);
  let kind = locale.kinds.find((k) => k.patterns.some((p) => new RegExp(p, "iu").test(lower)))?.kind ?? null;
  // "а посол?": the last question, about someone else.
  if (!kind && ellipsis && last) kind = last.kind === "claims" || last.kind === "role" || last.kind === "agreement" ? last.kind : "claims";
  if (more && speakers.length === 0) speakers = lastSpeakers;
  if (!kind && speakers.length) kind = "claims";
  if (kind === "claims" && speakers.length === 0) {
    if (/(^|\s)(он|она|они|его|её|ее)(\s|$|[?!.])/iu.test(lower)) return done(said("whom", { name: kb.speakers[0]?.name.split(" ").at(-1) ?? "" }));
    kind = null;
  }

  switch (kind) {
    case "speakers":
      return done(`${said("speakers")}: ${joinRu(kb.speakers.map((sp) => withRole(sp, c, kit)), said("and"))}.`, [], "speakers");
    case "count":
      return done(`${said("count", { n: kb.speakers.length })}: ${joinRu(kb.speakers.map((sp) => `${sp.name} ${intro(sp, c, kit)}`), said("and"))}.`, [], "count");
    case "role":
      if (speakers.length === 0) break;
      return done(
        speakers
          .map((sp) => (sp.role ? `${said("role", { name: sp.name, role: sp.role })} ${intro(sp, c, kit)}.` : `${said("noRole", { name: sp.name })} ${intro(sp, c, kit)}.`))
          .join("\n"),
        speakers,
        "role",
      );
    case "agreement": {
      const named = new Set(speakers.map((s) => s.id));
      const found = kb.analysis.agreements.filter((a) => a.stance === "agree" && (named.size === 0 || named.has(a.withSpeakerId) || named.has(a.speakerId)));
      if (found.length === 0) return done(`${said("noAgreement", { name: speakers.map((s) => s.name).join(", ") })} ${said("canAnswer", { name: example(kit) })}`, speakers, "agreement");
      const lines = found.slice(0, 3).map((a) => {
        const sp = kb.speaker(a.speakerId)!;
        const verb = said(sp.gender === "f" ? "agreed.f" : sp.gender === "m" ? "agreed.m" : "agreed.x");
        return `${sp.name} ${verb} ${kb.speaker(a.withSpeakerId)!.name} ${c.cite(a.docId, kb.sentence(a.docId, a.sentence))}.`;
      });
      return done(lines.join("\n"), speakers, "agreement");
    }
    case "claims": {
      const shown = new Set(more ? turns.flatMap((t) => t.shown) : []);
      const topic = latinTerms(words.filter((w) => !findSpeakersRu(kb, [w], locale).used.has(w)), locale).flatMap((t) => contentTerms(t));
      const parts: string[] = [];
      for (const sp of speakers.slice(0, 3)) {
        const units = kit.speakerUnits(sp, shown);
        const onTopic = topic.length
          ? kit.index.search(topic, (r) => r.docId === sp.docId && sp.claims.includes(r.sentence.index)).filter((h) => h.coverage >= 0.5)
          : [];
        const chosen = onTopic.length ? kit.bestUnits(onTopic, 2) : more ? units.slice(0, 2) : [units[0], kit.keyClaim(sp, Infinity, shown)];
        const unique = chosen.filter((u, i, all): u is Unit => !!u && all.findIndex((x) => x?.sentences[0].index === u.sentences[0].index) === i);
        if (unique.length === 0 && more) parts.push(said("allSaid", { name: sp.name }));
        for (const u of unique) parts.push(quoteUnit(u, c, kit, said("narration")));
      }
      return done(parts.join("\n"), speakers, "claims");
    }
    case "when": {
      const a = kb.articles[0];
      const marker = a.date ? c.citeHeader(a.id, a.date) : null;
      const opening = kb.sentences(a.id).find((s) => !kb.speakerOf(a.id, s.index));
      const lead = a.date ? `${said("dated", { date: a.date })}${marker ? ` ${marker}` : ""}.` : "";
      const more = opening ? ` ${quoteUnit(kit.unit({ docId: a.id, sentence: opening }), c, kit, said("narration"))}` : "";
      return done(`${lead}${more}`.trim(), [], "when");
    }
    case "where": {
      const place = kit.index.refs.find((r) => !r.speaker && /\b(?:at|in) (?:the )?\p{Lu}/u.test(r.sentence.text));
      if (!place) break;
      return done(quoteUnit(kit.unit(place), c, kit, said("narration")), [], "where");
    }
    case "list": {
      const asked = Object.entries(locale.partyWords).find(([ru]) => lower.includes(ru))?.[1] ?? "parties";
      const found = listEntities(kit, contentTerms(asked)[0]);
      if (found.size === 0) break;
      const items = [...found].map(([entity, refs]) => `${entity} (${refs.map((r) => `${r.speaker ? `${r.speaker.name} ` : ""}${c.cite(r.docId, r.sentence)}`).join(", ")})`);
      return done(`${said("listed")}${joinRu(items, said("and"))}.`, [], "topic");
    }
    case "summary": {
      // The digest, as for "tl;dr": a line on the event, one per speaker, one on the ending, quoted in the original.
      const d = digest(kb, {});
      const lines = [d.event, ...d.speakers.map((sp) => `• ${sp.name}: ${sp.text}`), ...(d.ending ? [d.ending] : [])];
      return { question: text, answer: `${said("summary")}\n${lines.join("\n")}`, answerable: d.citations.length > 0, citations: d.citations, mode: "answer", lang: "ru", kind: "summary", digest: d, about: { speakers: [], topic: [] } };
    }
    case "article": {
      const lines = kb.articles.map((a) => {
        const sourceLine = a.text.split(/\r?\n/).find((l) => a.sourceLabel && l.includes(a.sourceLabel) && /:/.test(l))?.trim();
        const marker = sourceLine ? ` ${c.citeHeader(a.id, sourceLine)}` : "";
        return a.sourceUrl ? `${said("link", { title: a.title, url: a.sourceUrl })}${marker}` : said("noLink", { title: a.title });
      });
      return done(lines.join("\n"), [], "article");
    }
  }
  return done(`${said("notCovered")} ${said("canAnswer", { name: example(kit) })} ${said("needLlm")}`);
}

function pronounSpeakers(lower: string, last: Speaker[], locale: QuestionLocale): Speaker[] {
  const has = (list: string[]) => list.some((p) => new RegExp(`(^|[^\\p{L}])${p}([^\\p{L}]|$)`, "u").test(lower));
  if (has(locale.pronouns.f)) return last.filter((s) => s.gender === "f").slice(0, 1);
  if (has(locale.pronouns.m)) return last.filter((s) => s.gender !== "f").slice(0, 1);
  if (has(locale.pronouns.plural)) return last;
  return [];
}

function intro(sp: Speaker, c: CitationList, kit: AnswerKit): string {
  return c.cite(sp.docId, kit.kb.sentence(sp.docId, sp.introduced));
}

function withRole(sp: Speaker, c: CitationList, kit: AnswerKit): string {
  const role = shortRole(sp.role);
  return `${sp.name}${role ? ` (${role})` : ""} ${intro(sp, c, kit)}`;
}

/**
 * A passage in the article's own words, with whose claim it reports. The
 * quotation marks hold the article's words, so a speaker's line says so:
 * "Name — as the article puts it: «…» [1]", never "Name: «…»", which would
 * put the article's narration in the speaker's mouth.
 */
function quoteUnit(unit: Unit, c: CitationList, kit: AnswerKit, narration: string): string {
  const marker = c.citeSpan(unit.docId, unit.sentences);
  const text = kit.kb.article(unit.docId).text.slice(unit.sentences[0].start, unit.sentences.at(-1)!.end);
  const who = unit.speaker ? phrase(russianLocale(), "reported", { name: unit.speaker.name }) : narration;
  return `${who}: «${text}» ${marker}`;
}

function example(kit: AnswerKit): string {
  return kit.kb.speakers[0]?.name.split(" ").at(-1) ?? "";
}
