/*
 * Sentences about the article rather than about the event: "The article does
 * not say …", "Эта информация в статье не приводится." They need no marker.
 * Cyrillic needs lookarounds: \b only knows ASCII letters.
 */

const NEGATED_REPORT_EN =
  /\b(?:does not|doesn't|do not|don't|did not|didn't|cannot|can't|could not|couldn't|is not|isn't|are not|aren't|was not|wasn't|were not|weren't|nowhere|neither|nor|not)\b(?:\s+\p{L}+){0,3}?\s+(?:say|says|said|state|stated|mention|mentioned|answer|answered|cover|covered|contain|report|reported|include|included|specify|specified|give|given|name|named|provide|provided|discuss|discussed|address|addressed|describe|described|explain|explained|tell|list|listed|quote|quoted|indicate|indicated|reveal|revealed|clarify|clarified|detail|detailed|refer|identify|identified|know|find|see)\b/iu;
const NOTHING_EN = /\b(?:says|said|contains?|gives?|provides?|mentions?|has|have|is|there is|there are)\s+(?:nothing|no)\s+(?:information|mention|answer|details?|data|indication|word)\b|\bno (?:information|mention|details?|data) (?:about|on|of|is|are|was)\b/i;
const SOURCES_EN = /\b(?:article|passages?|text|sources?|report|excerpts?|fragments?|context|material|information (?:given|provided)|I|we)\b/i;
const PASSIVE_EN = /\b(?:is|are|was|were)\s+not\s+(?:mentioned|stated|specified|reported|named|given|covered|discussed|addressed|described|quoted|listed)\b/i;

const NEGATED_REPORT_RU =
  /(?<!\p{L})не\s+(?:\p{L}+\s+)?(?:говорится|сказано|упомина\p{L}*|упомянут\p{L}*|сообща\p{L}*|указ\p{L}*|отвеча\p{L}*|содерж\p{L}*|да[её]т|привод\p{L}*|называ\p{L}*|назван\p{L}*|освеща\p{L}*|обсужда\p{L}*|говор\p{L}*|рассказ\p{L}*|уточня\p{L}*|описыва\p{L}*|объясня\p{L}*)(?!\p{L})/iu;
const NOTHING_RU = /(?<!\p{L})(?:нет|отсутству\p{L}*)\s+(?:\p{L}+\s+)?(?:информаци\p{L}*|сведени\p{L}*|ответа|данных|упоминани\p{L}*)(?!\p{L})|(?<!\p{L})ничего\s+не(?!\p{L})/iu;

// "… but it says that …": a contrast brings in a claim, which then needs a marker.
const CONTRAST = /\b(?:but|however|although|though|instead|while|whereas|yet)\b|;|—|(?<!\p{L})(?:но|однако|зато|хотя)(?!\p{L})/iu;

/** "The article does not say who …": the model's way of saying that the passages do not answer. */
export function saysNotAnswered(body: string): boolean {
  if (CONTRAST.test(body)) return false;
  const en = (NEGATED_REPORT_EN.test(body) && SOURCES_EN.test(body)) || NOTHING_EN.test(body) || PASSIVE_EN.test(body);
  return en || NEGATED_REPORT_RU.test(body) || NOTHING_RU.test(body);
}

/** A sentence that frames the answer and says nothing about the event: a "not answered" or a short lead-in ending in a colon. */
export function isFraming(body: string): boolean {
  if (saysNotAnswered(body)) return true;
  const words = body.split(/\s+/).filter(Boolean);
  return /:\s*$/.test(body) && words.length <= 12 && !/[\p{N}"“”«»„]/u.test(body);
}
