import { t, type Lang } from "./i18n.js";

/** The bot's commands, in the order the menu and /help list them. */
export const COMMANDS = ["ask", "speakers", "speaker", "summary", "source", "check", "recap", "forget", "help", "start"] as const;

/** The command menu in one language, as setMyCommands takes it. */
export function commandList(lang: Lang): { command: string; description: string }[] {
  return COMMANDS.map((command) => ({ command, description: t(lang, `cmd-${command}`) }));
}
