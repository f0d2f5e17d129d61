import { quoteGroups, quoteStates, type QuoteState } from "../text/quotes.js";
import { escapeRe } from "../text/regex.js";
import { fold, wordTokens } from "../text/tokenize.js";
import type { Article, Paragraph, Sentence } from "../types.js";
import { findAgreements } from "./agreements.js";
import { PARTICIPATION_VERBS } from "./lexicon.js";
import type { NameMention } from "./find-names.js";
import { People, type Person } from "./people.js";
import {
  addAlias,
  fits,
  laterSpeechPronoun,
  otherVoice,
  pronounCue,
  roleConflicts,
  roleCue,
  roleFits,
  startsNewTopic,
  type Gender,
} from "./references.js";
import { extractRole } from "./role.js";
import { actsAsSubject, hasSpeechMarker, isSubject, subordinateEnd } from "./subject.js";
import type { Agreement, Speaker, SpeakerAnalysis } from "./types.js";

/**
 * Finds who speaks in each article, their role, and which sentences are
 * their claims. Works from sentence shape and general vocabulary only.
 */
export function analyseSpeakers(articles: Article[]): SpeakerAnalysis {
  const speakers: Speaker[] = [];
  const attribution: SpeakerAnalysis["attribution"] = {};
  const agreements: Agreement[] = [];
  for (const article of articles) {
    const result = new ArticleAnalysis(article).run();
    speakers.push(...result.speakers);
    attribution[article.id] = result.attribution;
    agreements.push(...result.agreements);
  }
  return { speakers, attribution, agreements };
}

/** How a group of sentences got its speaker: named or referred to there, or carried on from before. */
type How = "named" | "referred" | "continued";

interface Assigned {
  group: Sentence[];
  who: Speaker | null;
  how: How | null;
}

/** Named or referred to in the group itself, so nothing found later overrides it. */
const isExplicit = (a: Assigned) => a.how === "named" || a.how === "referred";

/** What one paragraph passes on to the next. */
interface Flow {
  /** The latest speaker given a sentence. */
  recent: Speaker | null;
  /** The speaker of a paragraph whose quotation the next paragraph may continue. */
  carried: Speaker | null;
  /**
   * Groups of paragraphs whose quotation is still open at their end and whose
   * speaker is not named there, or "named" when it is.
   */
  openChain: Assigned[] | "named";
  endedInside: boolean;
}

// How far back a pronoun or a role noun looks for the person it stands for.
const LOOK_BACK = 4;

class ArticleAnalysis {
  private readonly sentences: Sentence[];
  private readonly people: People;
  private readonly speakerOf = new Map<Person, Speaker>();
  private readonly personOf = new Map<Speaker, Person>();
  /** For each sentence, the speaker named as its subject there. */
  private readonly subjectOf = new Map<number, Speaker>();
  /** Speakers who share a sentence's verb with its subject ("Both X and Y said …", "When X asked, Y replied"). */
  private readonly coSubjects = new Map<number, Speaker[]>();
  /** Introduced with a role and an ordinary verb ("Latvian MP X took a sceptical line"): kept only if they then speak. */
  private readonly provisional = new Set<Speaker>();
  /** For each sentence, the people it names outside quotations, its subject first. */
  private readonly salience = new Map<number, Person[]>();
  private readonly roles = new Map<Person, string | null>();
  /** The person named at the start of a sentence, most likely its subject. */
  private readonly openers = new Map<number, Person>();
  /** A sentence that ends by introducing someone else's quotation ("…, Y replied:"): whose it is. */
  private readonly leadsInto = new Map<number, Speaker>();
  private readonly out: (string | null)[];

  constructor(private readonly article: Article) {
    this.sentences = article.paragraphs.flatMap((p) => p.sentences);
    this.people = new People(lowercaseWords(article.text));
    this.out = this.sentences.map(() => null);
  }

  run() {
    const flow: Flow = { recent: null, carried: null, openChain: [], endedInside: false };
    for (const p of this.article.paragraphs) this.attributeParagraph(p, flow);
    return this.finish();
  }

  /** Gives each group of a paragraph's sentences (a sentence, or one quotation over several) to its speaker. */
  private attributeParagraph(p: Paragraph, flow: Flow) {
    const states = quoteStates(p.sentences);
    const continues = flow.endedInside && /^\s*["“‘']/.test(p.sentences[0].text);
    const outside = new Map(p.sentences.map((s, i) => [s.index, states[i].outside]));
    p.sentences.forEach((s, i) => this.readSentence(s, states[i].outside));

    let current: Speaker | null = null;
    const assigned: Assigned[] = [];
    for (const [gi, group] of quoteGroups(p.sentences).entries()) {
      const text = group.map((s) => outside.get(s.index)!).join(" ");
      const spoken = !/\p{L}/u.test(text.replace(/["“”‘’']/g, ""));
      let who: Speaker | null = null;
      let how: How | null = null;
      for (const s of group) who ??= this.subjectOf.get(s.index) ?? null;
      if (who) how = "named";
      if (!who) {
        who = this.reference(text, group[0].index, current, flow.recent);
        if (who) how = "referred";
      }
      if (!who) {
        if (gi === 0 && flow.carried && spoken) who = flow.carried;
        else if (!spoken && otherVoice(text)) current = null;
        else if (current && (spoken || (!startsNewTopic(text) && !NAMED_BODY_SUBJECT.test(text) && !this.opensWithOther(group, current)))) who = current;
        if (who) how = "continued";
      }
      // '"…?" ¶ Dr. X said.': an attribution on its own names the speaker of the quotation before it.
      const previous = assigned.at(-1);
      if (how === "named" && previous && !isExplicit(previous) && !/["“”‘]/.test(text) && isBareAttribution(text)) {
        if (/["”’']\s*$/.test(previous.group.at(-1)!.text)) this.assign(previous, who!);
      }
      const a: Assigned = { group, who: null, how };
      assigned.push(a);
      if (who) {
        this.assign(a, who);
        current = this.leadsInto.get(group.at(-1)!.index) ?? who;
        flow.recent = who;
        this.noteSalient(group, who);
      }
    }
    this.closeParagraph(states, assigned, continues, flow);
  }

  /** What the paragraph passes on: a quotation still open, or a speaker whose quotation the next paragraph may continue. */
  private closeParagraph(states: QuoteState[], assigned: Assigned[], continues: boolean, flow: Flow) {
    const last = assigned.at(-1);
    // '"A. ¶ "B," said X.': the quotation left open before is X's too.
    if (continues && flow.openChain !== "named" && assigned[0] && isExplicit(assigned[0])) {
      for (const a of flow.openChain) if (!isExplicit(a)) this.assign(a, assigned[0].who!);
    }
    const before: Assigned[] | "named" = continues ? flow.openChain : [];
    flow.endedInside = states.at(-1)!.endsInside;
    if (!flow.endedInside || !last) flow.openChain = [];
    else if (isExplicit(last) || before === "named") flow.openChain = "named";
    else flow.openChain = [...before, last];
    const lastSentence = last?.group.at(-1);
    flow.carried = last?.who && (states.at(-1)!.quotes || /:\s*$/.test(lastSentence?.text ?? "")) ? last.who : null;
    if (lastSentence && this.leadsInto.has(lastSentence.index)) flow.carried = this.leadsInto.get(lastSentence.index)!;
  }

  /** "Ms X declined to respond" after Y spoke: the sentence is about someone else, not more of Y's words. */
  private opensWithOther(group: Sentence[], current: Speaker): boolean {
    return group.some((s) => this.openers.has(s.index) && this.openers.get(s.index) !== this.personOf.get(current));
  }

  /** Gives a group of sentences, already read, to a speaker found after it. */
  private assign(a: Assigned, who: Speaker) {
    for (const s of a.group) this.out[s.index] = who.id;
    a.who = who;
  }

  /** Finds the people a sentence names, and whether one of them is who speaks there. */
  private readSentence(s: Sentence, outside: string) {
    const mentions = this.people.mentionsIn(s.index, s.text, outside);
    const actors = mentions.filter((m) => !m.possessive);
    const named = actors.filter((m) => isSubject(outside, m, actors.some((a) => a.end <= m.start)));
    const sub = subordinateEnd(outside);
    let main = named.find((m) => m.start >= sub) ?? named[0];
    // "X refused … as he admitted that …": the subject who opens the sentence speaks in a later clause.
    const opener = actors.find((m) => /^\W*(?:\p{Lu}\p{Ll}*\.?\s+)?$/u.test(outside.slice(0, m.start)));
    if (opener) this.openers.set(s.index, opener.person);
    if (!main && opener) {
      const gender = laterSpeechPronoun(outside.slice(opener.end));
      if (gender && fits(opener.person.gender, gender)) main = opener;
    }
    if (main) {
      const speaker = this.speak(main.person, s, main);
      this.subjectOf.set(s.index, speaker);
      for (const m of named) {
        if (m.person === main.person) continue;
        const coordinated = /\band\s+(?:[\p{L}.'’-]+\s+){0,4}$|\band\s*$/u.test(outside.slice(0, m.start));
        if (coordinated || m.start < sub) this.coSubjects.set(s.index, [...(this.coSubjects.get(s.index) ?? []), this.speak(m.person, s, m)]);
      }
      // "When X asked whether …, Y replied:": the sentence holds X's words; Y's follow it.
      const asker = named.find((m) => m.start < sub && m.person !== main.person);
      if (asker && main.start >= sub && /:\s*$/.test(outside) && isBareAttribution(outside.slice(sub))) {
        this.subjectOf.set(s.index, this.speak(asker.person, s, asker));
        this.coSubjects.set(s.index, [speaker]);
        this.leadsInto.set(s.index, speaker);
      }
    } else {
      // "Latvian MP X took a sceptical line": someone new, with a role, doing anything.
      const weak = actors.find((m) => m.person.first === s.index && !this.speakerOf.has(m.person) && actsAsSubject(outside, m) && extractRole(s.text, m));
      if (weak) {
        const sp = this.speak(weak.person, s, weak);
        this.provisional.add(sp);
        // "Party leader X and her rival Y clashed": both are the subject.
        const partner = actors[actors.indexOf(weak) - 1];
        if (partner && partner.person.first === s.index && !this.speakerOf.has(partner.person) && /^\s+and\s+(?:[\p{L}.'’-]+\s+){0,4}$/u.test(outside.slice(partner.end, weak.start))) {
          const first = this.speak(partner.person, s, partner);
          this.provisional.add(first);
          this.subjectOf.set(s.index, first);
          this.coSubjects.set(s.index, [sp]);
        } else this.subjectOf.set(s.index, sp);
      }
    }
    const subject = this.subjectOf.get(s.index);
    const ordered = [...actors, ...mentions.filter((m) => m.possessive)].map((m) => m.person);
    const first = subject ? this.personOf.get(subject) : undefined;
    this.salience.set(s.index, unique(first ? [first, ...ordered] : ordered));
  }

  /** The speaker for a person, made when they first speak. Their role is the one the article gives where it first names them. */
  private speak(person: Person, s: Sentence, m?: NameMention): Speaker {
    const known = this.speakerOf.get(person);
    if (known) {
      this.provisional.delete(known);
      return known;
    }
    let role = this.roleOf(person);
    let introduced = person.first;
    if (!role && m && s.index !== person.first) {
      role = extractRole(s.text, m);
      if (role) introduced = s.index;
    }
    const sp: Speaker = {
      id: `${this.article.id}:${fold(person.name).replace(/[^\p{L}\p{N}]+/gu, "-")}`,
      docId: this.article.id,
      name: person.name,
      role,
      gender: person.gender,
      aliases: [],
      introduced,
      claims: [],
    };
    this.speakerOf.set(person, sp);
    this.personOf.set(sp, person);
    return sp;
  }

  private roleOf(person: Person): string | null {
    if (!this.roles.has(person)) this.roles.set(person, extractRole(this.sentences[person.first].text, person.mention));
    return this.roles.get(person)!;
  }

  /** People named in the sentences before `index`, nearest first, each sentence's subject before the rest. */
  private salientBefore(index: number): Person[] {
    const out: Person[] = [];
    for (let i = index - 1; i >= 0 && i >= index - LOOK_BACK; i--) out.push(...(this.salience.get(i) ?? []));
    return unique(out);
  }

  /** A speaker found by pronoun or role noun leads the salience of the sentences given to them. */
  private noteSalient(group: Sentence[], who: Speaker) {
    const person = this.personOf.get(who);
    if (!person) return;
    for (const s of group) this.salience.set(s.index, unique([person, ...(this.salience.get(s.index) ?? [])]));
  }

  /** A speaker referred to by pronoun or by role noun, resolved to the person it most likely stands for. */
  private reference(text: string, index: number, current: Speaker | null, recent: Speaker | null): Speaker | null {
    const role = roleCue(text);
    if (role) {
      // "A ministry spokesman said … "…," the spokesman added": the unnamed one, not a named spokesman.
      const lately = [...this.sentences.slice(Math.max(0, index - LOOK_BACK), index).map((s) => s.text), text.slice(0, text.indexOf(role.noun))];
      if (lately.some((t) => unnamed(t, role.noun))) return null;
      const who = this.byRole(role.noun, index, current, recent, lately);
      if (who) addAlias(who, role.phrase);
      return who;
    }
    const pronoun = pronounCue(text);
    if (!pronoun) return null;
    const person = this.salientBefore(index).find((p) => fits(this.genderOf(p), pronoun.gender));
    const sp = person ? this.speakerOf.get(person) : undefined;
    // A person who has not spoken yet becomes a speaker only by a verb of saying ("He told the website: …").
    if (person && (sp || pronoun.speech)) {
      person.gender ??= pronoun.gender;
      const speaker = sp ?? this.speak(person, this.sentences[index]);
      speaker.gender ??= pronoun.gender;
      return speaker;
    }
    if (person) return null;
    return byGender([current, recent], pronoun.gender) ?? null;
  }

  private byRole(noun: string, index: number, current: Speaker | null, recent: Speaker | null, lately: string[]): Speaker | null {
    const described = (p: Person) => this.speakerOf.get(p) ?? { role: this.roleOf(p) };
    if (current && roleFits(current, noun)) return current;
    const salient = this.salientBefore(index);
    const matching = [...salient, ...this.people.all.filter((p) => p.first <= index)].filter((p) => roleFits(described(p), noun));
    if (matching.length) return this.speakerOf.get(matching[0]) ?? this.speak(matching[0], this.sentences[index]);
    // "X asked the lawyer … "…," the lawyer replied": someone just mentioned and never named.
    const word = new RegExp(`\\b${escapeRe(noun)}\\b`, "i");
    if (lately.some((t) => word.test(t))) return null;
    // "The scientist expressed hope": no one is described so; the paragraph's speaker is meant.
    if (current) return current;
    if (recent && !roleConflicts(recent, noun) && salient.some((p) => this.speakerOf.get(p) === recent)) return recent;
    // The most salient person the noun does not contradict; or the only one there is ("Team coach X … the former assistant said").
    const person = salient.find((p) => !roleConflicts(described(p), noun)) ?? (salient.length === 1 ? salient[0] : undefined);
    return person ? this.speak(person, this.sentences[index]) : null;
  }

  private genderOf(p: Person): Gender {
    return this.speakerOf.get(p)?.gender ?? p.gender;
  }

  private finish() {
    const { sentences, out } = this;
    // Maps rather than searches: an article of thousands of speakers must not cost their square.
    const order = new Map(this.people.all.map((p, i) => [p, i]));
    let speakers = [...this.speakerOf.entries()].sort(([a], [b]) => a.first - b.first || order.get(a)! - order.get(b)!).map(([, sp]) => sp);
    for (const sp of speakers) sp.gender ??= this.personOf.get(sp)!.gender ?? guessGender(sp, sentences, this.subjectOf);
    const byId = new Map(speakers.map((sp) => [sp.id, sp]));
    for (const s of sentences) {
      const sp = out[s.index] ? byId.get(out[s.index]!) : undefined;
      if (sp && isClaim(s.text)) sp.claims.push(s.index);
      for (const co of this.coSubjects.get(s.index) ?? []) if (co !== sp && isClaim(s.text)) co.claims.push(s.index);
    }
    for (const sp of speakers) sp.claims.sort((a, b) => a - b);
    // Someone who only acts ("signed a decree") and never speaks is not a speaker.
    const silent = new Set([...this.provisional].filter((sp) => !sp.claims.some((i) => hasSpeechMarker(sentences[i].text))).map((sp) => sp.id));
    if (silent.size) {
      speakers = speakers.filter((sp) => !silent.has(sp.id));
      out.forEach((id, i) => {
        if (id && silent.has(id)) out[i] = null;
      });
    }
    const agreements = findAgreements(this.article.id, sentences, speakers, out);
    return { speakers, attribution: out, agreements };
  }
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function byGender(candidates: (Speaker | null)[], gender: Gender): Speaker | null {
  const cs = candidates.filter((x): x is Speaker => !!x);
  return cs.find((c) => c.gender === gender) ?? cs.find((c) => c.gender === null) ?? null;
}

// "The Bank declined to comment": an organisation acts; the speaker before is not speaking.
const NAMED_BODY_SUBJECT = /^\W*The\s+(?:\p{Lu}[\p{L}.&'’-]*\s+)+(?:\p{Ll}+ly\s+)?(?:has|had|was|is|will|would|\p{Ll}+ed|\p{Ll}+s)\b/u;

/** "a spokesman", "one official": someone the article does not name ("X, a deputy of Y" names them). */
function unnamed(text: string, noun: string): boolean {
  return new RegExp(`(?<!,\\s*)\\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\\s+(?:[\\p{L}.'’-]+\\s+){0,3}?${escapeRe(noun)}\\b(?!\\s+\\p{Lu})`, "u").test(text);
}

/** "Dr. X said." on its own: a name, a verb of saying, and little else. */
function isBareAttribution(text: string): boolean {
  return wordTokens(text).length <= 6 && !/\bthat\b/i.test(text);
}

/** Words the article writes in lower case somewhere: capitalised, they only open a sentence. */
function lowercaseWords(text: string): Set<string> {
  return new Set(wordTokens(text).filter((t) => /^\p{Ll}/u.test(t.text)).map((t) => fold(t.text)));
}

/** Pronouns in the sentences that follow a speaker's introduction, before anyone else is named. */
function guessGender(sp: Speaker, sentences: Sentence[], subjectOf: Map<number, Speaker>): Speaker["gender"] {
  const intro = sentences[sp.introduced];
  let male = 0;
  let female = 0;
  for (let i = sp.introduced; i < sentences.length; i++) {
    const s = sentences[i];
    if (i > sp.introduced && (s.paragraph !== intro.paragraph || (subjectOf.get(i) && subjectOf.get(i) !== sp))) break;
    // Subject pronouns only: "agreed with her" names someone else.
    const at = s.text.indexOf(sp.name);
    const text = i === sp.introduced && at >= 0 ? s.text.slice(at + sp.name.length) : s.text;
    const outsideQuotes = text.replace(/["“][^"“”]*["”]/g, " ");
    for (const m of outsideQuotes.matchAll(/\b(he|she|his|her|according to him|according to her)\b(?=\W+(\p{L}+))/giu)) {
      const w = m[1].toLowerCase().replace("according to him", "he").replace("according to her", "she");
      if ((w === "his" || w === "her") && !/^(?:opinion|view|words|estimation|assessment|mind)$/i.test(m[2])) continue;
      if (w === "he" || w === "his") male++;
      else female++;
    }
  }
  return male > female ? "m" : female > male ? "f" : null;
}

/** A claim reports what was said or thought; taking part ("moderated by X") is not one. */
function isClaim(text: string): boolean {
  return hasSpeechMarker(text) || !wordTokens(fold(text)).some((w) => PARTICIPATION_VERBS.has(w.text));
}
