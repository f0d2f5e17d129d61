import { stemmer } from "stemmer";

// Words, numbers, and words joined by an apostrophe or hyphen, in any script.
const WORD_RE = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;
const LATIN_RE = /^[a-z0-9'’\-]+$/;

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Lower-cases and strips diacritics so "Müller" and "muller" meet. */
export function fold(text: string): string {
  // Plain ASCII has no diacritics to strip; most words are, and normalising is slow.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase().replace(/’/g, "'");
}

export function wordTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    out.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

export function words(text: string): string[] {
  return wordTokens(fold(text)).map((t) => t.text);
}

// Irregular forms, so that "sent" meets "send" and "won" meets "win".
const IRREGULAR: Record<string, string> = Object.fromEntries(
  (
    "sent:send took:take taken:take gave:give given:give made:make held:hold met:meet spoke:speak spoken:speak " +
    "said:say told:tell went:go gone:go came:come saw:see seen:see won:win lost:lose began:begin begun:begin " +
    "brought:bring bought:buy thought:think found:find left:leave led:lead paid:pay ran:run rose:rise risen:rise " +
    "grew:grow grown:grow knew:know known:know wrote:write written:write chose:choose chosen:choose drew:draw " +
    "drawn:draw fell:fall fallen:fall felt:feel kept:keep built:build sold:sell sought:seek stood:stand " +
    "taught:teach understood:understand became:become spent:spend cut:cut set:set put:put hit:hit"
  )
    .split(" ")
    .map((p) => p.split(":")),
);

/** Porter stem for Latin-script words; other scripts are left to the character n-grams. */
export function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    const folded = fold(word).replace(/'s$/, "");
    const w = IRREGULAR[folded] ?? folded;
    stemmed = !LATIN_RE.test(w) || w.length < 4 ? w : stemmer(w);
    // Words repeat (ingest stems every word of the corpus, twice): remember the most recent ones.
    if (stems.size >= STEM_CACHE) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
}

const STEM_CACHE = 200_000;
const stems = new Map<string, string>();

export const STOP_WORDS = new Set(
  (
    "a an the and or but if then than so of to in on at by for from with about as into over under after before between " +
    "against toward towards within through during among via per upon across behind beyond since until unless " +
    "is are was were be been being am do does did doing have has had having will would shall should can could may might must " +
    "i me my we our us you your he him his she her it its they them their this that these those there here " +
    "what which who whom whose when where why how whether not no nor all any each every both either neither some such " +
    "also very just only too more most much many own same other another up down out off further once " +
    "s t d ll re ve m o y its it's i'm don't doesn't didn't isn't aren't wasn't weren't"
  ).split(/\s+/),
);

/** Content terms: folded, stop words removed, stemmed. */
export function contentTerms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
}

/**
 * Words that frame a question rather than say what it is about ("What did X
 * say about Y?"); kept out of lexical matching so they do not pull in
 * passages that merely contain "say".
 */
export const QUESTION_WORDS = new Set(
  (
    "say said says saying tell told tells talk talked talks speak spoke speaks mention mentioned mentions " +
    "think thought thinks believe believed according claim claimed claims opinion opinions view views please " +
    "know article text report reported passage quote quoted statement statements exactly anyone someone somebody " +
    "describe described describes characterize characterized characterise characterised want wants wanted " +
    "list name names tell show give explain summarize summarise besides except excluding apart aside " +
    "represent represents represented representing hi hello hey bot " +
    // Light verbs carry little of a question's meaning ("What gave X a new impetus?").
    "give gives gave given get gets got make makes made do does did done go goes went come comes came become became " +
    "put puts keep keeps kept let lets seem seems seemed find finds kind sort " +
    "now currently really actually position positions job jobs matter matters"
  ).split(/\s+/),
);

/**
 * Very common English words: when an article happens not to use one, that
 * says little about whether it answers the question ("a new bureaucracy").
 */
export const COMMON_WORDS = new Set(
  (
    "new old good bad big small large little high low long short great first last next other same different " +
    "current recent future past present public private local national international general main major minor " +
    "many much more most less least few several whole full real true false right left early late young " +
    "way thing things time times year years day days people person part place case point fact group number " +
    "world country countries state government system problem question issue issues work life hand level " +
    "really well also still just even already again never always often sometimes usually"
  )
    .split(/\s+/)
    .map(stem),
);
