import type { MiddlewareFn } from "grammy";

/** Tells whether an update is seen for the first time. A persistent store can implement it later. */
export interface UpdateJournal {
  firstSeen(updateId: number): boolean | Promise<boolean>;
}

/**
 * The last `capacity` update ids, in memory: Telegram redelivers a webhook
 * update it thinks failed, and anyone holding the secret can replay one.
 */
export class RecentUpdateIds implements UpdateJournal {
  private readonly ids = new Set<number>();

  constructor(private readonly capacity = 10_000) {}

  firstSeen(updateId: number): boolean {
    if (this.ids.has(updateId)) return false;
    this.ids.add(updateId);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as number);
    return true;
  }
}

/** Handles each update_id once; a repeat is acknowledged and dropped. */
export function skipRepeatedUpdates(journal: UpdateJournal): MiddlewareFn {
  return async (ctx, next) => {
    if (await journal.firstSeen(ctx.update.update_id)) return next();
  };
}
