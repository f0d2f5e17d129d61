import { MIN_COVERAGE, type AnswerKit } from "../kit.js";
import { TIME_RE } from "../patterns.js";
import type { Question } from "../question/index.js";
import type { SentenceHit, SentenceRef } from "../sentence-index.js";
import type { Answer } from "../types.js";

/** How far into an article its event is told: "when" and "where" of the event look no further. */
const EVENT_PARAGRAPHS = 3;

const RELATIVE_DATE = /\b(today|yesterday|tomorrow|tonight|this (week|month|year)|last (week|month|year)|(mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;

/** "When …?" and "Where …?": a passage with a time or a place, anchored by the date line when relative. */
export function placeOrTimeAnswer(kit: AnswerKit, q: Question): Answer {
  const { kb } = kit;
  const c = kit.citations();
  const eventLevel = q.topic.length === 0;
  // Where the event was: a named place. Where something else goes or happens: whatever the best passage says.
  const pattern = q.kind === "when" ? TIME_RE : eventLevel ? /\b(?:at|in) (?:the )?\p{Lu}/u : /./;
  // The event itself is told in the article's own voice, mostly at the top: those sentences first.
  const told = (r: SentenceRef, top: boolean) => !r.speaker && (!top || r.sentence.paragraph <= EVENT_PARAGRAPHS) && pattern.test(r.sentence.text);
  const eventRefs = () => {
    const top = kit.index.refs.filter((r) => told(r, true));
    return top.length ? top : kit.index.refs.filter((r) => told(r, false));
  };
  let hits: SentenceHit[] = eventLevel
    ? eventRefs().map((ref) => ({ ref, score: 1, coverage: 1 }))
    : kit.index
        // "Where did the ministers meet?" is about the event, not about one of them.
        .search(q.topic, (r) => q.groupRole || q.speakers.length === 0 || q.speakers.some((sp) => sp.id === r.speaker?.id), q.prior)
        .filter((h) => h.coverage >= MIN_COVERAGE && pattern.test(h.ref.sentence.text));
  // "Where did they meet?" is about what happened; "When will they meet again?" about what is planned.
  const future = (s: string) => /\b(will|would|next|again|plans?|planned|going to|upcoming)\b/i.test(s);
  const wantsFuture = future(q.text);
  // And a "where" is best answered by a passage that names a place.
  const place = (s: string) => q.kind === "where" && /\b(?:at|in) (?:the )?\p{Lu}/u.test(s);
  // And an event is "held at", "took place in": a sentence that says so beats one that merely names a place.
  const venue = (s: string) => eventLevel && /\b(held|took place|hosted|venue|gathered|convened|met)\b/i.test(s);
  const rank = (h: SentenceHit) =>
    Number(future(h.ref.sentence.text) !== wantsFuture) * 4 + Number(!place(h.ref.sentence.text)) * 2 + Number(!venue(h.ref.sentence.text));
  hits = [...hits].sort((a, b) => rank(a) - rank(b));
  const best = hits[0];
  const article = kb.articles[0];
  if (!best) {
    if (q.kind === "when" && eventLevel && article.date) {
      return kit.answer(q, `The article is dated ${article.date} ${c.citeHeader(article.id, article.date)}.`, c);
    }
    return kit.notCovered(q);
  }
  const doc = kb.article(best.ref.docId);
  const unit = kit.unit(best.ref);
  if (q.kind === "when" && doc.date && (RELATIVE_DATE.test(best.ref.sentence.text) || !TIME_RE.test(best.ref.sentence.text))) {
    // A relative date ("today") is anchored by the article's date line.
    const marker = c.citeHeader(doc.id, doc.date);
    const report = kit.report(unit, c);
    return kit.answer(q, `The article is dated ${doc.date}${marker ? ` ${marker}` : ""}. ${report}`, c);
  }
  return kit.answer(q, kit.report(unit, c), c);
}
