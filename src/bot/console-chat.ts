import { createInterface } from "node:readline";
import type { Update } from "grammy/types";
import { localBotInfo } from "./bot-info.js";
import type { BotDeps } from "./context.js";
import { createBot } from "./create-bot.js";
import { htmlToText } from "./render.js";
import { t, type Lang } from "./i18n.js";

const CONSOLE_BOT = localBotInfo(1, "console_event_bot", "Event QA (console)");

export interface ConsoleOptions {
  /** The user's Telegram language, as if set in their app: the interface follows it. */
  lang?: Lang;
}

/**
 * The real bot, offline: each line typed becomes a Telegram update, and what
 * the bot would send is printed as text. Buttons are numbered; type #N to tap.
 */
export async function runConsoleChat(deps: BotDeps, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, options: ConsoleOptions = {}): Promise<void> {
  const lang = options.lang ?? "en";
  const bot = createBot("0:console", deps, { botInfo: CONSOLE_BOT });
  let buttons: { text: string; data: string }[] = [];
  let messageId = 1;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    if (method === "sendMessage") {
      output.write(`\n${htmlToText(String(p.text))}\n`);
      const keyboard = (p.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard;
      buttons = (keyboard ?? []).flat().filter((b) => b.callback_data).map((b) => ({ text: b.text, data: b.callback_data! }));
      if (buttons.length) output.write(buttons.map((b, i) => `  #${i + 1} ${b.text}`).join("\n") + "\n");
    } else if (method === "answerCallbackQuery" && p.text) {
      output.write(`(${String(p.text)})\n`);
    }
    // Every call "succeeds" locally; nothing leaves the machine.
    return { ok: true, result: method === "sendMessage" ? { message_id: ++messageId, date: 0, chat: { id: 1, type: "private" } } : true } as never;
  });

  const chat = { id: 1, type: "private" as const, first_name: "You" };
  const from = { id: 1, is_bot: false, first_name: "You", language_code: lang };
  let updateId = 0;
  output.write(`${t(lang, "console-intro")}\n> `);
  const lines = createInterface({ input, crlfDelay: Infinity });
  // Ctrl-C in a terminal ends the chat like /quit.
  lines.on("SIGINT", () => lines.close());
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === "/quit" || line === "/exit") break;
      const tap = /^#(\d+)$/.exec(line);
      if (tap && !buttons[Number(tap[1]) - 1]) {
        output.write(`(${t(lang, "console-no-button", { n: tap[1], count: buttons.length })})\n`);
      } else if (line) {
        let update: Update;
        if (tap) {
          const message = { message_id: messageId, date: 0, chat, text: "" };
          update = { update_id: ++updateId, callback_query: { id: String(updateId), from, chat_instance: "console", data: buttons[Number(tap[1]) - 1].data, message } };
        } else {
          const entities = line.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: line.split(/\s/)[0].length }] : undefined;
          update = { update_id: ++updateId, message: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat, from, text: line, entities } };
        }
        await bot.handleUpdate(update);
      }
      output.write("> ");
    }
  } finally {
    // Leaving a for-await loop does not close readline, and an open interface keeps reading stdin:
    // in a terminal the process would wait for Ctrl-C after "Bye." (stdin never ends there).
    lines.close();
  }
  output.write(`\n${t(lang, "console-bye")}\n`);
}
