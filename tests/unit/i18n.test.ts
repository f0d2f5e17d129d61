import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Context } from "grammy";
import { codeLang, scriptLang, t, userLang } from "../../src/bot/i18n.js";
import { commandList } from "../../src/bot/commands.js";
import { ROOT } from "../helpers.js";

const keys = (lang: string) =>
  readFileSync(path.join(ROOT, "locales", `${lang}.ftl`), "utf8")
    .split("\n")
    .map((l) => /^([a-z][a-z0-9-]*)\s*=/.exec(l)?.[1])
    .filter(Boolean)
    .sort();

const ctx = (update: object) => update as unknown as Context;

describe("interface language", () => {
  it("has every message in both languages", () => {
    expect(keys("ru")).toEqual(keys("en"));
    expect(keys("en").length).toBeGreaterThan(40);
  });

  it("fills placeholders without invisible isolation marks, with Russian plural forms", () => {
    expect(t("en", "speakers-count", { count: 8 })).toBe("8 people spoke. Tap a name to see their claims with sources.");
    expect(t("ru", "speakers-count", { count: 8 })).toMatch(/^Выступили 8 человек\./);
    expect(t("ru", "speakers-count", { count: 3 })).toMatch(/^Выступили 3 человека\./);
    expect(t("ru", "speakers-count", { count: 1 })).toMatch(/^Выступил 1 человек\./);
    expect(t("ru", "example-what-said", { name: "Darya Chizhova", gender: "f" })).toBe("Что сказала Darya Chizhova?");
    expect(t("en", "unknown-command", { command: "x" })).not.toMatch(/[\u2068\u2069]/);
  });

  it("describes every command in both languages", () => {
    for (const lang of ["en", "ru"] as const) {
      for (const c of commandList(lang)) {
        expect(c.description.length, `${lang} ${c.command}`).toBeGreaterThan(5);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
  });

  it("reads the language from the script of the text, then from the Telegram language code", () => {
    expect(scriptLang("Что сказал Петров?")).toBe("ru");
    expect(scriptLang("What did Petrov say?")).toBe("en");
    expect(scriptLang("What did Петров say?")).toBe("en");
    expect(scriptLang("🙂 ?")).toBeNull();
    for (const code of ["ru", "uk", "be", "kk", "ky", "ru-RU"]) expect(codeLang(code)).toBe("ru");
    for (const code of ["en", "de", "uz", undefined]) expect(codeLang(code)).toBe("en");

    const from = (language_code?: string) => ({ id: 1, is_bot: false, first_name: "U", language_code });
    const message = (text: string, code?: string) => ctx({ msg: { text }, from: from(code) });
    expect(userLang(message("/speaker Грачев", "en"))).toBe("ru");
    expect(userLang(message("Who spoke?", "ru"))).toBe("en");
    expect(userLang(message("/start", "ru"))).toBe("ru");
    expect(userLang(message("/start@event_bot", "de"))).toBe("en");
    // A button answers in the language of the message it was on.
    expect(userLang(ctx({ callbackQuery: { data: "ex:1:ru" }, from: from("en") }))).toBe("ru");
    expect(userLang(ctx({ callbackQuery: { data: "sp:3:abcdef" }, from: from("kk") }))).toBe("ru");
    expect(userLang(ctx({ inlineQuery: { query: "кто выступал" }, from: from("en") }))).toBe("ru");
  });
});
