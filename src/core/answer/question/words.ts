// General English words that frame questions. Nothing here names an article's subject.

const list = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Words that frame a question about the event itself, not a topic in it. */
export const EVENT_WORDS = list(`
  event meeting roundtable round table discussion discussions discuss discussed conference forum summit gathering
  debate session held take took place happen happened attend attended participate participated part topic topics
  subject theme agenda purpose aim goal dialogue dialog consultation webinar panel hearing seminar workshop briefing
  symposium talks ceremony presentation exhibition festival congress
`);

/** Words for the people who spoke, as a group. */
export const GROUP_WORDS = list(`
  speaker speakers participant participants panelist panelists panellists people persons expert experts guest guests
  attendee attendees who
`);

/** Imperatives that open a request ("Tell me …", "List …"): never a name. */
export const COMMAND_WORDS = list("tell list name give show summarize summarise describe explain please compare");

/** Question openers, used to mend a misspelt first word ("Whch speaker …"). */
export const QUESTION_OPENERS = [
  ..."who whom whose what which when where why how did does do is was were are has have can could tell list name give show summarize summarise describe explain according compare".split(
    " ",
  ),
];

export const AGREE_Q = /\b(agree|agreed|agrees|support|supported|supports|side|sided|back|backed|echo|echoed|second|seconded|endorse|endorsed)\b/;
export const DISAGREE_Q = /\b(disagree|disagreed|disagrees|oppose|opposed|object|objected|contradict|contradicted|dispute|disputed|challenge|challenged)\b/;

/** Pronouns that point back to people named earlier in a conversation. */
export const PRONOUNS = {
  m: list("he him his himself"),
  f: list("she her hers herself"),
  plural: list("they them their theirs themselves both"),
};

/**
 * Words the classifiers look for: a misspelt one ("agred", "speakrs") is
 * mended before the question is read, as names and corpus words already are.
 */
export const QUESTION_VOCABULARY = list(`
  agree agreed agrees agreement disagree disagreed disagrees disagreement support supported supports oppose opposed
  compare compared comparison difference differences differ differed different similar contrast versus
  speaker speakers spoke speak speaks talked participant participants panelist panelists expert experts guests
  summary summarize summarise overview briefly bullets points first last second third order before after next
  women woman female male opinion opinions think thought believe believed mention mentioned mentions said says
  according article source link website published title author happened discussed discussion meeting event
  criticize criticized criticise criticised praised praise warned explain explained stressed emphasized noted
  where when which whose about against between anyone everyone nobody somebody anything reason because
`);
