import { createInterface } from "node:readline";
import type { Update } from "grammy/types";
import { localBotInfo } from "./bot-info.js";
import type { BotDeps } from "./context.js";
import { createBot } from "./create-bot.js";
import { htmlToText } from "./render.js";

const CONSOLE_BOT = localBotInfo(1, "console_event_bot", "Event QA (console)");

/**
 * The real bot, offline: each line typed becomes a Telegram update, and what
 * the bot would send is printed as text. Buttons are numbered; type #N to tap.
 */
export async function runConsoleChat(deps: BotDeps, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const bot = createBot("0:console", deps, { botInfo: CONSOLE_BOT });
  let buttons: { text: string; data: string }[] = [];
  let messageId = 1;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    if (method === "sendMessage") {
      output.write(`\n${htmlToText(String(p.text))}\n`);
      const keyboard = (p.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard;
      if (keyboard) {
        buttons = keyboard.flat().filter((b) => b.callback_data).map((b) => ({ text: b.text, data: b.callback_data! }));
        output.write(buttons.map((b, i) => `  #${i + 1} ${b.text}`).join("\n") + "\n");
      }
    } else if (method === "answerCallbackQuery" && p.text) {
      output.write(`(${String(p.text)})\n`);
    }
    // Every call "succeeds" locally; nothing leaves the machine.
    return { ok: true, result: method === "sendMessage" ? { message_id: ++messageId, date: 0, chat: { id: 1, type: "private" } } : true } as never;
  });

  const chat = { id: 1, type: "private" as const, first_name: "You" };
  const from = { id: 1, is_bot: false, first_name: "You" };
  let updateId = 0;
  output.write("Type a question, a command such as /speakers or /summary, #N to tap a button, or /quit.\n> ");
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "/quit" || line === "/exit") break;
    if (line) {
      let update: Update;
      const tap = /^#(\d+)$/.exec(line);
      if (tap && buttons[Number(tap[1]) - 1]) {
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
  output.write("\nBye.\n");
}
