import { REPORTING_STEMS } from "../speakers/lexicon.js";
import { contentTerms, stem } from "../text/tokenize.js";

// Patterns the extractive answerer reads questions and passages with. General English, no article's words.

export const TIME_RE =
  /\b(\d{4}|(?:within|in|over|after|for)\s+(?:the\s+next\s+)?(?:[\p{L}\d]+\s+)?(?:days?|weeks?|months?|years?|decades?)|(?:end|beginning|start|middle) of (?:the |this |next )?(?:year|month|week|decade|season)|today|yesterday|tomorrow|tonight|soon|(this|next|last|coming|past) (?:\p{L}+ )?(week|month|year|decade|spring|summer|autumn|fall|winter|season)s?|in the coming (days|weeks|months|years)|(mon|tues|wednes|thurs|fri|satur|sun)day|spring|summer|autumn|winter|january|february|march|april|may|june|july|august|september|october|november|december)\b/iu;

/** Reporting verbs that only report; others ("criticize", "praise") say what stance was taken. */
export const GENERIC_REPORTING = new Set(
  "say tell state note mention claim think believ argu add stress emphas emphasis remark comment speak talk express point describ call".split(" ").map(stem),
);

export const ROLE_VERBS = new Set(["run", "ran", "head", "lead", "led", "chair", "direct", "manag", "repres", "work", "serv"]);

export const NUMBER_RE =
  /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(thir|four|fif|six|seven|eigh|nine)teen|(twen|thir|for|fif|six|seven|eigh|nine)ty|hundreds?|thousands?|millions?|billions?|dozens?|half|third|quarter|percent|twice|doubled|tripled|single)\b/i;

export const SMALL_TALK = /^\s*(hi|hello|hey|hiya|thanks|thank you|thank you very much|thx|ok|okay|cool|great|nice|bye|goodbye|good (morning|afternoon|evening|night))\b[\s,]*(bot|there|a lot|so much)?[\s!.?)🙂😊👍]*$/iu;

export function scriptOf(ch: string): string {
  if (/\p{Script=Latin}/u.test(ch)) return "latin";
  if (/\p{Script=Cyrillic}/u.test(ch)) return "cyrillic";
  if (/\p{Script=Greek}/u.test(ch)) return "greek";
  if (/\p{Script=Arabic}/u.test(ch)) return "arabic";
  if (/\p{Script=Han}/u.test(ch)) return "han";
  return "other";
}

/** Questions pasted with HTML or Markdown: "<b>Who</b> spoke? *bold* [x](y)" reads as "Who spoke? bold x". */
export function stripMarkup(text: string): string {
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<\/?[a-z][^>]*>/gi, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_~`]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function hasReportingVerb(text: string): boolean {
  return contentTerms(text).some((t) => REPORTING_STEMS.has(t));
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Text with percentages taken out: "77 percent of voters" says nothing about how many voters there were. */
export function withoutPercentages(text: string): string {
  return text.replace(/\b[\d.,]+\s*(?:%|percent|per cent)/gi, " ");
}
