import type { KnowledgeBase } from "../index/knowledge-base.js";
import type { Speaker } from "../speakers/types.js";
import type { Article, Sentence } from "../types.js";
import { SPEECH_VERBS } from "../speakers/lexicon.js";
import { contentTerms, fold, wordTokens } from "../text/tokenize.js";
import { CitationList } from "./citations.js";
import type { Citation } from "./types.js";

/** A summary short enough to be read in a group: one line each on the event, every speaker and the ending. */
export interface Digest {
  /** What the event was: the article's opening narration, trimmed to its main clause, with [n] markers. */
  event: string;
  /** One line per speaker: the gist of their main claim in the article's own words, with [n] markers. */
  speakers: { name: string; text: string }[];
  /** How it ended: the article's closing narration, or null when it ends on a speaker. */
  ending: string | null;
  citations: Citation[];
}

export interface DigestOptions {
  /** Exactly this many lines (event, speakers, ending), when the article has that many. */
  bullets?: number;
  /** Characters the digest's lines may take together, markers and names included. */
  maxChars?: number;
}

/** The longest gist of one claim, in words ("at most about 20"). */
const MAX_WORDS = 20;
/** The longest event or ending line, in words. */
const NARRATION_WORDS = 30;
const MIN_WORDS = 4;
/** Leaves room for what the bot adds (a heading, the ending's label, a line per closed source) within 1,000 characters. */
const DEFAULT_MAX_CHARS = 955;

const QUOTE_RE = /["“”«»]/g;
/** Words that start a dependent clause: a gist never starts with one, it may end before one. */
// Not "as": it is as often a preposition ("the price of X as a share of Y").
const SUBORDINATORS = new Set("which who whom whose where when while though although because if unless whereas whereby".split(" "));
/** Words that join two clauses; a gist starting after one drops it. */
const COORDINATORS = new Set("and but or so yet nor".split(" "));
/** A gist must not lean on what came before: no pronoun among its first words. */
const LEANING = new Set("he him his she her hers they them their theirs it its this these those such".split(" "));
/** Words a gist cannot end on. */
const DANGLING_END = new Set("that the a an of to and or but with for in on at by from as than".split(" "));
/** Words that open a phrase rather than a clause. */
const PREPOSITION_OPENERS = new Set("according in on at for with by during after before thanks despite following given under over since".split(" "));
/** Cut points in narration: an adjunct ("with a keynote by …") may go. */
const ADJUNCTS = new Set(["with", "including", "among", "amid"]);
/** Words after which "that" opens what was said ("sure that …", "noted that …"). */
const THAT_OPENERS = new Set([...SPEECH_VERBS, "sure", "convinced", "confident", "certain", "clear", "hope", "believe", "think", "say"]);
/** Words that tie a line to the day the article was written; a digest is read later. */
const DEICTIC_RE = /,?\s+\b(?:today|yesterday|tomorrow|tonight|this (?:morning|afternoon|evening))\b/gi;

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/** A verbatim piece of one sentence, as offsets into the sentence's text. */
interface Fragment {
  docId: string;
  sentence: Sentence;
  start: number;
  end: number;
  quoted: boolean;
  cutStart: boolean;
  cutEnd: boolean;
  score: number;
  /** The event line without the date in front, for when characters are short. */
  undated?: boolean;
}

interface Line {
  name: string | null;
  /** The event line carries the date when its words give none. */
  date: string | null;
  options: Fragment[];
  pick: number;
}

/**
 * A digest of the event from the knowledge base alone: nothing in it is
 * written for a particular article. Speakers' lines are verbatim fragments
 * of their claims, cut at clause boundaries, so they can be quoted.
 */
export function digest(kb: KnowledgeBase, options: DigestOptions = {}): Digest {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const idf = inverseFrequencies(kb);
  const articles = kb.articles;
  const first = articles.find((a) => openingSentence(kb, a)) ?? articles[0];
  const last = articles.at(-1)!;

  const opening = first ? openingSentence(kb, first) : null;
  const closing = closingLine(kb, last, opening, idf);
  const ranked = rankSpeakers(kb);

  // Which lines, when a number of bullets is asked for: event, then the most important speakers, then the ending.
  const wanted = options.bullets !== undefined && options.bullets >= 1 ? Math.floor(options.bullets) : Infinity;
  const withEnding = closing.length > 0 && (wanted >= 3 || (wanted === 2 && ranked.length === 0));
  const room = wanted === Infinity ? ranked.length : Math.max(0, wanted - 1 - (withEnding ? 1 : 0));
  const chosen = new Set(ranked.slice(0, room).map((r) => r.speaker.id));
  const speakerLines: Line[] = [];
  for (const sp of kb.speakers) {
    if (!chosen.has(sp.id)) continue;
    const options = claimFragments(kb, sp, idf);
    if (options.length) speakerLines.push({ name: sp.name, date: null, options, pick: 0 });
  }
  // More bullets than speakers: further claims of the most important speakers, each on its own line.
  for (const r of wanted === Infinity ? [] : ranked) {
    if (speakerLines.length >= room) break;
    const line = speakerLines.find((l) => l.name === r.speaker.name);
    const used = new Set(speakerLines.filter((l) => l.name === r.speaker.name).map((l) => l.options[l.pick].sentence.index));
    const more = (line?.options ?? []).filter((f) => !used.has(f.sentence.index));
    if (more.length) speakerLines.splice(speakerLines.lastIndexOf(line!) + 1, 0, { name: r.speaker.name, date: null, options: more, pick: 0 });
  }

  const date = first?.date ? dateOf(first.date) : null;
  let eventLine: Line | null = opening && first ? { name: null, date, options: narrationFragments(first.id, opening, idf), pick: 0 } : null;
  let endingLine: Line | null = withEnding ? { name: null, date: null, options: closing, pick: 0 } : null;

  if (eventLine && !eventLine.options.length) eventLine = null;
  // The date is worth less than the words of a speaker: it may go when characters are short.
  if (eventLine?.date) eventLine.options.push(...eventLine.options.map((f) => ({ ...f, undated: true, score: f.score * 0.8 })));
  if (endingLine && !endingLine.options.length) endingLine = null;
  const lines = [eventLine, ...speakerLines, endingLine].filter((l): l is Line => l !== null);
  // A line costs its words plus what goes around them: a bullet, ": ", its marker and a line break.
  fitBudget(lines, maxChars, (l, pick) => lineText(l.options[pick], dateFor(l, l.options[pick])).length + (l.name?.length ?? 0) + 10);

  // Markers are handed out in reading order.
  const c = new CitationList(kb);
  let event = first?.title ?? "";
  if (eventLine && first) {
    const f = eventLine.options[eventLine.pick];
    const dated = dateFor(eventLine, f);
    const dateMarker = dated && first.date ? c.citeHeader(first.id, first.date) : null;
    event = `${lineText(f, dated)} ${dateMarker ?? ""}${c.cite(f.docId, f.sentence)}`;
  } else if (first) {
    event = `${first.title} ${c.citeHeader(first.id, first.title) ?? ""}`.trim();
  }
  const speakers = speakerLines.map((l) => {
    const f = l.options[l.pick];
    return { name: l.name!, text: `${lineText(f, null)} ${c.cite(f.docId, f.sentence)}` };
  });
  const ending = endingLine ? `${lineText(endingLine.options[endingLine.pick], null)} ${c.cite(last.id, endingLine.options[endingLine.pick].sentence)}` : null;
  return { event, speakers, ending, citations: c.citations };
}

/**
 * Picks one option per line so that all fit in `budget` characters and the
 * lines keep as much of their best option's worth as possible (a knapsack
 * over characters). When nothing fits, each line takes its shortest option.
 */
function fitBudget(lines: Line[], budget: number, cost: (l: Line, pick: number) => number): void {
  const worth = (l: Line, i: number) => (l.options[0].score > 0 ? Math.max(0, l.options[i].score) / l.options[0].score : i === 0 ? 1 : 0);
  // best[c]: the highest worth of the lines so far in exactly c characters; choice[k][c]: the option line k took.
  let best = new Array<number>(budget + 1).fill(-Infinity);
  best[0] = 0;
  const choice: Int16Array[] = [];
  for (const l of lines) {
    const next = new Array<number>(budget + 1).fill(-Infinity);
    const took = new Int16Array(budget + 1).fill(-1);
    for (let c = 0; c <= budget; c++) {
      if (best[c] === -Infinity) continue;
      l.options.forEach((_, i) => {
        const to = c + cost(l, i);
        if (to <= budget && best[c] + worth(l, i) > next[to]) {
          next[to] = best[c] + worth(l, i);
          took[to] = i;
        }
      });
    }
    choice.push(took);
    best = next;
  }
  let at = best.reduce((arg, v, c) => (v > best[arg] ? c : arg), 0);
  if (best[at] === -Infinity) {
    for (const l of lines) l.pick = l.options.reduce((arg, _, i) => (cost(l, i) < cost(l, arg) ? i : arg), 0);
    return;
  }
  for (let k = lines.length - 1; k >= 0; k--) {
    lines[k].pick = choice[k][at];
    at -= cost(lines[k], lines[k].pick);
  }
}

function dateFor(l: Line, f: Fragment): string | null {
  return f.undated ? null : l.date;
}

/** How a fragment reads in the digest: quotations in quotation marks, "…" where words were left out. */
function lineText(f: Fragment, date: string | null): string {
  let text = f.sentence.text.slice(f.start, f.end).replace(/[\s,;:—–-]+$/, "");
  if (!f.quoted) text = text.replace(DEICTIC_RE, "");
  const body = `${f.cutStart ? "…" : ""}${text}${f.cutEnd ? "…" : ""}`;
  const line = f.quoted ? `“${body}”` : body;
  return date && !/\b\d{4}\b/.test(text) ? `${date} — ${line}` : line;
}

/** The first sentence in the article's own voice. */
function openingSentence(kb: KnowledgeBase, a: Article): Sentence | null {
  return kb.sentences(a.id).find((s) => !kb.speakerOf(a.id, s.index)) ?? null;
}

/** The article's own closing words: narration in its last paragraph, the first that can stand alone. */
function closingLine(kb: KnowledgeBase, a: Article | undefined, opening: Sentence | null, idf: Map<string, number>): Fragment[] {
  if (!a) return [];
  for (const s of a.paragraphs.at(-1)?.sentences ?? []) {
    if (kb.speakerOf(a.id, s.index) || s === opening) continue;
    const options = narrationFragments(a.id, s, idf, true);
    if (options.length) return options;
  }
  return [];
}

/** The date as a reader writes it, without "Published" or markup around it. */
function dateOf(line: string): string {
  const m = /\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+\p{L}+\.?,?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{4}/u.exec(line);
  return m ? m[0] : line.replace(/[*_`#]+/g, "").trim();
}

/** Speakers by how much the article gives them to say; a direct quotation counts extra. */
function rankSpeakers(kb: KnowledgeBase): { speaker: Speaker; weight: number }[] {
  return kb.speakers
    .filter((sp) => sp.claims.length > 0)
    .map((sp, order) => {
      const sentences = sp.claims.map((i) => kb.sentence(sp.docId, i));
      const quoted = sentences.some((s) => (s.text.match(QUOTE_RE) ?? []).length > 0);
      return { speaker: sp, weight: sentences.length + (quoted ? 1 : 0), order };
    })
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
}

/** log(N / df) per stemmed content word, over all sentences: rare words carry a claim's gist. */
function inverseFrequencies(kb: KnowledgeBase): Map<string, number> {
  const df = new Map<string, number>();
  let n = 0;
  for (const a of kb.articles) {
    for (const s of kb.sentences(a.id)) {
      n++;
      for (const t of new Set(contentTerms(s.text))) df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  return new Map([...df].map(([t, d]) => [t, Math.log((n + 1) / d)]));
}

function informativeness(text: string, idf: Map<string, number>): number {
  return [...new Set(contentTerms(text))].reduce((sum, t) => sum + (idf.get(t) ?? 0), 0);
}

function wordsOf(text: string): Word[] {
  return wordTokens(text).map((t) => ({ text: t.text, lower: fold(t.text), start: t.start, end: t.end }));
}

/** Every gist a speaker's claims offer, best first. */
function claimFragments(kb: KnowledgeBase, sp: Speaker, idf: Map<string, number>): Fragment[] {
  const out: Fragment[] = [];
  const bodies: { s: Sentence; body: Body }[] = [];
  const sentences = kb.sentences(sp.docId);
  for (const i of sp.claims) {
    const s = sentences[i];
    const body = claimBody(s.text, sp, insideQuotation(sentences, i));
    if (!body) continue;
    // The sentence that introduces a speaker mostly says who they are; another claim says more.
    const bonus = (body.weight ?? 0) - (i === sp.introduced && sp.claims.length > 1 ? 0.8 : 0);
    out.push(...fragments(sp.docId, s, body, MAX_WORDS, idf, false).map((f) => ({ ...f, score: f.score + bonus })));
    if (out.length === 0) bodies.push({ s, body });
  }
  // No clause stands alone: the beginning of the first claim, cut after a few words, rather than leave the speaker out.
  if (out.length === 0 && bodies.length) {
    const { s, body } = bodies[0];
    const words = wordsOf(s.text.slice(body.start, body.end));
    const end = body.start + words[Math.min(words.length, 12) - 1].end;
    out.push({ docId: sp.docId, sentence: s, start: body.start, end, quoted: body.quoted, cutStart: false, cutEnd: end < body.end, score: 0 });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Whether a quotation opened in an earlier sentence of the paragraph is still open. */
function insideQuotation(sentences: Sentence[], i: number): boolean {
  let open = false;
  for (let k = i - 1; k >= 0 && sentences[k].paragraph === sentences[i].paragraph; k--) {
    if ((sentences[k].text.match(QUOTE_RE) ?? []).length % 2 === 1) open = !open;
  }
  return open;
}

interface Body {
  start: number;
  end: number;
  quoted: boolean;
  /** How much the body says: a quotation or a reported "that" clause says more than what someone did. */
  weight?: number;
}

/**
 * The part of a sentence that is the claim itself, without its attribution:
 * the quoted words, what follows "… noted that", what follows "According to
 * her,", or what the speaker did ("welcomed …").
 */
function claimBody(text: string, sp: Speaker, continuesQuote: boolean): Body | null {
  const marks = [...text.matchAll(QUOTE_RE)].map((m) => m.index!);
  if (continuesQuote && marks.length % 2 === 1) return { start: 0, end: marks[0], quoted: true };
  if (continuesQuote && marks.length === 0) return { start: 0, end: text.length, quoted: true };
  if (marks.length >= 1) {
    const start = marks[0] + 1;
    const end = marks.length >= 2 ? marks[1] : text.length;
    if (wordsOf(text.slice(start, end)).length >= MIN_WORDS) return { start, end, quoted: true, weight: 1 };
  }
  const words = wordsOf(text);
  // "X noted that …", "She warned, however, that …"
  for (let k = 1; k < Math.min(words.length, 40); k++) {
    if (words[k].lower !== "that") continue;
    const before = words.slice(Math.max(0, k - 3), k).map((w) => w.lower.replace(/[^\p{L}]/gu, ""));
    if (before.some((w) => THAT_OPENERS.has(w))) return { start: words[k].end + 1, end: text.length, quoted: false, weight: 0.5 };
  }
  // "According to him, …", "In her view, …"
  if (/^(?:According to|In)\b/.test(text)) {
    const comma = text.indexOf(", ");
    if (comma > 0 && wordsOf(text.slice(0, comma)).length <= 8) {
      // "On this point, she expects …": what she expects.
      const subject = /^(?:he|she)\s+/i.exec(text.slice(comma + 2));
      return { start: comma + 2 + (subject?.[0].length ?? 0), end: text.length, quoted: false, weight: 0.5 };
    }
  }
  // "… Name, role, pointed to …", "He also expressed hope …"
  const at = text.indexOf(sp.name);
  let start = -1;
  if (at >= 0) {
    start = at + sp.name.length;
    const rest = text.slice(start);
    if (rest.startsWith(",") && sp.role) {
      const role = rest.indexOf(sp.role);
      const close = role >= 0 ? rest.indexOf(",", role + sp.role.length) : -1;
      start = close >= 0 ? start + close + 1 : -1;
    }
  } else {
    // "He also expressed hope …", "In his reply he urged …"
    const subject = words.slice(0, 8).find((w) => w.lower === "he" || w.lower === "she");
    if (subject) start = subject.end + 1;
  }
  if (start < 0) return null;
  while (text[start] === " ") start++;
  return start < text.length - 1 ? { start, end: text.length, quoted: false, weight: 0 } : null;
}

/** The event or the ending: the sentence from its beginning, as far as its main clause goes. */
function narrationFragments(docId: string, s: Sentence, idf: Map<string, number>, ending = false): Fragment[] {
  const whole = fragments(docId, s, { start: 0, end: s.text.length, quoted: false }, NARRATION_WORDS, idf, true);
  // Narration reads best whole: the longer the piece of its main clause, the better.
  const fromStart = whole
    .filter((f) => f.start === 0)
    .sort((a, b) => b.end - a.end)
    .map((f, _, all) => ({ ...f, score: f.end / all[0].end }));
  if (!ending) return fromStart;
  // An ending may also shrink to what was concluded: "… noted that <this>".
  const words = wordsOf(s.text);
  const that = words.findIndex((w, k) => w.lower === "that" && k > 0 && THAT_OPENERS.has(words[k - 1].lower));
  const tail = that > 0 ? fragments(docId, s, { start: words[that].end + 1, end: s.text.length, quoted: false }, MAX_WORDS, idf, false) : [];
  const best = fromStart[0]?.end ?? 1;
  return [...fromStart, ...tail.filter((f) => f.start === words[that].end + 1).map((f) => ({ ...f, score: (0.8 * (f.end - f.start)) / best }))];
}

/** Whether the piece's last clause is only an opening phrase, its clause cut off: "we think that in the long run". */
function endsOnPhrase(words: Word[], from: number, to: number, boundary: (k: number) => boolean): boolean {
  let last = from;
  for (let k = from + 1; k < to; k++) if (boundary(k)) last = k;
  if (COORDINATORS.has(words[last]?.lower)) last++;
  if (words[last]?.lower === "that") last++;
  return PREPOSITION_OPENERS.has(words[last]?.lower ?? "");
}

/**
 * The verbatim pieces of a body that can stand alone: they start at its
 * beginning or after a clause boundary, never on a pronoun or a relative
 * word, and end at its end or before a boundary.
 */
function fragments(docId: string, s: Sentence, body: Body, maxWords: number, idf: Map<string, number>, narration: boolean): Fragment[] {
  const text = s.text;
  const words = wordsOf(text.slice(body.start, body.end)).map((w) => ({ ...w, start: w.start + body.start, end: w.end + body.start }));
  if (words.length === 0) return [];
  // A boundary before word k: punctuation in the gap, or a word that opens a clause.
  const boundary = (k: number) => {
    if (k === 0 || k === words.length) return true;
    const gap = text.slice(words[k - 1].end, words[k].start);
    if (/[,;:—–]|\.\s/.test(gap) || /\s[-–—]\s/.test(gap)) return true;
    const w = words[k].lower;
    // "and" joins clauses only where it is followed by what opens one ("and also warned", "and that …").
    const joinsClauses = COORDINATORS.has(w) && ["also", "that", "then", "yet", "still"].includes(words[k + 1]?.lower ?? "");
    // In narration a trailing "of …" phrase only qualifies what came before; past the main clause it may go.
    const trailingOf = narration && w === "of" && k >= 20;
    return joinsClauses || trailingOf || SUBORDINATORS.has(w) || (narration && ADJUNCTS.has(w)) || (words[k - 1].lower === "that" && k >= 2 && THAT_OPENERS.has(words[k - 2].lower));
  };
  const out: Fragment[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!boundary(i)) continue;
    // Drop a leading "and", "but", "that": the fragment starts with what they join.
    let from = i;
    while (from < words.length && COORDINATORS.has(words[from].lower)) from++;
    if (from > 0 && words[from]?.lower === "that") from++;
    if (from >= words.length) continue;
    const head = words.slice(from, from + 3).map((w) => w.lower);
    if (SUBORDINATORS.has(head[0]) || head[0] === "according" || head.some((w) => LEANING.has(w))) continue;
    // A whole quotation or clause may run a little longer than a cut one.
    const longest = from === 0 && !narration ? maxWords + 4 : maxWords;
    for (let j = from + MIN_WORDS; j <= Math.min(words.length, from + longest); j++) {
      if (!boundary(j) || (j - from > maxWords && j < words.length)) continue;
      if (DANGLING_END.has(words[j - 1].lower)) continue;
      // A short piece cut out of a longer one rarely says anything; an opener alone ("Looking back at the results of …") never does.
      const whole = from === 0 && j === words.length;
      if (!whole && j - from < (narration ? 10 : j === words.length ? 5 : 6)) continue;
      // "Despite the cost of X" alone is no claim: a piece that opens with a preposition runs past its first comma.
      if (j < words.length && endsOnPhrase(words, from, j, boundary)) continue;
      // A comma with only a few words after it is more often inside a phrase ("small, often rural towns") than between clauses.
      if (j < words.length && words.length - j < 5) continue;
      const end = j === words.length ? body.end : words[j - 1].end;
      const start = words[from].start;
      const piece = text.slice(start, end);
      // An unbalanced bracket or quotation mark would read as broken.
      if ((piece.match(/\(/g) ?? []).length !== (piece.match(/\)/g) ?? []).length) continue;
      if (!body.quoted && (piece.match(QUOTE_RE) ?? []).length % 2 === 1) continue;
      const n = j - from;
      const cutStart = from > 0;
      const cutEnd = j < words.length;
      // Dense in rare words, yet long enough to say something; whole quotations and clauses read best.
      const score = (informativeness(piece, idf) / Math.sqrt(n)) * Math.min(1, n / 8) + (body.quoted ? 1 : 0) + (cutStart ? 0 : 0.6) + (cutEnd ? 0 : 0.4);
      out.push({ docId, sentence: s, start, end, quoted: body.quoted, cutStart, cutEnd, score });
    }
  }
  return out;
}
