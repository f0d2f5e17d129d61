import { z } from "zod";
import type { IndexSettings } from "./core/index/manifest.js";
import { DEFAULT_EMBEDDING } from "./core/embeddings/create-embeddings.js";
import { UserError } from "./core/errors.js";
import { DEFAULT_CORPUS_DIR } from "./core/corpus/load-corpus.js";
import type { LlmSettings } from "./core/llm/settings.js";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : String(fallback)))
    .pipe(z.coerce.number().int().min(min).max(max));

const isHttpUrl = (v: string) => {
  try {
    return ["http:", "https:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** An http(s) URL without trailing slashes, e.g. https://api.openai.com/v1 */
const httpUrl = optionalString
  .refine((v) => v === undefined || isHttpUrl(v), { message: "must be an http:// or https:// URL, e.g. https://api.openai.com/v1" })
  .transform((v) => v?.replace(/\/+$/, ""));

const schema = z
  .object({
    BOT_TOKEN: optionalString.refine((v) => v === undefined || /^\d+:[\w-]{20,}$/.test(v), {
      message: "must look like 123456:ABC-DEF… as given by @BotFather",
    }),
    TELEGRAM_API_ROOT: z
      .string()
      .optional()
      .default("https://api.telegram.org")
      .refine((v) => /^https?:\/\/[^/]/i.test(v) && URL.canParse(v), { message: "must be an http(s) URL, e.g. https://api.telegram.org" }),
    BOT_MODE: z.enum(["polling", "webhook"]).optional().default("polling"),
    WEBHOOK_URL: optionalString.pipe(z.string().url().optional()),
    WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
      message: "may hold only A-Z, a-z, 0-9, _ and -, at most 256 characters",
    }),
    PORT: integer(8080, 1, 65535),
    ALLOWED_CHAT_IDS: optionalString
      .transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []))
      .refine((ids) => ids.every((id) => /^-?\d+$/.test(id)), { message: "must be a comma-separated list of numeric chat ids" })
      .transform((ids) => ids.map(Number)),
    RATE_LIMIT_MESSAGES: integer(5, 1, 1000),
    RATE_LIMIT_WINDOW_SECONDS: integer(10, 1, 3600),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional().default("info"),
    INDEX_DIR: z.string().optional().default("data/index"),
    CORPUS_DIR: z.string().optional().default(DEFAULT_CORPUS_DIR),
    EMBEDDING_DIMENSIONS: integer(DEFAULT_EMBEDDING.dimensions, 64, 65536),
    CHUNK_MAX_CHARS: integer(1000, 100, 20000),
    DATA_DIR: z.string().optional().default("data"),
    // The value carries a password: messages name the variable, never the value.
    DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v) && URL.canParse(v), {
      message: "must be a postgres:// or postgresql:// URL (leave it empty for the SQLite file in DATA_DIR)",
    }),
    RECAP_WINDOW_HOURS: integer(24, 1, 24 * 30),
    RECAP_RETENTION_DAYS: integer(7, 1, 365),
    JOURNAL_MAX_AGE_SECONDS: integer(600, 10, 86_400),
    LLM_BASE_URL: httpUrl,
    LLM_API_KEY: optionalString,
    LLM_MODEL: optionalString,
    LLM_TIMEOUT_MS: integer(20000, 100, 600_000),
    LLM_DAILY_LIMIT_PER_USER: optionalString.pipe(z.coerce.number().int().min(0).max(1_000_000).optional()),
    EMBEDDINGS_MODEL: optionalString,
    EMBEDDINGS_BASE_URL: httpUrl,
  })
  .superRefine((c, ctx) => {
    if (c.BOT_MODE === "webhook" && !c.WEBHOOK_URL)
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "is required when BOT_MODE=webhook" });
    if (c.BOT_MODE === "webhook" && !c.WEBHOOK_SECRET)
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "is required when BOT_MODE=webhook" });
    if (c.LLM_BASE_URL && !c.LLM_MODEL) ctx.addIssue({ code: "custom", path: ["LLM_MODEL"], message: "is required when LLM_BASE_URL is set" });
    if (c.LLM_MODEL && !c.LLM_BASE_URL) ctx.addIssue({ code: "custom", path: ["LLM_BASE_URL"], message: "is required when LLM_MODEL is set" });
    if (c.EMBEDDINGS_MODEL && !c.EMBEDDINGS_BASE_URL && !c.LLM_BASE_URL)
      ctx.addIssue({ code: "custom", path: ["EMBEDDINGS_BASE_URL"], message: "(or LLM_BASE_URL) is required when EMBEDDINGS_MODEL is set" });
  });

type Env = z.output<typeof schema>;

export interface Config {
  botToken: string | undefined;
  apiRoot: string;
  mode: "polling" | "webhook";
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  port: number;
  allowedChatIds: number[];
  rateLimit: { messages: number; windowMs: number };
  logLevel: Env["LOG_LEVEL"];
  indexDir: string;
  corpusDir: string;
  /** Whether CORPUS_DIR was set: if not, an existing index is used with the corpus it was built from. */
  corpusDirSet: boolean;
  index: IndexSettings;
  dataDir: string;
  databaseUrl: string | undefined;
  recap: { windowHours: number; retentionDays: number };
  journalMaxAgeMs: number;
  /** Set when LLM_BASE_URL and LLM_MODEL are: answers then go through the model. */
  llm: LlmSettings | undefined;
}

/** Validates the environment once; an invalid setting fails with one message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (as left by copying .env.example) means "use the default".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new UserError(`Invalid configuration: ${problems.join("; ")}. See .env.example.`);
  }
  const e = parsed.data;
  return {
    botToken: e.BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    mode: e.BOT_MODE,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    port: e.PORT,
    allowedChatIds: e.ALLOWED_CHAT_IDS,
    rateLimit: { messages: e.RATE_LIMIT_MESSAGES, windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000 },
    logLevel: e.LOG_LEVEL,
    indexDir: e.INDEX_DIR,
    corpusDir: e.CORPUS_DIR,
    corpusDirSet: given.CORPUS_DIR !== undefined,
    index: {
      chunking: { maxChars: e.CHUNK_MAX_CHARS },
      ...(e.EMBEDDINGS_MODEL
        ? {
            embedding: { provider: "openai-compatible" as const, model: e.EMBEDDINGS_MODEL },
            embeddingAccess: { baseUrl: (e.EMBEDDINGS_BASE_URL ?? e.LLM_BASE_URL)!, apiKey: e.LLM_API_KEY, timeoutMs: e.LLM_TIMEOUT_MS },
          }
        : { embedding: { ...DEFAULT_EMBEDDING, dimensions: e.EMBEDDING_DIMENSIONS } }),
    },
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    recap: { windowHours: e.RECAP_WINDOW_HOURS, retentionDays: e.RECAP_RETENTION_DAYS },
    journalMaxAgeMs: e.JOURNAL_MAX_AGE_SECONDS * 1000,
    llm:
      e.LLM_BASE_URL && e.LLM_MODEL
        ? { baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY, model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS, dailyLimitPerUser: e.LLM_DAILY_LIMIT_PER_USER }
        : undefined,
  };
}
