import type { Bot, MiddlewareFn } from "grammy";

/** Counts updates being handled, so that shutdown can wait for answers in flight. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  readonly middleware: MiddlewareFn = async (_ctx, next) => {
    this.count++;
    try {
      await next();
    } finally {
      if (--this.count === 0) this.waiters.splice(0).forEach((w) => w());
    }
  };

  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

const trackers = new WeakMap<Bot<never>, InFlight>();

export function trackInFlight(bot: Bot<never>): InFlight {
  const t = new InFlight();
  trackers.set(bot, t);
  return t;
}

/** Resolves when the bot has no update in hand. */
export function whenIdle(bot: Bot<never>): Promise<void> {
  return trackers.get(bot)?.idle() ?? Promise.resolve();
}
