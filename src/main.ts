import "dotenv/config";
import { loadConfig } from "./config.js";
import { UserError } from "./core/errors.js";
import { EventQa } from "./core/event-qa.js";
import { openKnowledgeBase } from "./core/index/open-knowledge-base.js";
import { createLogger } from "./logger.js";
import { createBot, registerCommands } from "./bot/create-bot.js";
import { startPolling } from "./bot/run-polling.js";
import { startWebhook } from "./bot/run-webhook.js";
import { runConsoleChat } from "./bot/console-chat.js";
import type { BotDeps } from "./bot/context.js";

/** Seconds a shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 9000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, [config.botToken, config.webhookSecret]);
  const kb = await openKnowledgeBase({
    corpusDir: config.corpusDirSet ? config.corpusDir : undefined,
    indexDir: config.indexDir,
    settings: config.index,
    rebuild: true,
    report: (m) => logger.info(m),
  });
  const deps: BotDeps = { qa: new EventQa(kb), logger, allowedChatIds: config.allowedChatIds, rateLimit: config.rateLimit };

  if (!config.botToken) {
    process.stderr.write(
      "No BOT_TOKEN is set, so here is the bot in a local console chat instead.\n" +
        "To run it in Telegram: talk to @BotFather, send /newbot, and put the token it gives you in .env as BOT_TOKEN=...\n\n",
    );
    // Logs would interleave with the chat; only warnings unless LOG_LEVEL asks for more.
    const quiet = process.env.LOG_LEVEL ? logger : createLogger("warn");
    await runConsoleChat({ ...deps, logger: quiet, rateLimit: undefined }, process.stdin, process.stdout);
    return;
  }

  // Signals are handled from here on: a stop while the Bot API is still out of reach exits cleanly.
  const stopping = new AbortController();
  let runner: { stop: () => Promise<void> } | undefined;
  const shutdown = async (reason: string, code = 0) => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    logger.info({ reason }, "stopping: finishing answers in flight");
    const timer = setTimeout(() => {
      logger.warn("shutdown took too long; exiting");
      process.exit(code || 1);
    }, SHUTDOWN_LIMIT_MS);
    timer.unref();
    await runner?.stop();
    logger.info("stopped");
    process.exit(code);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  const bot = createBot(config.botToken, deps, { apiRoot: config.apiRoot });
  const connection = { apiRoot: config.apiRoot, logger, signal: stopping.signal };
  try {
    runner =
      config.mode === "webhook"
        ? await startWebhook(bot, { url: config.webhookUrl!, secret: config.webhookSecret!, port: config.port, ...connection })
        : await startPolling(bot, {
            ...connection,
            // The token was revoked while running: say so once, and stop with a non-zero code.
            onFatal: (err) => {
              logger.error(err.message);
              void shutdown("the bot token was rejected", 1);
            },
          });
  } catch (err) {
    if (stopping.signal.aborted) return;
    throw err;
  }
  await registerCommands(bot, deps);
  logger.info({ mode: config.mode, bot: bot.botInfo.username }, "bot started");
}

main().catch((err) => {
  // One readable line; never a stack trace or the token.
  const message = err instanceof UserError ? err.message : `Could not start: ${(err as Error)?.message ?? String(err)}`;
  const token = process.env.BOT_TOKEN;
  process.stderr.write(`Error: ${token ? message.split(token).join("[secret]") : message}\n`);
  process.exit(1);
});
