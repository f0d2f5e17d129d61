import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The Russian question words, roles, pronouns and answer phrases: data in locales/questions/ru.json, not logic. */
export interface QuestionLocale {
  translit: Record<string, string>;
  caseEndings: string[];
  kinds: { kind: string; patterns: string[] }[];
  partyWords: Record<string, string>;
  roles: Record<string, string>;
  pronouns: { m: string[]; f: string[]; plural: string[] };
  more: string[];
  ellipsis: string[];
  phrases: Record<string, string>;
}

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "locales", "questions", "ru.json");
let cached: QuestionLocale | null = null;

export function russianLocale(): QuestionLocale {
  cached ??= JSON.parse(readFileSync(FILE, "utf8")) as QuestionLocale;
  return cached;
}

/** A phrase with its {placeholders} filled in. */
export function phrase(locale: QuestionLocale, key: string, values: Record<string, string | number> = {}): string {
  const text = locale.phrases[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ""));
}
