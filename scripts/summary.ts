import { INDEX_OPTIONS, runCli } from "../src/cli/run-cli.js";
import { createEventQa } from "../src/core/llm/create-event-qa.js";
import { createLogger } from "../src/logger.js";
import { formatAnswerText } from "../src/cli/format-text.js";

const USAGE = "Usage: npm run summary -- [--json] [--index DIR] [--corpus DIR]";

await runCli(USAGE, { ...INDEX_OPTIONS, json: { type: "boolean" } }, async ({ values, config, open }) => {
  const qa = createEventQa(await open(), config.llm, createLogger(config.logLevel, [config.llm?.apiKey]));
  const { summary, citations, answerer, fallback } = await qa.summarise();
  if (values.json) {
    const cites = citations.map((c) => ({ n: c.n, quote: c.quote, paragraph: c.paragraph, speaker: c.speaker, docId: c.docId }));
    // Which engine wrote it matters only when there is a choice: with a model configured.
    const engine = config.llm ? { answerer, ...(fallback ? { fallback } : {}) } : {};
    process.stdout.write(`${JSON.stringify({ summary, citations: cites, ...engine })}\n`);
  } else {
    process.stdout.write(`${formatAnswerText({ answer: summary, answerable: true, citations })}\n`);
  }
});
