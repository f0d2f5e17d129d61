import { createInterface } from "node:readline";
import type { EventQa, Conversation } from "../src/core/event-qa.js";
import { INDEX_OPTIONS, runCli } from "../src/cli/run-cli.js";
import { createEventQa } from "../src/core/llm/create-event-qa.js";
import { createLogger } from "../src/logger.js";
import { formatAnswerText } from "../src/cli/format-text.js";

const USAGE = `Usage: npm run ask -- [--json] [--index DIR] [--corpus DIR] "question"
       npm run ask -- --json < questions.txt     (one question per line, one JSON object per line)

A line may also be a JSON object, {"chat": "<id>", "question": "<text>"}: lines with the
same chat are one conversation, in order, as in one Telegram chat ("what else did he say?").`;

await runCli(USAGE, { ...INDEX_OPTIONS, json: { type: "boolean" } }, async ({ values, positionals, config, open }) => {
  const question = positionals.join(" ").trim();
  if (!question && !values.json) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const qa = createEventQa(await open(), config.llm, createLogger(config.logLevel, [config.llm?.apiKey]));
  if (question) {
    const answer = await qa.ask(question);
    process.stdout.write(values.json ? `${JSON.stringify(toJson(answer))}\n` : `${formatAnswerText(answer)}\n`);
    // The reason stays off stdout, which holds only the answer.
    if (!values.json && answer.fallback) process.stderr.write(`Answered offline: the model's answer was not used (${answer.fallback}).\n`);
    return;
  }
  // JSONL mode: every input line gets exactly one output line, in order.
  const chats = new Map<string, Conversation>();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const input = readLine(line);
    if ("error" in input) {
      process.stdout.write(`${JSON.stringify({ question: line, error: input.error })}\n`);
      continue;
    }
    let chat = input.chat === undefined ? undefined : chats.get(input.chat);
    if (input.chat !== undefined && !chat) chats.set(input.chat, (chat = qa.conversation()));
    const answer = chat ? await chat.ask(input.question) : await qa.ask(input.question);
    process.stdout.write(`${JSON.stringify({ ...(input.chat !== undefined ? { chat: input.chat } : {}), ...toJson(answer) })}\n`);
  }
});

/** A plain question, or {"chat", "question"}; anything else is reported on its own line, never dropped. */
function readLine(line: string): { chat?: string; question: string } | { error: string } {
  if (!line.trimStart().startsWith("{")) return { question: line };
  try {
    const v = JSON.parse(line) as { chat?: unknown; question?: unknown };
    if (typeof v.question !== "string") return { error: 'a JSON line needs a "question" string' };
    if (v.chat !== undefined && typeof v.chat !== "string" && typeof v.chat !== "number") return { error: '"chat" must be a string' };
    return { chat: v.chat === undefined ? undefined : String(v.chat), question: v.question };
  } catch {
    // Not JSON after all: a question that happens to start with a brace.
    return { question: line };
  }
}

function toJson(a: Awaited<ReturnType<EventQa["ask"]>>) {
  return {
    question: a.question,
    answer: a.answer,
    answerable: a.answerable,
    mode: a.mode,
    citations: a.citations.map((c) => ({ n: c.n, quote: c.quote, paragraph: c.paragraph, speaker: c.speaker, docId: c.docId })),
    answerer: a.answerer ?? "extractive",
    ...(a.fallback ? { fallback: a.fallback } : {}),
  };
}
