import { stem } from "../text/tokenize.js";

/**
 * General English vocabulary the speaker analysis relies on. Nothing here is
 * about a particular article: these are the words news reports use to
 * attribute speech and to name organisations and offices.
 */

const list = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/**
 * The forms of a regular English verb: "warn" -> warns, warned, warning. A
 * final consonant is also doubled ("admit" -> admitted): the spelling that
 * does not exist never matches anything.
 */
function inflect(lemma: string): string[] {
  const forms = [lemma];
  const stem = lemma.slice(0, -1);
  if (/(?:s|x|z|ch|sh|o)$/.test(lemma)) forms.push(`${lemma}es`);
  else if (/[^aeiou]y$/.test(lemma)) forms.push(`${stem}ies`);
  else forms.push(`${lemma}s`);
  if (/ee$/.test(lemma)) forms.push(`${lemma}d`, `${lemma}ing`);
  else if (/e$/.test(lemma)) forms.push(`${lemma}d`, `${stem}ing`);
  else if (/[^aeiou]y$/.test(lemma)) forms.push(`${stem}ied`, `${lemma}ing`);
  else {
    forms.push(`${lemma}ed`, `${lemma}ing`);
    if (/[^aeiou][aeiou][^aeiouwxy]$/.test(lemma)) forms.push(`${lemma}${lemma.at(-1)}ed`, `${lemma}${lemma.at(-1)}ing`);
  }
  return forms;
}

// Past forms of the irregular verbs below.
const IRREGULAR_FORMS: Record<string, string> = {
  say: "said", tell: "told", think: "thought", see: "saw seen", feel: "felt", speak: "spoke spoken",
  write: "wrote written", draw: "drew drawn", lead: "led",
};

const verbs = (lemmas: string) =>
  new Set([...list(lemmas)].flatMap((l) => [...inflect(l), ...(IRREGULAR_FORMS[l]?.split(" ") ?? [])]));
const lemmas = new Set<string>();
const verbsOf = (text: string) => {
  for (const l of list(text)) lemmas.add(l);
  return verbs(text);
};

/** Verbs that report what someone said or thought, in every form ("warn": warns, warned, warning). */
export const SPEECH_VERBS = verbsOf(`
  say tell note stress emphasize emphasise state add argue believe think consider agree disagree support oppose
  claim explain remark observe warn suggest insist conclude recall announce address continue congratulate call
  welcome praise criticize criticise highlight underline underscore mention answer reply respond comment describe
  estimate predict expect hope speak present report acknowledge admit assure confirm deny doubt echo object counter
  urge propose share write summarize summarise sum point draw express voice assert maintain proclaim declare contend
  caution recommend question remind characterize characterise assess regard see view feel hail lament concede second
  back endorse reject dismiss touch focus elaborate outline analyse analyze discuss ask wonder inquire enquire promise
  pledge vow cite quote refer deliver appreciate inform retort reiterate repeat testify accuse rebut complain demand
  reveal disclose allege joke boast apologise apologize advise plead blast slam allude
`);

/** Verbs of taking part without saying anything in particular. */
export const PARTICIPATION_VERBS = verbsOf(`
  moderate chair host open close attend introduce organize organise lead join preside
`);

/**
 * A finite verb of saying or of taking part ("warned", "says"). The -ing form
 * is left out: "leading researcher" and "opening remarks" are no verbs.
 */
export function isReportingVerb(word: string | undefined): boolean {
  const w = word?.toLowerCase() ?? "";
  return !w.endsWith("ing") && (SPEECH_VERBS.has(w) || PARTICIPATION_VERBS.has(w));
}

/**
 * A reporting verb in a form that is no noun: "stated", "notes", but not
 * "state" or "chair", which name things in "Deputy of the State Senate".
 */
export function isMarkedReportingVerb(word: string | undefined): boolean {
  const w = word?.toLowerCase() ?? "";
  return isReportingVerb(w) && (!lemmas.has(w) || w === "say");
}

/** "…, saying", "…, adding that": speech by the clause's own subject. */
export function isSpeechParticiple(word: string | undefined): boolean {
  const w = word?.toLowerCase() ?? "";
  return w.endsWith("ing") && SPEECH_VERBS.has(w);
}

/** "X agreed with Y" and its kin; the object follows the cue. */
export const AGREE_RE =
  /\b(agreed with|agrees with|supported|supports|echoed|echoes|seconded|backed|sided with|concurred with|shared the (?:view|opinion|position) of|joined)\b/i;
export const DISAGREE_RE =
  /\b(disagreed with|disagrees with|objected to|objects to|opposed|argued against|contradicted|took issue with|challenged|countered|disputed)\b/i;

/** Words that make a capitalised run an organisation, a body or a place, not a person. */
export const ORG_WORDS = list(`
  department center centre committee institute institution university academy embassy party ministry council company
  holding holdings group bank foundation union republic parliament federation government agency association society
  office school college news service services corporation corp inc ltd llc agency club league fund forum assembly
  commission court bureau board chamber congress senate house cabinet administration authority organization
  organisation consulting communications media press radio television tv times post journal magazine review network
  relations politics policy analysis affairs studies research sciences science development economics technology
  technologies information program programme project initiative movement front alliance coalition bloc
  state states kingdom city region province district county square street avenue hall palace museum library
  hospital church cathedral mosque airport station port river mountain lake sea ocean island islands
  north south east west northern southern eastern western central asia europe africa america americas
  world international national federal global regional foreign domestic social political economic strategic
  modern new old great grand summit conference forum festival games cup championship week day award prize expo
  exhibition congress session meeting table roundtable declaration treaty agreement act law plan strategy
  partnership cooperation alliance network platform centre office agency chamber trust fund bank company firm
  partners consultancy consultants associates industries systems solutions labs laboratory observatory
  diplomacy economy law education culture arts management governance security defence defense health finance
  trade industry transport energy agriculture communication media journalism engineering medicine mission
  countries nations peoples
`);

/** Nouns a report uses to refer back to a person ("the deputy stressed", "supported the lawmaker"). */
export const PERSON_NOUNS = list(`
  deputy expert diplomat scientist scholar ambassador analyst professor researcher historian economist politician
  parliamentarian lawmaker official minister director head speaker veteran journalist specialist envoy senator
  chairman chairwoman author academic lecturer activist leader representative manager spokesman spokeswoman
  spokesperson critic commentator observer colleague councillor councilor mayor governor president adviser advisor
  moderator host guest panellist panelist participant editor engineer doctor lawyer officer executive founder
  fellow delegate consultant coordinator entrepreneur businessman businesswoman teacher student writer artist
  secretary chairperson member chief president governor mayor judge glaciologist sociologist d'affaires chargé
  curator poet composer architect designer producer photographer musician singer actor actress athlete player
  farmer nurse surgeon physician pilot attorney prosecutor priest banker investor owner storyteller
  boss assistant captain striker midfielder defender goalkeeper winger pundit campaigner candidate nominee
  congressman congresswoman survivor witness victim resident billionaire millionaire tycoon
  teenager pensioner worker detective inspector constable sergeant soldier commander
`);

/** Titles and offices that precede a name and belong to the role, not the name. */
export const TITLE_WORDS = list(`
  mr mrs ms miss dr prof professor sir madam dame lord lady ambassador director head president vice chairman chairwoman
  chair minister deputy secretary senator governor mayor general colonel captain judge justice king queen prince
  princess sheikh imam father rev reverend bishop chief editor ceo founder spokesman spokeswoman spokesperson
  member chancellor premier speaker commissioner consul attache counsellor counselor advisor adviser analyst expert
  scientist economist historian researcher journalist correspondent councillor councilor alderman
  mp mep lawmaker legislator envoy rabbi archbishop pastor coach manager
`);

// Common irregular past forms; regular ones end in -ed.
export const IRREGULAR_PAST = new Set(
  "took made gave spoke saw came went sent got held led met put set kept left began brought thought felt found drew wrote chose rose grew knew became struck stood sat won lost paid ran read sought".split(" "),
);

export const MONTHS_AND_DAYS = list(`
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
`);

/** Words before a name that show it is part of something else ("of X", "his X party"). */
export const NON_SUBJECT_BEFORE = list(`of for on at in from to into the his her its their our my your this these those`);


const NOT_PEOPLE = new Set(["exist", "assist", "insist", "resist", "persist", "consist", "list", "wrist", "twist", "mist"]);

/** A noun for a person: from the list, or by its ending ("epidemiologist", "physician"), singular or plural. */
export function isPersonNoun(word: string): boolean {
  const w = word.toLowerCase();
  const singular = w.replace(/(?<=[^s])s$/, "");
  if (PERSON_NOUNS.has(w) || PERSON_NOUNS.has(singular) || TITLE_WORDS.has(w) || TITLE_WORDS.has(singular)) return true;
  // "the 30-year-old said"
  if (/^\d+-year-old$/.test(singular)) return true;
  return singular.length >= 7 && /(?:ist|ician)$/.test(singular) && !NOT_PEOPLE.has(singular);
}

/** Stems of reporting verbs ("say", "warn", "promise"): they frame a question more than they say what it is about. */
export const REPORTING_STEMS = new Set([...SPEECH_VERBS].map(stem));
