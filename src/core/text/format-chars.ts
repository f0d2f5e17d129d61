/**
 * Invisible format characters (Unicode category Cf): zero-width spaces and
 * joiners, direction marks, the soft hyphen, the byte-order mark, word joiners.
 * Pasted or typed inside a word they split it for every reader but a human.
 */
const FORMAT_CHARS = /\p{Cf}/gu;

/** The text without invisible format characters; call it before anything reads what a user typed. */
export function stripFormatChars(text: string): string {
  return text.replace(FORMAT_CHARS, "");
}
