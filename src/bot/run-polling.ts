import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { BotContext } from "./context.js";
import { whenIdle } from "./in-flight.js";
import { journalFor } from "./journal.js";

/** Long polling with the runner: concurrent across chats, ordered within one (see createBot). */
export async function startPolling(bot: Bot<BotContext>): Promise<{ stop: () => Promise<void> }> {
  await bot.init();
  // A webhook left over from an earlier deployment would make getUpdates fail.
  await bot.api.deleteWebhook();
  // Updates are journaled before the offset moves past them; a previous run's leftovers go first.
  const journal = journalFor(bot);
  await journal?.startPolling(bot);
  const handle: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ["message", "edited_message", "callback_query", "inline_query", "my_chat_member"] } },
  });
  // Stop fetching, then wait for every update already in hand to be answered.
  return {
    stop: async () => {
      if (handle.isRunning()) await handle.stop();
      await whenIdle(bot as never);
      await journal?.stop();
    },
  };
}
