import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("config", () => {
  it("has working defaults with nothing set", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ botToken: undefined, mode: "polling", port: 8080, indexDir: "data/index", corpusDir: "corpus", allowedChatIds: [] });
    expect(c.apiRoot).toBe("https://api.telegram.org");
    expect(c).toMatchObject({ dataDir: "data", databaseUrl: undefined, recap: { windowHours: 24, retentionDays: 7 }, journalMaxAgeMs: 600_000 });
    expect(c.corpusDirSet).toBe(false);
    expect(loadConfig({ CORPUS_DIR: "" }).corpusDirSet).toBe(false);
    expect(loadConfig({ CORPUS_DIR: "articles" })).toMatchObject({ corpusDir: "articles", corpusDirSet: true });
  });

  it("reads the storage settings", () => {
    const c = loadConfig({ DATA_DIR: "/var/lib/bot", DATABASE_URL: "postgresql://bot:pw@db:5432/bot", RECAP_WINDOW_HOURS: "12", RECAP_RETENTION_DAYS: "3", JOURNAL_MAX_AGE_SECONDS: "120" });
    expect(c).toMatchObject({ dataDir: "/var/lib/bot", databaseUrl: "postgresql://bot:pw@db:5432/bot", recap: { windowHours: 12, retentionDays: 3 }, journalMaxAgeMs: 120_000 });
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
    [{ DATABASE_URL: "mysql://root@db/bot" }, /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
    [{ RECAP_RETENTION_DAYS: "0" }, /^Invalid configuration: RECAP_RETENTION_DAYS /],
    [{ RECAP_WINDOW_HOURS: "a day" }, /^Invalid configuration: RECAP_WINDOW_HOURS /],
    [{ JOURNAL_MAX_AGE_SECONDS: "-5" }, /^Invalid configuration: JOURNAL_MAX_AGE_SECONDS /],
    [{ LLM_BASE_URL: "http://localhost:11434/v1" }, /^Invalid configuration: LLM_MODEL is required when LLM_BASE_URL is set/],
    [{ LLM_MODEL: "llama3.1" }, /^Invalid configuration: LLM_BASE_URL is required when LLM_MODEL is set/],
    [{ LLM_BASE_URL: "localhost:11434", LLM_MODEL: "m" }, /LLM_BASE_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ LLM_BASE_URL: "http://x/v1", LLM_MODEL: "m", LLM_TIMEOUT_MS: "soon" }, /LLM_TIMEOUT_MS/],
    [{ LLM_DAILY_LIMIT_PER_USER: "-3" }, /LLM_DAILY_LIMIT_PER_USER/],
    [{ EMBEDDINGS_MODEL: "text-embedding-3-small" }, /EMBEDDINGS_BASE_URL \(or LLM_BASE_URL\) is required when EMBEDDINGS_MODEL is set/],
  ])("fails with one readable message naming the variable: %o", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("never repeats a database URL, with its password, in its error", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://root:hunter2secret@db/bot" })).toThrow(/^(?!.*hunter2secret).*DATABASE_URL/);
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

  it("has no model by default, and reads one with its defaults", () => {
    expect(loadConfig({}).llm).toBeUndefined();
    const c = loadConfig({ LLM_BASE_URL: "http://localhost:11434/v1/", LLM_MODEL: "llama3.1" });
    expect(c.llm).toEqual({ baseUrl: "http://localhost:11434/v1", apiKey: undefined, model: "llama3.1", timeoutMs: 20000, dailyLimitPerUser: undefined });
    expect(c.index.embedding.provider).toBe("hashed-tfidf");
  });

  it("makes remote embeddings part of the index settings, the key and URL only how to reach them", () => {
    const c = loadConfig({ LLM_BASE_URL: "https://api.openai.com/v1", LLM_MODEL: "gpt-4o-mini", LLM_API_KEY: "sk-secret-value-123", EMBEDDINGS_MODEL: "text-embedding-3-small", LLM_DAILY_LIMIT_PER_USER: "20" });
    expect(c.llm).toMatchObject({ apiKey: "sk-secret-value-123", dailyLimitPerUser: 20 });
    expect(c.index.embedding).toEqual({ provider: "openai-compatible", model: "text-embedding-3-small" });
    expect(c.index.embeddingAccess).toEqual({ baseUrl: "https://api.openai.com/v1", apiKey: "sk-secret-value-123", timeoutMs: 20000 });
    expect(loadConfig({ EMBEDDINGS_MODEL: "nomic-embed-text", EMBEDDINGS_BASE_URL: "http://localhost:11434/v1" }).index.embeddingAccess?.baseUrl).toBe("http://localhost:11434/v1");
  });

  it("never repeats the API key in an error", () => {
    const key = "sk-live-secret-key-987654321";
    expect(() => loadConfig({ LLM_API_KEY: key, LLM_MODEL: "m" })).toThrow(/LLM_BASE_URL is required/);
    let message = "";
    try {
      loadConfig({ LLM_API_KEY: key, LLM_MODEL: "m", LLM_TIMEOUT_MS: "x" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/LLM_TIMEOUT_MS/);
    expect(message).not.toContain(key);
  });
});
