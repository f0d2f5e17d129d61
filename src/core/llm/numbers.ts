import { wordTokens } from "../text/tokenize.js";

/*
 * Numbers a text states, written as digits or as words, so that "eight" in an
 * answer meets "8" in a passage. Values are strings: "8", "1.5", "ordinal 2",
 * and scale words stand for themselves ("million"). "one" and "first" are
 * left out: answers use them as pronoun and discourse word ("one of them",
 * "first, …") far more often than as figures.
 */

const CARDINALS: Record<string, number> = {
  zero: 0, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

const ORDINALS: Record<string, number> = {
  second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, hundredth: 100,
};

const SCALES: Record<string, string> = {
  hundred: "hundred", hundreds: "hundred", thousand: "thousand", thousands: "thousand", million: "million",
  millions: "million", billion: "billion", billions: "billion", dozen: "dozen", dozens: "dozen",
};

// Russian number words by stem, so that inflected forms ("восьми", "двух") meet their value.
const RUSSIAN: [RegExp, string][] = [
  [/^(?:два|две|двух|двум|двумя)$/, "2"],
  [/^(?:три|трех|трем|тремя)$/, "3"],
  [/^(?:четыре|четырех|четырем|четырьмя)$/, "4"],
  [/^пят(?:ь|и|ью)$/, "5"],
  [/^шест(?:ь|и|ью)$/, "6"],
  [/^сем(?:ь|и|ью)$/, "7"],
  [/^(?:восемь|восьми|восемью|восьмью)$/, "8"],
  [/^девят(?:ь|и|ью)$/, "9"],
  [/^десят(?:ь|и|ью)$/, "10"],
  [/^одиннадцат(?:ь|и|ью)$/, "11"],
  [/^двенадцат(?:ь|и|ью)$/, "12"],
  [/^двадцат(?:ь|и|ью)$/, "20"],
  [/^тридцат(?:ь|и|ью)$/, "30"],
  [/^сорок(?:а)?$/, "40"],
  [/^пятьдесят$|^пятидесяти$/, "50"],
  [/^сто$|^ста$/, "100"],
  [/^(?:двое|двоих)$/, "2"],
  [/^(?:трое|троих)$/, "3"],
  [/^(?:четверо|четверых)$/, "4"],
  [/^(?:пятеро|пятерых)$/, "5"],
  [/^(?:шестеро|шестерых)$/, "6"],
  [/^(?:семеро|семерых)$/, "7"],
  [/^(?:восьмеро|восьмерых)$/, "8"],
  [/^втор(?:ой|ая|ое|ого|ому|ом|ую)$/, "ordinal 2"],
  [/^трет(?:ий|ья|ье|ьего|ьему|ьем|ью)$/, "ordinal 3"],
  [/^тысяч[аиуе]?$/, "thousand"],
  [/^миллион(?:а|ов|ы)?$/, "million"],
  [/^миллиард(?:а|ов|ы)?$/, "billion"],
];

/** The numbers a text states, as comparable values. */
export function numbersIn(text: string): Set<string> {
  const out = new Set<string>();
  // Digits first: "2,000" and "2000" are one number; "1.5" keeps its decimals; "19th" is an ordinal.
  const withoutMarkers = text.replace(/\[\d+\]/g, " ");
  for (const m of withoutMarkers.matchAll(/\d+(?:[.,]\d+)*(st|nd|rd|th|-?(?:й|я|е|го|му|м))?/giu)) {
    const [digits, suffix] = [m[0].replace(/[^\d.,]/g, ""), m[1]];
    const value = /^\d{1,3}(?:,\d{3})+$/.test(digits) ? digits.replace(/,/g, "") : digits.replace(",", ".");
    const plain = String(Number(value.replace(/\.$/, "")));
    out.add(suffix ? `ordinal ${plain}` : plain);
  }
  // Lower case only: folding would strip the breve from "й".
  for (const token of wordTokens(withoutMarkers.toLowerCase().replace(/ё/g, "е"))) {
    for (const part of token.text.split("-")) {
      if (part in CARDINALS) out.add(String(CARDINALS[part]));
      else if (part in ORDINALS) out.add(`ordinal ${ORDINALS[part]}`);
      else if (part in SCALES) out.add(SCALES[part]);
      else for (const [re, value] of RUSSIAN) if (re.test(part)) out.add(value);
    }
    // "twenty-five" is also 25.
    const parts = token.text.split("-");
    if (parts.length === 2 && CARDINALS[parts[0]] >= 20 && CARDINALS[parts[1]] < 10) out.add(String(CARDINALS[parts[0]] + CARDINALS[parts[1]]));
  }
  return out;
}
