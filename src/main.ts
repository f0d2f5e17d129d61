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
import { openStore } from "./store/open-store.js";
import { startMaintenance } from "./store/maintenance.js";

/** Seconds a shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 9000;

async function main(): Promise<void> {
  const config = loadConfig();
  const dbPassword = config.databaseUrl ? decodeURIComponent(new URL(config.databaseUrl).password) : undefined;
  const logger = createLogger(config.logLevel, [config.botToken, config.webhookSecret, config.databaseUrl, dbPassword]);
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (err) => logger.warn({ err }, "database connection lost; reconnecting on the next query"),
  });
  const maintenance = await startMaintenance(store, { retentionDays: config.recap.retentionDays, logger });
  const closeStore = async () => {
    maintenance.stop();
    await store.close();
  };
  const kb = await openKnowledgeBase({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    settings: config.index,
    rebuild: true,
    report: (m) => logger.info(m),
  });
  const deps: BotDeps = {
    qa: new EventQa(kb),
    logger,
    allowedChatIds: config.allowedChatIds,
    rateLimit: config.rateLimit,
    store,
    journal: { maxAgeMs: config.journalMaxAgeMs },
  };

  if (!config.botToken) {
    process.stderr.write(
      "No BOT_TOKEN is set, so here is the bot in a local console chat instead.\n" +
        "To run it in Telegram: talk to @BotFather, send /newbot, and put the token it gives you in .env as BOT_TOKEN=...\n\n",
    );
    // Logs would interleave with the chat; only warnings unless LOG_LEVEL asks for more.
    const quiet = process.env.LOG_LEVEL ? logger : createLogger("warn");
    await runConsoleChat({ ...deps, logger: quiet, rateLimit: undefined }, process.stdin, process.stdout);
    await closeStore();
    return;
  }

  const bot = createBot(config.botToken, deps, { apiRoot: config.apiRoot });
  const runner =
    config.mode === "webhook"
      ? await startWebhook(bot, { url: config.webhookUrl!, secret: config.webhookSecret!, port: config.port })
      : await startPolling(bot);
  await registerCommands(bot, deps);
  logger.info({ mode: config.mode, bot: bot.botInfo.username }, "bot started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing answers in flight");
    const timer = setTimeout(() => {
      logger.warn("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    timer.unref();
    await runner.stop();
    await closeStore();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  // One readable line; never a stack trace or the token.
  const message = err instanceof UserError ? err.message : `Could not start: ${(err as Error)?.message ?? String(err)}`;
  const token = process.env.BOT_TOKEN;
  process.stderr.write(`Error: ${token ? message.split(token).join("[secret]") : message}\n`);
  process.exit(1);
});
