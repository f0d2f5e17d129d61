import type { Speaker } from "../speakers/types.js";
import { fold } from "../text/tokenize.js";

export interface SpeakerRecall {
  expected: number;
  found: number;
  missed: string[];
  /** Speakers found that are nobody the article quotes: fragments of titles or names, or people only mentioned. */
  extra: string[];
}

const surname = (name: string) => fold(name).split(/\s+/).at(-1) ?? "";

/** How many of the people an article quotes the speaker analysis found, and what it found that is no one. */
export function speakerRecall(expected: string[], found: Speaker[]): SpeakerRecall {
  const same = (a: string, b: string) => fold(a) === fold(b) || surname(a) === surname(b);
  const missed = expected.filter((e) => !found.some((sp) => same(e, sp.name)));
  const extra = found.filter((sp) => !expected.some((e) => same(e, sp.name))).map((sp) => sp.name);
  return { expected: expected.length, found: expected.length - missed.length, missed, extra };
}
