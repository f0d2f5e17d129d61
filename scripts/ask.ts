import { createInterface } from "node:readline";
import { EventQa } from "../src/core/event-qa.js";
import { INDEX_OPTIONS, runCli } from "../src/cli/run-cli.js";
import { formatAnswerText } from "../src/cli/format-text.js";

const USAGE = `Usage: npm run ask -- [--json] [--index DIR] [--corpus DIR] "question"
       npm run ask -- --json < questions.txt     (one question per line, one JSON object per line)`;

await runCli(USAGE, { ...INDEX_OPTIONS, json: { type: "boolean" } }, async ({ values, positionals, open }) => {
  const question = positionals.join(" ").trim();
  if (!question && !values.json) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const qa = new EventQa(await open());
  if (question) {
    const answer = await qa.ask(question);
    process.stdout.write(values.json ? `${JSON.stringify(toJson(answer))}\n` : `${formatAnswerText(answer)}\n`);
    return;
  }
  // JSONL mode: every input line gets exactly one output line, in order.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const answer = await qa.ask(line);
    process.stdout.write(`${JSON.stringify(toJson(answer))}\n`);
  }
});

function toJson(a: Awaited<ReturnType<EventQa["ask"]>>) {
  return {
    question: a.question,
    answer: a.answer,
    answerable: a.answerable,
    citations: a.citations.map((c) => ({ n: c.n, quote: c.quote, paragraph: c.paragraph, speaker: c.speaker, docId: c.docId })),
  };
}
