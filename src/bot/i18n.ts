import path from "node:path";
import type { Context } from "grammy";
import { I18n, type I18nFlavor } from "@grammyjs/i18n";

/** The languages of the interface; answers come in whatever language the core writes them. */
export const LANGS = ["en", "ru"] as const;
export type Lang = (typeof LANGS)[number];

const LOCALES_DIR = path.resolve(import.meta.dirname, "../../locales");

/**
 * Telegram language codes (ru, uk, be, kk, ky) whose users mostly read Russian
 * more readily than English. Everyone else gets English.
 * The script of what they write overrides this (see `userLang`).
 */
const READS_RUSSIAN = new Set(["ru", "uk", "be", "kk", "ky"]);

let instance: I18n<Context & I18nFlavor> | null = null;

/** The Fluent bundles, loaded on first use (nothing is read at import time). */
export function i18n(): I18n<Context & I18nFlavor> {
  if (!instance) {
    const created = new I18n<Context & I18nFlavor>({
      defaultLocale: "en",
      // No Unicode isolation marks around placeables: they would show up in plain-text clients and the console.
      fluentBundleOptions: { useIsolating: false },
      localeNegotiator: (ctx) => userLang(ctx),
    });
    for (const lang of LANGS) created.loadLocaleSync(lang, { filePath: path.join(LOCALES_DIR, `${lang}.ftl`) });
    instance = created;
  }
  return instance;
}

export function t(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  return i18n().t(lang, key, vars);
}

/** "ru" for mostly Cyrillic text, "en" for mostly Latin, null when there are too few letters to tell. */
export function scriptLang(text: string): Lang | null {
  let cyrillic = 0;
  let latin = 0;
  for (const m of text.matchAll(/\p{L}/gu)) {
    if (/\p{Script=Cyrillic}/u.test(m[0])) cyrillic++;
    else if (/\p{Script=Latin}/u.test(m[0])) latin++;
  }
  if (cyrillic + latin < 2) return null;
  return cyrillic > latin ? "ru" : "en";
}

export function codeLang(code: string | undefined): Lang {
  return code && READS_RUSSIAN.has(code.toLowerCase().split("-")[0]) ? "ru" : "en";
}

/** Buttons carry the language of the message they belong to, as a last ":en" or ":ru". */
export function withLang(data: string, lang: Lang): string {
  return `${data}:${lang}`;
}

function langOfData(data: string | undefined): Lang | null {
  const m = /:(en|ru)$/.exec(data ?? "");
  return m ? (m[1] as Lang) : null;
}

/** What the user wrote, without the command and mentions (their Latin letters say nothing about the user's language). */
function writtenBy(ctx: Context): string {
  if (ctx.inlineQuery) return ctx.inlineQuery.query;
  const text = ctx.msg?.text ?? ctx.msg?.caption ?? "";
  return text.replace(/^\/\w+(?:@\w+)?/, "").replace(/@\w+/g, "");
}

/**
 * The language to talk to this user in: the script of what they just wrote
 * when it tells (a Cyrillic question gets a Russian interface), else the
 * language of the button they tapped, else their Telegram language code.
 */
export function userLang(ctx: Context): Lang {
  if (ctx.callbackQuery) return langOfData(ctx.callbackQuery.data) ?? codeLang(ctx.from?.language_code);
  return scriptLang(writtenBy(ctx)) ?? codeLang(ctx.from?.language_code);
}
