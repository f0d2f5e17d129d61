import { createServer, type Server } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { BotContext } from "./context.js";
import { journalFor } from "./journal.js";

export interface WebhookOptions {
  url: string;
  secret: string;
  port: number;
  host?: string;
}

/**
 * Serves the webhook at the path of WEBHOOK_URL, checking Telegram's secret
 * token header (401 otherwise), and GET /healthz for probes.
 */
export async function startWebhook(bot: Bot<BotContext>, options: WebhookOptions): Promise<{ server: Server; stop: () => Promise<void> }> {
  await bot.init();
  // Each update is journaled before it is handled, so before the 200; a duplicate update_id is handled once.
  const journal = journalFor(bot);
  await journal?.startWebhook(bot);
  const path = new URL(options.url).pathname || "/";
  const handle = webhookCallback(bot, "http", { secretToken: options.secret, onTimeout: "return", timeoutMilliseconds: 9000 });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, bot: bot.botInfo.username }));
      return;
    }
    if (req.method === "POST" && url.pathname === path) {
      handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  await bot.api.setWebhook(options.url, {
    secret_token: options.secret,
    allowed_updates: ["message", "edited_message", "callback_query", "inline_query", "my_chat_member"],
  });
  return {
    server,
    // Stops taking requests and resolves when those in flight have been answered.
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await journal?.stop();
    },
  };
}
