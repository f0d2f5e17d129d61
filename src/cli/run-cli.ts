import "dotenv/config";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { loadConfig, type Config } from "../config.js";
import { UserError } from "../core/errors.js";
import { openKnowledgeBase, resolveCorpusDir } from "../core/index/open-knowledge-base.js";
import type { KnowledgeBase } from "../core/index/knowledge-base.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export const INDEX_OPTIONS = {
  corpus: { type: "string" },
  index: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

export interface CliContext<O extends Options> {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>["values"];
  positionals: string[];
  config: Config;
  /** Opens the index, rebuilding it (with a note on stderr) when missing or stale. */
  open(): Promise<KnowledgeBase>;
}

/**
 * Runs a CLI: parses flags, loads config, and turns any failure into one
 * line on stderr and exit code 1 (2 for bad usage), never a stack trace.
 */
export async function runCli<O extends Options>(usage: string, options: O, main: (ctx: CliContext<O>) => Promise<void>) {
  try {
    let parsed;
    try {
      parsed = parseArgs({ options, allowPositionals: true, strict: true });
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n${usage}\n`);
      process.exitCode = 2;
      return;
    }
    const values = parsed.values as CliContext<O>["values"] & { help?: boolean; corpus?: string; index?: string };
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return;
    }
    const config = loadConfig();
    // --index DIR alone means that index with its own corpus; CORPUS_DIR goes with INDEX_DIR.
    const givenCorpus = values.corpus ?? (values.index || !config.corpusDirSet ? undefined : config.corpusDir);
    const indexDir = values.index ?? config.indexDir;
    const corpusDir = await resolveCorpusDir(indexDir, givenCorpus);
    await main({
      values,
      positionals: parsed.positionals,
      config: { ...config, corpusDir, indexDir },
      open: () =>
        openKnowledgeBase({
          corpusDir: givenCorpus,
          indexDir,
          settings: config.index,
          rebuild: true,
          report: (m) => process.stderr.write(`${m}\n`),
        }),
    });
  } catch (err) {
    if (err instanceof UserError) process.stderr.write(`Error: ${err.message}\n`);
    else process.stderr.write(`Unexpected error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
