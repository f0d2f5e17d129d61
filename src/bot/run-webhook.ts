import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./context.js";
import { journalFor } from "./journal.js";
import type { Logger } from "../logger.js";
import { START_ATTEMPT_TIMEOUT_MS, connectBot, untilAnswered, type Backoff } from "./bot-api.js";

/** Telegram's updates are a few kilobytes; anything near this is not one. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookOptions {
  url: string;
  secret: string;
  port: number;
  host?: string;
  apiRoot: string;
  logger: Logger;
  /** Aborting it gives up connecting (shutdown during start). */
  signal?: AbortSignal;
  backoff?: Backoff;
  maxBodyBytes?: number;
}

/** A request body that is not an update: answered with its status, logged, never handled. */
class BadBody extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Serves the webhook at the path of WEBHOOK_URL, checking Telegram's secret
 * token header (401 otherwise), and GET /healthz for probes. A body over the
 * limit gets 413 without being read in full, one that is not JSON gets 400.
 */
export async function startWebhook(bot: Bot<BotContext>, options: WebhookOptions): Promise<{ server: Server; stop: () => Promise<void> }> {
  const { logger } = options;
  const retry = { apiRoot: options.apiRoot, logger, backoff: options.backoff, signal: options.signal };
  await connectBot(bot, retry);
  // Each update is journaled before it is handled, so before the 200; a repeated update_id is handled once.
  const journal = journalFor(bot);
  await journal?.startWebhook(bot);
  const hookPath = new URL(options.url).pathname || "/";
  const handle = webhookCallback(bot, boundedJson(options.maxBodyBytes ?? MAX_BODY_BYTES), {
    secretToken: options.secret,
    onTimeout: "return",
    timeoutMilliseconds: 9000,
  });
  const server = createServer((req, res) => {
    // The raw path, not new URL(): "//" and other odd paths must not throw.
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, bot: bot.botInfo.username }));
      return;
    }
    if (req.method === "POST" && path === hookPath) {
      handle(req, res).catch((err) => {
        if (err instanceof BadBody) {
          logger.warn({ status: err.status }, `webhook request refused: ${err.message}`);
          if (!res.headersSent) res.writeHead(err.status, { connection: "close" }).end(err.message);
          // The rest of an oversized body is not read: the connection goes.
          res.once("finish", () => req.destroy());
        } else {
          logger.error({ err }, "webhook request failed");
          if (!res.headersSent) res.writeHead(500).end();
        }
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  await untilAnswered(
    "setWebhook",
    (signal) =>
      bot.api.setWebhook(
        options.url,
        { secret_token: options.secret, allowed_updates: ["message", "edited_message", "callback_query", "inline_query", "my_chat_member"] },
        signal,
      ),
    { ...retry, attemptTimeoutMs: START_ATTEMPT_TIMEOUT_MS },
  );
  return {
    server,
    // Stops taking requests and resolves when those in flight have been answered.
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await journal?.stop();
    },
  };
}

/** grammY's "http" adapter, reading at most `limit` bytes and parsing strictly. */
function boundedJson(limit: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers["x-telegram-bot-api-secret-token"];
    return {
      // Read only after the secret token has been checked.
      get update() {
        return readUpdate(req, limit);
      },
      header: Array.isArray(header) ? header[0] : header,
      end: () => res.end(),
      respond: (json: string) => res.writeHead(200, { "content-type": "application/json" }).end(json),
      unauthorized: () => res.writeHead(401).end("secret token is wrong"),
      handlerReturn: undefined as Promise<void> | undefined,
    };
  };
}

function readUpdate(req: IncomingMessage, limit: number): Promise<Update> {
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) return Promise.reject(new BadBody(413, `body of ${declared} bytes is over the ${limit}-byte limit`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        reject(new BadBody(413, `body is over the ${limit}-byte limit`));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => {
      if (size > limit) return;
      let update: unknown;
      try {
        update = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return reject(new BadBody(400, "the body is not valid JSON"));
      }
      if (!update || typeof update !== "object" || !Number.isSafeInteger((update as Update).update_id))
        return reject(new BadBody(400, "the body is not a Telegram update (no update_id)"));
      resolve(update as Update);
    });
    req.once("error", reject);
  });
}
