import { EventQa } from "../src/core/event-qa.js";
import { INDEX_OPTIONS, runCli } from "../src/cli/run-cli.js";

const USAGE = "Usage: npm run speakers -- [--json] [--index DIR] [--corpus DIR]";

await runCli(USAGE, { ...INDEX_OPTIONS, json: { type: "boolean" } }, async ({ values, open }) => {
  const speakers = new EventQa(await open()).speakers();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(speakers)}\n`);
    return;
  }
  if (speakers.length === 0) process.stdout.write("The article names no speakers.\n");
  for (const sp of speakers) {
    process.stdout.write(`${sp.name}${sp.role ? ` — ${sp.role}` : ""}\n`);
    for (const c of sp.claims) process.stdout.write(`  ¶${c.paragraph}: ${c.text}\n`);
  }
});
