export interface Speaker {
  /** Stable within an index: "<docId>:<slug of name>". */
  id: string;
  docId: string;
  name: string;
  /** Role and affiliation as the article gives them. */
  role: string | null;
  gender: "m" | "f" | null;
  /** Nouns the article uses to refer back to the speaker ("the expert", "the lawmaker"). */
  aliases: string[];
  /** Sentence index where the speaker is introduced. */
  introduced: number;
  /** Sentence indexes of the speaker's claims, in order. */
  claims: number[];
}

/** "X agreed with Y": who sided with whom, and where the article says so. */
export interface Agreement {
  docId: string;
  speakerId: string;
  withSpeakerId: string;
  sentence: number;
  stance: "agree" | "disagree";
}

export interface SpeakerAnalysis {
  speakers: Speaker[];
  /** Per article: for each sentence, the id of the speaker it is attributed to, or null. */
  attribution: Record<string, (string | null)[]>;
  agreements: Agreement[];
}
