import { distance } from "fastest-levenshtein";
import { fold } from "../text/tokenize.js";
import { findNames, type NameMention } from "./find-names.js";
import { ORG_WORDS, PERSON_NOUNS, TITLE_WORDS } from "./lexicon.js";
import type { Speaker } from "./types.js";

/** Someone the article names, whether or not they speak. */
export interface Person {
  key: string;
  /** The name as first given in full, or as "Mr X" when the article never gives it in full. */
  name: string;
  surname: string;
  /** Sentence and offsets of the first mention. */
  first: number;
  mention: NameMention;
  /** Named before anyone else in the sentence that introduces them: the one a bare surname most likely means. */
  topical: boolean;
  gender: Speaker["gender"];
}

export interface PersonMention extends NameMention {
  person: Person;
  /** "Smith's": the person owns something, and is not what the sentence is about. */
  possessive: boolean;
}

/** Forms of address: their gender where they tell it. */
const HONORIFICS: Record<string, Speaker["gender"]> = {
  mr: "m", mrs: "f", ms: "f", miss: "f", sir: "m", dame: "f", lord: "m", lady: "f", dr: null, prof: null, professor: null,
};

// A title or form of address, then one capitalised word that is not itself followed by a name.
// "O'Brien", "Smith-Jones"; never the possessive "Smith's".
const SURNAME = String.raw`\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}?[\p{Ll}\p{M}]+|['’]\p{Lu}[\p{Ll}\p{M}]+)*`;
const TITLED_SURNAME = new RegExp(String.raw`(?<![\p{L}])(\p{Lu}\p{Ll}*)\.?\s+(${SURNAME})(['’]s?)?(?![\p{L}'’-])(?!\s+\p{Lu}\p{Ll})`, "gu");
const CAPITALISED = new RegExp(String.raw`(?<![\p{L}'’-])${SURNAME}(['’]s?)?(?![\p{L}])`, "gu");

/**
 * The people an article names, as it goes: a full name introduces someone;
 * later "Mr X", "Sen. X" or the bare surname refer back to them.
 */
export class People {
  readonly all: Person[] = [];
  private readonly byKey = new Map<string, Person>();
  private readonly bySurnameKey = new Map<string, Person[]>();
  /** Misspelt surnames already looked up, while no one new has been named. */
  private near = new Map<string, Person[]>();
  /** People by the first letter and length of their surname: a misspelling is one letter off, so only three lengths can match. */
  private readonly byInitialLength = new Map<string, Person[]>();

  constructor(private readonly lowercase: ReadonlySet<string>) {}

  /**
   * Everyone named in a sentence, in order. Full names anywhere introduce new
   * people; the mentions returned are those in `outside`, the sentence with
   * its quotations blanked.
   */
  mentionsIn(index: number, text: string, outside: string): PersonMention[] {
    const introduced: Person[] = [];
    const mentions: PersonMention[] = [];
    for (const m of findNames(text, this.lowercase)) {
      const person = this.lookupFull(m.name) ?? this.add(m.name, index, m);
      if (person.first === index && person.mention === m) introduced.push(person);
      // Only names outside quotations are mentions: a name inside one is what someone said.
      if (outside.slice(m.start, m.end) === m.name) mentions.push({ ...m, person, possessive: /^['’]/.test(outside.slice(m.end)) });
      // "Mrs Jane X": the form of address before a full name tells the gender too.
      const address = /\b(\p{Lu}\p{Ll}*)\.?\s+$/u.exec(text.slice(Math.max(0, m.start - 12), m.start))?.[1];
      person.gender ??= (address && HONORIFICS[fold(address)]) || null;
    }
    const taken = (start: number, end: number) => mentions.some((m) => start < m.end && end > m.start);
    for (const m of outside.matchAll(TITLED_SURNAME)) {
      const title = fold(m[1]);
      if (!(title in HONORIFICS) && !TITLE_WORDS.has(title) && !TITLE_ABBREVIATIONS.has(title)) continue;
      const start = m.index! + m[0].indexOf(m[2], m[1].length);
      const end = start + m[2].length;
      if (taken(start, end) || !this.isNameWord(m[2], outside, start)) continue;
      const gender = HONORIFICS[title] ?? null;
      let person = this.bySurname(m[2], index, gender);
      // Only a form of address makes a person of a lone surname: "Mr X" never given in full.
      if (!person && title in HONORIFICS) person = this.add(`${m[1]} ${m[2]}`, index, { name: m[0], start: m.index!, end }, m[2]);
      if (!person) continue;
      if (gender && !person.gender) person.gender = gender;
      mentions.push({ name: m[2], start: m.index!, end, person, possessive: !!m[3] });
    }
    for (const m of outside.matchAll(CAPITALISED)) {
      const word = m[0].replace(/['’]s?$/, "");
      const start = m.index!;
      const end = start + word.length;
      if (taken(start, end) || !this.isNameWord(word, outside, start)) continue;
      const person = this.bySurname(word, index, null);
      if (person) mentions.push({ name: word, start, end, person, possessive: !!m[1] });
    }
    mentions.sort((a, b) => a.start - b.start);
    for (const p of introduced) p.topical = mentions[0]?.person === p;
    return mentions;
  }

  /** A surname in running text: not part of an organisation ("the X administration", "X Organization"). */
  private isNameWord(word: string, text: string, start: number): boolean {
    const after = /^\s+(\p{L}+)/u.exec(text.slice(start + word.length))?.[1] ?? "";
    if (ORG_WORDS.has(fold(after))) return false;
    if (/^\p{Ll}/u.test(after) && (PERSON_NOUNS.has(after) || TITLE_WORDS.has(after))) return false;
    return !/\bthe\s+$/i.test(text.slice(0, start));
  }

  private add(name: string, index: number, mention: NameMention, surname = name.split(/\s+/).at(-1)!): Person {
    const person: Person = { key: fold(name), name, surname, first: index, mention, topical: false, gender: null };
    this.all.push(person);
    this.byKey.set(person.key, person);
    const surnameKey = fold(surname);
    this.bySurnameKey.set(surnameKey, [...(this.bySurnameKey.get(surnameKey) ?? []), person]);
    const shape = `${surname[0]}|${surnameKey.length}`;
    this.byInitialLength.set(shape, [...(this.byInitialLength.get(shape) ?? []), person]);
    this.near = new Map();
    this.byKey.set(shortKey(name), person);
    return person;
  }

  /** "Anna M. Berg" and "Anna Berg" are one person. */
  private lookupFull(name: string): Person | undefined {
    return this.byKey.get(fold(name)) ?? this.byKey.get(shortKey(name));
  }

  /**
   * The person a bare surname means. Of several with that surname, the latest
   * introduced as the subject of their sentence ("Anna X said" after a passing
   * "Karl X"), else the first; a surname misspelt by one letter still counts.
   */
  bySurname(word: string, index: number, gender: Speaker["gender"]): Person | null {
    const w = fold(word);
    let same = (this.bySurnameKey.get(w) ?? []).filter((p) => p.first <= index);
    if (same.length === 0 && w.length >= 5) {
      if (!this.near.has(w)) {
        const candidates = [w.length - 1, w.length, w.length + 1].flatMap((n) => this.byInitialLength.get(`${word[0]}|${n}`) ?? []);
        // In the order they were named, as the full list had them.
        const named = candidates.filter((p) => isMisspelling(fold(p.surname), w)).sort((a, b) => this.all.indexOf(a) - this.all.indexOf(b));
        this.near.set(w, named);
      }
      const near = this.near.get(w)!.filter((p) => p.first <= index);
      if (near.length === 1) same = near;
    }
    if (gender) same = same.filter((p) => p.gender === gender || p.gender === null);
    if (same.length <= 1) return same[0] ?? null;
    return [...same].reverse().find((p) => p.topical) ?? same[0];
  }
}

/** One letter off ("Hansen" for "Hanson"), or two letters swapped in a longer name ("Moreal" for "Morale"). */
function isMisspelling(a: string, b: string): boolean {
  const d = distance(a, b);
  return d === 1 || (d === 2 && a.length >= 6 && a.length === b.length && [...a].sort().join("") === [...b].sort().join(""));
}

const TITLE_ABBREVIATIONS = new Set(["sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "insp", "supt", "det", "rev", "amb"]);

function shortKey(name: string): string {
  const parts = fold(name).split(/\s+/);
  return `${parts[0]} ${parts.at(-1)}`;
}
