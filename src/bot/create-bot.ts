import { Bot, GrammyError, HttpError, type BotConfig } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { sequentialize } from "@grammyjs/runner";
import type { BotContext, BotDeps } from "./context.js";
import { askFeature } from "./features/ask.js";
import { speakersFeature } from "./features/speakers.js";
import { infoFeature } from "./features/info.js";
import { inlineFeature } from "./features/inline.js";
import { membershipFeature } from "./features/membership.js";
import { fallbackFeature } from "./features/fallback.js";
import { commandList } from "./commands.js";
import { LANGS, i18n } from "./i18n.js";
import { trackInFlight } from "./in-flight.js";
import { useJournal } from "./journal.js";
import { conversationSession } from "./session.js";
import { groupLog } from "./features/group-log.js";
import { forgetFeature } from "./features/forget.js";
import { checkFeature } from "./features/check.js";
import { recapFeature } from "./features/recap.js";
import { describeFailure, retryNetworkErrors } from "./bot-api.js";
import { answerCallbackOnce } from "./callback-once.js";
import { OncePerWindow } from "./once-per-window.js";
import { stripInvisible } from "./strip-invisible.js";

const NON_ESSENTIAL = new Set(["sendChatAction", "setMyCommands"]);
// Start-up and polling calls retry on their own, logging each failure (bot-api.ts).
const SELF_RETRIED = new Set(["getMe", "getUpdates", "deleteWebhook", "setWebhook"]);
const DEFAULT_API_ROOT = "https://api.telegram.org";
/** How often a chat outside ALLOWED_CHAT_IDS is told so, when no rate limit sets the window. */
const REFUSAL_WINDOW_MS = 60_000;

export interface CreateBotOptions {
  /** Bot API server root, e.g. a self-hosted server or a test emulator. */
  apiRoot?: string;
  /** Known bot identity: skips getMe (tests, the console chat). */
  botInfo?: BotConfig<BotContext>["botInfo"];
}

/** Builds the bot; nothing runs until the caller starts polling or a webhook. */
export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const apiRoot = options.apiRoot ?? DEFAULT_API_ROOT;
  const bot = new Bot<BotContext>(token, {
    botInfo: options.botInfo,
    // grammY's default waits 500 s for an answer; getUpdates long-polls for 30 s.
    client: { apiRoot, timeoutSeconds: 60 },
  });
  // A 429 (flood control) or a 5xx delays a message; it never loses it. A network error is
  // retried a few times, then the answer is given up and logged (auto-retry alone would
  // retry it forever, silently). Calls that carry no answer get one short retry at most:
  // a missing "typing…" must not hold an answer up.
  const retryAnswers = autoRetry({ maxRetryAttempts: 8, maxDelaySeconds: 60, rethrowHttpErrors: true });
  const retryNetwork = retryNetworkErrors();
  const retryExtras = autoRetry({ maxRetryAttempts: 1, maxDelaySeconds: 2, rethrowInternalServerErrors: true, rethrowHttpErrors: true });
  bot.api.config.use((prev, method, payload, signal) => {
    if (SELF_RETRIED.has(method)) return prev(method, payload, signal);
    if (NON_ESSENTIAL.has(method)) return retryExtras(prev, method, payload, signal);
    return retryAnswers(((m, p, s) => retryNetwork(prev, m, p, s)) as typeof prev, method, payload, signal);
  });

  // Telegram redelivers a webhook update it believes failed: each is handled once.
  bot.use(stripInvisible);
  bot.use(trackInFlight(bot as never).middleware);
  bot.use(async (ctx, next) => {
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id });
    const started = performance.now();
    await next();
    ctx.log.debug({ ms: Math.round(performance.now() - started) }, "update handled");
  });
  // Before anything is answered: outgoing calls are recorded, and the update is marked done after.
  useJournal(bot, deps);
  // ctx.t in the user's language, for everything below (refusals, limits, errors, features).
  bot.use(i18n());
  // One chat's updates in order; different chats in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  // The chat's conversation, read from the store and written back after the update (in order, per chat).
  bot.use(conversationSession(deps.store));
  bot.use(answerCallbackOnce);

  const allowed = new Set(deps.allowedChatIds ?? []);
  if (allowed.size > 0) {
    // One refusal per window: someone who keeps writing must not make the bot spam back.
    const refused = new OncePerWindow<number>(deps.rateLimit?.windowMs ?? REFUSAL_WINDOW_MS);
    bot.use(async (ctx, next) => {
      const chatId = ctx.chat?.id ?? ctx.from?.id;
      if (chatId !== undefined && allowed.has(chatId)) return next();
      if (ctx.inlineQuery) return ctx.answerInlineQuery([], { cache_time: 60 });
      if (ctx.callbackQuery) return ctx.answerCallbackQuery({ text: ctx.t("not-allowed-button") });
      if (ctx.chat?.type === "private" && ctx.msg && refused.allow(ctx.chat.id)) await ctx.reply(ctx.t("not-allowed"));
    });
  }

  bot.use(groupLog(deps));

  if (deps.rateLimit) {
    const { messages, windowMs } = deps.rateLimit;
    const warned = new OncePerWindow<number>(windowMs);
    bot.use(
      limit<BotContext, never>({
        timeFrame: windowMs,
        limit: messages,
        keyGenerator: (ctx) => ctx.from?.id.toString(),
        onLimitExceeded: async (ctx) => {
          const id = ctx.from?.id ?? 0;
          ctx.log.info("rate limited");
          // One polite note per window, not one per extra message.
          if (!warned.allow(id)) return;
          if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("rate-limited-button") });
          else if (ctx.msg) await ctx.reply(ctx.t("rate-limited", { seconds: Math.ceil(windowMs / 1000) }));
        },
      }),
    );
  }

  const features = bot.errorBoundary(async (err) => {
    const e = err.error;
    // Telegram or the network failing is not a bug: one line with the reason, no stack.
    if (e instanceof GrammyError || e instanceof HttpError) err.ctx.log.error(`could not send the answer: ${describeFailure(e, apiRoot)}`);
    else err.ctx.log.error({ err: e }, "handler failed");
    try {
      if (err.ctx.callbackQuery) await err.ctx.answerCallbackQuery({ text: err.ctx.t("error-button") });
      else if (err.ctx.chat && err.ctx.msg) await err.ctx.reply(err.ctx.t("error"));
    } catch {
      // The apology itself failed; the log above already has the error.
    }
  });
  features.use(infoFeature(deps), speakersFeature(deps), checkFeature(deps), recapFeature(deps, deps.recapWindowHours ?? 24), askFeature(deps), inlineFeature(deps), forgetFeature(deps), membershipFeature(deps));
  features.use(fallbackFeature(deps));

  bot.catch((err) => {
    const e = err.error;
    if (e instanceof GrammyError || e instanceof HttpError)
      deps.logger.error({ update_id: err.ctx.update.update_id }, `update failed: ${describeFailure(e, apiRoot)}`);
    else deps.logger.error({ err: e, update_id: err.ctx.update.update_id }, "update failed");
  });
  return bot;
}

/**
 * Registers the command menu for private chats and groups, per language (English by default), all at once
 * so that start-up takes one round trip; a failure only costs the menu.
 */
export async function registerCommands(bot: Bot<BotContext>, deps: BotDeps): Promise<void> {
  const scopes = [{ type: "all_private_chats" }, { type: "all_group_chats" }] as const;
  await Promise.all(
    scopes.flatMap((scope) =>
      LANGS.map(async (lang) => {
        try {
          await bot.api.setMyCommands(commandList(lang), { scope, ...(lang === "en" ? {} : { language_code: lang }) });
        } catch (err) {
          deps.logger.warn({ err, scope: scope.type, lang }, "setMyCommands failed; the command menu may be missing");
        }
      }),
    ),
  );
}
