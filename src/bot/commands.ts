/** The bot's commands, as registered with Telegram and listed by /help. */
export const COMMANDS = [
  { command: "ask", description: "Ask a question about the event" },
  { command: "speakers", description: "Who spoke, with their roles and claims" },
  { command: "speaker", description: "One speaker's claims: /speaker <name>" },
  { command: "summary", description: "A cited summary of the event" },
  { command: "source", description: "The article: title, date and link" },
  { command: "forget", description: "Delete what the bot stored about this chat" },
  { command: "help", description: "How to use the bot, also in groups" },
  { command: "start", description: "What this bot knows" },
] as const;
