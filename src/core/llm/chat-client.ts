import type { ChatOpenAI } from "@langchain/openai";
import { HumanMessage, SystemMessage, type AIMessage } from "@langchain/core/messages";
import { NO_API_KEY, type LlmSettings } from "./settings.js";

export interface TokenUsage {
  input: number;
  output: number;
}

export type ChatResult =
  | { ok: true; text: string; usage: TokenUsage | null; ms: number }
  /** `reason` is short and safe to show: "timeout", "http 429", "connection error". */
  | { ok: false; reason: string; ms: number };

/** Without a Retry-After header, a 429 is retried after this long (if the timeout allows). */
const DEFAULT_RETRY_MS = 1000;

/**
 * One question to the model, within a deadline: LangChain's ChatOpenAI with
 * no retries of its own; a 429 is retried once, after Retry-After, when that
 * still fits in the timeout. Every failure becomes a short reason, never an
 * exception.
 */
export class ChatClient {
  private model: Promise<ChatOpenAI> | null = null;

  constructor(
    private readonly settings: LlmSettings,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    // Loading the SDK takes seconds on a busy machine: start now, so that no question's deadline pays for it.
    this.chatModel().catch(() => undefined);
  }

  /** The client is loaded on first use: without a model configured, the OpenAI SDK is never loaded. */
  private chatModel(): Promise<ChatOpenAI> {
    this.model ??= import("@langchain/openai").then(
      ({ ChatOpenAI }) =>
        new ChatOpenAI({
          model: this.settings.model,
          apiKey: this.settings.apiKey || NO_API_KEY,
          configuration: { baseURL: this.settings.baseUrl },
          temperature: 0,
          timeout: this.settings.timeoutMs,
          maxRetries: 0,
        }),
    );
    return this.model;
  }

  async complete(system: string, user: string): Promise<ChatResult> {
    let model: ChatOpenAI;
    try {
      model = await this.chatModel();
    } catch {
      return { ok: false, reason: "client not loaded", ms: 0 };
    }
    const started = Date.now();
    const deadline = started + this.settings.timeoutMs;
    const fail = (reason: string): ChatResult => ({ ok: false, reason, ms: Date.now() - started });
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return fail("timeout");
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), remaining);
      try {
        const message = await model.invoke([new SystemMessage(system), new HumanMessage(user)], { signal: controller.signal });
        const text = textOf(message);
        if (!text.trim()) return fail("empty answer");
        const u = message.usage_metadata;
        return { ok: true, text, usage: u ? { input: u.input_tokens ?? 0, output: u.output_tokens ?? 0 } : null, ms: Date.now() - started };
      } catch (err) {
        if (controller.signal.aborted) return fail("timeout");
        const status = (err as { status?: unknown }).status;
        if (status === 429 && attempt === 0) {
          const wait = retryAfterMs((err as { headers?: unknown }).headers) ?? DEFAULT_RETRY_MS;
          if (Date.now() + wait < deadline) {
            await this.sleep(wait);
            continue;
          }
        }
        return fail(reasonOf(err));
      } finally {
        clearTimeout(timer);
      }
    }
  }
}

function textOf(message: AIMessage): string {
  const c = message.content;
  if (typeof c === "string") return c;
  return c.map((part) => (typeof part === "string" ? part : part.type === "text" && "text" in part ? String(part.text) : "")).join("");
}

/** A short, secret-free reason for a failed call. */
export function reasonOf(err: unknown): string {
  const e = err as { status?: unknown; name?: string; constructor?: { name?: string }; code?: string };
  if (typeof e?.status === "number") return `http ${e.status}`;
  const name = `${e?.name ?? ""} ${e?.constructor?.name ?? ""}`;
  if (/Timeout|Abort/.test(name)) return "timeout";
  if (/Connection/.test(name) || /^E(?:CONN|HOST|NET|AI_|PIPE)|ENOTFOUND/.test(e?.code ?? "")) return "connection error";
  // A body that is not JSON, or JSON that is not a chat completion.
  if (err instanceof SyntaxError || err instanceof TypeError) return "malformed response";
  return "error";
}

/** Retry-After in seconds or as an HTTP date, or retry-after-ms; null when absent or unreadable. */
export function retryAfterMs(headers: unknown): number | null {
  const get = (name: string): string | null => {
    if (!headers) return null;
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
    const v = (headers as Record<string, unknown>)[name];
    return typeof v === "string" ? v : null;
  };
  const ms = Number(get("retry-after-ms"));
  if (get("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = get("retry-after");
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
