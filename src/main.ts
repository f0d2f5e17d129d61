import "dotenv/config";
import { loadConfig } from "./config.js";
import { UserError } from "./core/errors.js";
import { createEventQa } from "./core/llm/create-event-qa.js";
import { openKnowledgeBase } from "./core/index/open-knowledge-base.js";
import { createLogger } from "./logger.js";
import { createBot, registerCommands } from "./bot/create-bot.js";
import { startPolling } from "./bot/run-polling.js";
import { startWebhook } from "./bot/run-webhook.js";
import { runConsoleChat } from "./bot/console-chat.js";
import type { BotDeps } from "./bot/context.js";
import { openStore } from "./store/open-store.js";
import { startMaintenance } from "./store/maintenance.js";
import { LANGS, type Lang } from "./bot/i18n.js";

/** Seconds a shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 9000;

/** `npm start -- --lang ru`: the console chat's interface language. */
function langArgument(args: string[]): Lang | undefined {
  const at = args.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (at < 0) return undefined;
  const value = args[at].includes("=") ? args[at].split("=")[1] : args[at + 1];
  if (!LANGS.includes(value as Lang)) throw new UserError(`--lang must be one of ${LANGS.join(", ")}, not "${value ?? ""}".`);
  return value as Lang;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dbPassword = config.databaseUrl ? decodeURIComponent(new URL(config.databaseUrl).password) : undefined;
  const secrets = [config.botToken, config.webhookSecret, config.databaseUrl, dbPassword, config.llm?.apiKey];
  const logger = createLogger(config.logLevel, secrets);
  // In the console chat, logs would interleave with the chat: only warnings unless LOG_LEVEL asks for more.
  const chatLogger = config.botToken || process.env.LOG_LEVEL ? logger : createLogger("warn", secrets);
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (err) => logger.warn({ err }, "database connection lost; reconnecting on the next query"),
  });
  const maintenance = await startMaintenance(store, { retentionDays: config.recap.retentionDays, logger: chatLogger });
  const closeStore = async () => {
    maintenance.stop();
    await store.close();
  };
  const lang = langArgument(process.argv.slice(2));
  const kb = await openKnowledgeBase({
    corpusDir: config.corpusDirSet ? config.corpusDir : undefined,
    indexDir: config.indexDir,
    settings: config.index,
    rebuild: true,
    // In the console chat a JSON log line would land before the prompt: say it plainly instead.
    report: (m) => (config.botToken ? logger.info(m) : process.stderr.write(`${m}\n`)),
  });
  if (config.llm) logger.info({ model: config.llm.model, baseUrl: config.llm.baseUrl }, "answers go through the language model, verified; offline answers are the fallback");
  const deps: BotDeps = {
    qa: createEventQa(kb, config.llm, logger),
    logger,
    allowedChatIds: config.allowedChatIds,
    rateLimit: config.rateLimit,
    store,
    journal: { maxAgeMs: config.journalMaxAgeMs },
    recapWindowHours: config.recap.windowHours,
  };

  if (!config.botToken) {
    process.stderr.write(
      "No BOT_TOKEN is set, so here is the bot in a local console chat instead.\n" +
        "To run it in Telegram: talk to @BotFather, send /newbot, and put the token it gives you in .env as BOT_TOKEN=...\n\n",
    );
    await runConsoleChat({ ...deps, logger: chatLogger, rateLimit: undefined }, process.stdin, process.stdout, { lang });
    await closeStore();
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
    await closeStore();
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
  // Only after the handlers: the bot answers while the menu is being registered, and a stop may come meanwhile.
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
