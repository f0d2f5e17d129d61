import type { Logger } from "../logger.js";
import type { RetentionPolicy, Store } from "./store.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Telegram redelivers an update for at most a day; a finished entry is kept that long to recognise it. */
const JOURNAL_DONE_KEEP_MS = DAY_MS;
const SWEEP_EVERY_MS = 10 * 60 * 1000;

function retentionPolicy(retentionDays: number): RetentionPolicy {
  return { groupMessagesMs: retentionDays * DAY_MS, journalDoneMs: JOURNAL_DONE_KEEP_MS };
}

/** Deletes what is past its retention now, then every SWEEP_EVERY_MS until stopped. */
export async function startMaintenance(store: Store, options: { retentionDays: number; logger: Logger; everyMs?: number }): Promise<{ stop: () => void }> {
  const policy = retentionPolicy(options.retentionDays);
  const sweep = async () => {
    try {
      const deleted = await store.sweep(policy);
      if (deleted.messages + deleted.contexts + deleted.journal > 0) options.logger.info(deleted, "deleted what is past its retention");
    } catch (err) {
      options.logger.error({ err }, "retention sweep failed; trying again later");
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), options.everyMs ?? SWEEP_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
