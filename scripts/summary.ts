import { EventQa } from "../src/core/event-qa.js";
import { INDEX_OPTIONS, runCli } from "../src/cli/run-cli.js";
import { formatAnswerText } from "../src/cli/format-text.js";

const USAGE = "Usage: npm run summary -- [--json] [--index DIR] [--corpus DIR]";

await runCli(USAGE, { ...INDEX_OPTIONS, json: { type: "boolean" } }, async ({ values, open }) => {
  const { summary, citations } = new EventQa(await open()).summary();
  if (values.json) {
    const cites = citations.map((c) => ({ n: c.n, quote: c.quote, paragraph: c.paragraph, speaker: c.speaker, docId: c.docId }));
    process.stdout.write(`${JSON.stringify({ summary, citations: cites })}\n`);
  } else {
    process.stdout.write(`${formatAnswerText({ answer: summary, answerable: true, citations })}\n`);
  }
});
