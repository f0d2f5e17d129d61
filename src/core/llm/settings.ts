/** How to reach an OpenAI-compatible chat model; validated in src/config.ts. */
export interface LlmSettings {
  /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 */
  baseUrl: string;
  /** Empty for local servers that take none. Never logged. */
  apiKey: string | undefined;
  model: string;
  /** The longest a user waits for the model, a 429's retry included. */
  timeoutMs: number;
  /** Model answers per user per day; beyond it the offline engine answers. Undefined: no limit. */
  dailyLimitPerUser: number | undefined;
}

/** What local servers accept when they need no key: the client insists on having one. */
export const NO_API_KEY = "not-needed";
