import { GrammyError, HttpError, type Api, type Bot, type Transformer } from "grammy";
import { UserError } from "../core/errors.js";
import type { Logger } from "../logger.js";
import type { BotContext } from "./context.js";

/** Telegram refused the token: only a new token helps, so the bot stops. */
export class TokenRejectedError extends UserError {
  constructor() {
    super("The bot token was rejected by Telegram (401 Unauthorized): it was revoked or is wrong. Get a new one from @BotFather and set BOT_TOKEN.");
  }
}

/** grammY types its abort signals with a polyfill's type; at run time they are Node's own. */
export type ApiSignal = Parameters<Api["getMe"]>[0];

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** Doubling waits, capped at a minute: a deploy overlap or an outage ends without hammering the server. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 60_000 };

export interface RetryOptions {
  apiRoot: string;
  logger: Logger;
  /** Aborts the waiting and the call in progress (shutdown). */
  signal?: AbortSignal;
  /** A call that gets no answer within this is abandoned and retried. */
  attemptTimeoutMs?: number;
  backoff?: Backoff;
}

/**
 * Calls the Bot API until it answers. Each failure is one log line naming the
 * API root, what went wrong and the wait before the next attempt. A rejected
 * token throws TokenRejectedError; an abort throws at once.
 */
export async function untilAnswered<T>(what: string, call: (signal: ApiSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  const { initialMs, maxMs } = options.backoff ?? DEFAULT_BACKOFF;
  let wait = initialMs;
  for (let attempt = 1; ; attempt++) {
    const signals = [options.signal, options.attemptTimeoutMs ? AbortSignal.timeout(options.attemptTimeoutMs) : undefined].filter((s) => s !== undefined);
    try {
      const result = await call(AbortSignal.any(signals) as unknown as ApiSignal);
      if (attempt > 1) options.logger.info({ call: what, attempt }, `The Bot API at ${options.apiRoot} answers again`);
      return result;
    } catch (err) {
      if (options.signal?.aborted) throw err;
      if (err instanceof GrammyError && err.error_code === 401) throw new TokenRejectedError();
      const retryAfter = err instanceof GrammyError ? err.parameters.retry_after : undefined;
      const delay = retryAfter !== undefined ? retryAfter * 1000 : wait;
      const problem = describeFailure(err, options.apiRoot, options.attemptTimeoutMs);
      options.logger.warn({ call: what, attempt }, `${problem}; retrying in ${formatSeconds(delay)} s`);
      await sleep(delay, options.signal);
      if (retryAfter === undefined) wait = Math.min(wait * 2, maxMs);
    }
  }
}

/** One line on what went wrong talking to the Bot API, for an operator; never the token or a stack. */
export function describeFailure(err: unknown, apiRoot: string, timeoutMs?: number): string {
  if (err instanceof GrammyError) {
    if (err.error_code === 409)
      return (
        `Another instance is using this bot token (409 ${err.description}). ` +
        "If a deploy overlaps, it ends soon; otherwise stop the other instance or remove its webhook"
      );
    return `The Bot API at ${apiRoot} refused ${err.method} (${err.error_code} ${err.description})`;
  }
  if (err instanceof HttpError) return `Cannot reach the Bot API at ${apiRoot}: ${networkReason(err.error, timeoutMs)}`;
  return `Cannot reach the Bot API at ${apiRoot}: ${(err as Error)?.message ?? String(err)}`;
}

function networkReason(cause: unknown, timeoutMs?: number): string {
  const e = cause as { name?: string; code?: string; type?: string; message?: string } | undefined;
  if (e?.name === "AbortError" || /timed out/.test(e?.message ?? "")) return timeoutMs ? `no answer within ${formatSeconds(timeoutMs)} s` : "no answer (timed out)";
  if (e?.type === "invalid-json" || e?.name === "SyntaxError") return "the answer was not Bot API JSON (an error page or another server?)";
  switch (e?.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
    case "EPIPE":
      return "the connection was reset";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ETIMEDOUT":
      return "connection timed out";
    default:
      return e?.code ?? "network error";
  }
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
}

function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** Start-up calls give up on a silent server after this and try again, so the log says so within seconds. */
export const START_ATTEMPT_TIMEOUT_MS = 5000;

/** getMe until the Bot API answers; afterwards the bot knows who it is. */
export async function connectBot(bot: Bot<BotContext>, options: RetryOptions): Promise<void> {
  if (bot.isInited()) return;
  options.logger.info(`Connecting to the Bot API at ${options.apiRoot}`);
  bot.botInfo = await untilAnswered("getMe", (signal) => bot.api.getMe(signal), { attemptTimeoutMs: START_ATTEMPT_TIMEOUT_MS, ...options });
}

/**
 * A transformer that retries a call failing on the network a few times (after
 * 1, 2 and 4 s), then lets the error through to be logged.
 */
export function retryNetworkErrors(delaysMs = [1000, 2000, 4000]): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || attempt >= delaysMs.length || signal?.aborted) throw err;
        await sleep(delaysMs[attempt], signal as unknown as AbortSignal);
      }
    }
  };
}
