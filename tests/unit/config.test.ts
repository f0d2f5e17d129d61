import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("config", () => {
  it("has working defaults with nothing set", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ botToken: undefined, mode: "polling", port: 8080, indexDir: "data/index", corpusDir: "corpus", allowedChatIds: [] });
    expect(c.apiRoot).toBe("https://api.telegram.org");
    expect(c.corpusDirSet).toBe(false);
    expect(loadConfig({ CORPUS_DIR: "" }).corpusDirSet).toBe(false);
    expect(loadConfig({ CORPUS_DIR: "articles" })).toMatchObject({ corpusDir: "articles", corpusDirSet: true });
  });

  it("treats empty values, as copied from .env.example, as unset", () => {
    const c = loadConfig({ BOT_TOKEN: "", LOG_LEVEL: "", PORT: " ", BOT_MODE: "", ALLOWED_CHAT_IDS: "" });
    expect(c).toMatchObject({ botToken: undefined, logLevel: "info", port: 8080, mode: "polling", allowedChatIds: [] });
  });

  it("parses the allow-list, the rate limit and the API root", () => {
    const c = loadConfig({ ALLOWED_CHAT_IDS: "12, -100345", RATE_LIMIT_MESSAGES: "3", RATE_LIMIT_WINDOW_SECONDS: "20", TELEGRAM_API_ROOT: "http://127.0.0.1:8081/" });
    expect(c.allowedChatIds).toEqual([12, -100345]);
    expect(c.rateLimit).toEqual({ messages: 3, windowMs: 20_000 });
    expect(c.apiRoot).toBe("http://127.0.0.1:8081");
  });

  it.each([
    [{ PORT: "eighty" }, /^Invalid configuration: PORT /],
    [{ BOT_MODE: "webhook" }, /WEBHOOK_URL is required when BOT_MODE=webhook/],
    [{ BOT_MODE: "carrier-pigeon" }, /BOT_MODE/],
    [{ ALLOWED_CHAT_IDS: "12,abc" }, /ALLOWED_CHAT_IDS must be a comma-separated list/],
    [{ TELEGRAM_API_ROOT: "not a url" }, /TELEGRAM_API_ROOT/],
    [{ TELEGRAM_API_ROOT: "ftp://files.example.org" }, /TELEGRAM_API_ROOT must be an http\(s\) URL/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
  ])("fails with one readable message naming the variable: %o", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("never repeats a malformed token in its error", () => {
    const token = "not-a-token-but-a-secret-value";
    let message = "";
    try {
      loadConfig({ BOT_TOKEN: token });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/BOT_TOKEN must look like/);
    expect(message).not.toContain(token);
  });
});
