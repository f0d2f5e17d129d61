import { createConcurrentSink, createRunner, createSource } from "@grammyjs/runner";
import type { Bot, BotError } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./context.js";
import type { Logger } from "../logger.js";
import { whenIdle } from "./in-flight.js";
import { journalFor } from "./journal.js";
import { START_ATTEMPT_TIMEOUT_MS, connectBot, untilAnswered, type Backoff } from "./bot-api.js";

const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query", "my_chat_member"] as const;

export interface PollingOptions {
  apiRoot: string;
  logger: Logger;
  /** Called when polling cannot go on (the token was rejected). */
  onFatal?: (err: Error) => void;
  /** Aborting it gives up connecting (shutdown during start). */
  signal?: AbortSignal;
  backoff?: Backoff;
}

/**
 * Long polling with the runner: concurrent across chats, ordered within one
 * (see createBot). It is `run(bot)` with our own getUpdates loop, because the
 * runner's prints stack traces to the console, gives up on a 409 and retries
 * a network error silently: here each failure is one log line with its wait,
 * a 409 (another instance) is waited out, and a 401 ends polling via onFatal.
 */
export async function startPolling(bot: Bot<BotContext>, options: PollingOptions): Promise<{ stop: () => Promise<void> }> {
  const retry = { apiRoot: options.apiRoot, logger: options.logger, backoff: options.backoff, signal: options.signal };
  await connectBot(bot, retry);
  // A webhook left over from an earlier deployment would make getUpdates fail.
  await untilAnswered("deleteWebhook", (signal) => bot.api.deleteWebhook({}, signal), { ...retry, attemptTimeoutMs: START_ATTEMPT_TIMEOUT_MS });

  // Updates are journaled before the offset moves past them (a getUpdates transformer); a previous run's leftovers go first.
  const journal = journalFor(bot);
  await journal?.startPolling(bot);

  let offset = 0;
  const source = createSource<Update>({
    supply: async (batchSize, signal) => {
      const args = { timeout: 30, allowed_updates: ALLOWED_UPDATES, offset, limit: Math.max(1, Math.min(batchSize, 100)) };
      // The runner's signal is typed with a polyfill; at run time it is Node's own.
      const updates = await untilAnswered("getUpdates", (s) => bot.api.getUpdates(args, s), { ...retry, signal: signal as unknown as AbortSignal });
      if (updates.length) offset = updates[updates.length - 1].update_id + 1;
      return updates;
    },
  });
  const sink = createConcurrentSink<Update>({ consume: (update) => bot.handleUpdate(update) }, async (error) => {
    try {
      await bot.errorHandler(error as BotError<BotContext>);
    } catch (err) {
      options.logger.error({ err }, "the error handler failed");
    }
  });
  const runner = createRunner(source, sink);
  runner.start();
  runner.task()?.catch((err: Error) => {
    if (options.onFatal) options.onFatal(err);
    else options.logger.error(err.message);
  });
  // Stop fetching, then wait for every update already in hand to be answered.
  return {
    stop: async () => {
      if (runner.isRunning()) await runner.stop()?.catch(() => undefined);
      await whenIdle(bot as never);
      await journal?.stop();
    },
  };
}
