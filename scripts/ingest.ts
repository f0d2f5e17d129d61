import { buildIndex } from "../src/core/index/build-index.js";
import { INDEX_OPTIONS, runCli } from "../src/cli/run-cli.js";

const USAGE = "Usage: npm run ingest [-- --corpus DIR --index DIR]";

await runCli(USAGE, INDEX_OPTIONS, async ({ config }) => {
  const kb = await buildIndex(config.corpusDir, config.indexDir, config.index);
  const m = kb.manifest;
  process.stdout.write(
    `Indexed ${m.counts.documents} documents, ${m.counts.chunks} chunks, ${m.dimensions} dimensions in ${m.buildMs} ms -> ${config.indexDir}\n`,
  );
});
