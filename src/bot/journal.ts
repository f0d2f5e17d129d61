import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Bot, BotError, MiddlewareFn, Transformer } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";
import type { RecordedCall, Store } from "../store/store.js";
import type { BotContext, BotDeps } from "./context.js";

export const RESTART_APOLOGY = "Sorry, I was restarting and could not answer in time; please ask again.";
const DEFAULT_JOURNAL_MAX_AGE_MS = 600_000;

export interface JournalOptions {
  /** An unfinished update older than this gets RESTART_APOLOGY instead of a late answer. */
  maxAgeMs: number;
  /** How long an instance's claim on a pending update lasts without renewal. */
  leaseMs?: number;
  now?: () => number;
}

/** A journaled update this process is about to handle or is handling. */
interface Active {
  /** Outgoing calls that already succeeded before a crash: answered locally on replay. */
  recorded: RecordedCall[];
  /** Number of outgoing calls made so far. */
  seq: number;
  late: boolean;
  started: boolean;
  /** Set once the apology of a late update went out. */
  apology?: unknown;
}

type ApiResult = Awaited<ReturnType<Parameters<Transformer>[0]>>;

/** The chat an update belongs to, for ordering and for /forget. */
export function chatOfUpdate(u: Update): number | null {
  const m = u.message ?? u.edited_message ?? u.callback_query?.message ?? u.my_chat_member ?? u.chat_member ?? u.channel_post ?? u.edited_channel_post;
  return m?.chat.id ?? null;
}

/** Calls that change nothing visible are neither counted nor suppressed. */
const isEffect = (method: string) => !method.startsWith("get") && method !== "sendChatAction";

/** Updates a late apology makes sense for: someone wrote or tapped and waits for an answer. */
const expectsAnswer = (u: Update) => !!(u.message ?? u.edited_message ?? u.callback_query);

/**
 * The update journal (see Store.journal): no question is lost to a crash and
 * none is answered twice.
 *
 * - Polling: a getUpdates transformer journals the updates before the runner
 *   sees them; the runner confirms an offset only on its next getUpdates, so an
 *   update is journaled before Telegram forgets it. Updates already journaled
 *   (redelivered after a restart) are dropped there, and the offset moves past them.
 * - Webhook: the middleware journals an update before handling it, so before
 *   the 200; an update_id already journaled is a duplicate and is not handled.
 * - Each outgoing call (sendMessage, …) that succeeds is recorded with its
 *   result. When an update is replayed after a crash, that many calls are
 *   answered locally with the recorded results, so a reply is not sent twice.
 *   The window left: a call Telegram carried out whose result the crash kept
 *   us from recording is sent again.
 * - Once the handlers complete, the update is marked done.
 * - On start, and every few seconds, pending updates whose lease ran out (their
 *   instance died) are claimed and handled again, in update_id order per chat.
 */
export class Journal {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly active = new Map<number, Active>();
  private readonly leaseMs: number;
  private readonly now: () => number;
  private admitOnEntry = false;
  private nextOffset = 0;
  private bot: Bot<BotContext> | undefined;
  private timers: NodeJS.Timeout[] = [];
  private recovering: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly options: JournalOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 8000;
    this.now = options.now ?? Date.now;
  }

  /** Polling: journal fetched updates, replay what a previous run left, then keep leases alive. */
  async startPolling(bot: Bot<BotContext>): Promise<void> {
    bot.api.config.use(this.pollingTransformer);
    // Only one poller runs per token, so a lease still held belongs to the run that just died:
    // wait for it to run out, so that old updates are answered before new ones of the same chat.
    await this.start(bot, true);
  }

  /** Webhook: journal each update as it arrives; other instances may hold leases of their own. */
  async startWebhook(bot: Bot<BotContext>): Promise<void> {
    this.admitOnEntry = true;
    await this.start(bot, false);
  }

  private async start(bot: Bot<BotContext>, waitForOthers: boolean): Promise<void> {
    this.bot = bot;
    if (waitForOthers) {
      // A lease still renewed after one full term is not a dead run's: stop waiting then.
      const giveUp = Date.now() + this.leaseMs + 1000;
      let end = await this.store.journal.othersLeaseEnd(this.owner);
      while (end !== null && Date.now() < giveUp) {
        await new Promise((r) => setTimeout(r, Math.min(250, Math.max(10, end! - this.now()))));
        end = await this.store.journal.othersLeaseEnd(this.owner);
      }
    }
    await this.recover();
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((err) => this.logger.error({ err }, "journal upkeep failed")), ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.leaseMs / 4, () => this.store.journal.renewLeases(this.owner, this.now() + this.leaseMs));
    every(this.leaseMs / 2, () => this.recover());
  }

  /** Stops upkeep and hands the updates not started to whoever starts next. */
  async stop(): Promise<void> {
    this.timers.splice(0).forEach(clearInterval);
    await this.recovering;
    const started = [...this.active].filter(([, a]) => a.started).map(([id]) => id);
    await this.store.journal.releaseLeases(this.owner, started).catch((err) => this.logger.error({ err }, "could not release journal leases"));
  }

  private async admit(updates: Update[]): Promise<Set<number>> {
    const ids = await this.store.journal.admit(
      updates.map((u) => ({ updateId: u.update_id, chatId: chatOfUpdate(u), payload: JSON.stringify(u) })),
      this.owner,
      this.now() + this.leaseMs,
    );
    for (const id of ids) this.active.set(id, { recorded: [], seq: 0, late: false, started: false });
    return new Set(ids);
  }

  private readonly pollingTransformer: Transformer = async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    const p = payload as { offset?: number };
    // Confirms to Telegram every update journaled so far, including duplicates dropped below.
    const res = (await prev(method, { ...payload, offset: Math.max(p.offset ?? 0, this.nextOffset) } as typeof payload, signal)) as ApiResult;
    if (!res.ok || !Array.isArray(res.result) || res.result.length === 0) return res as never;
    const updates = res.result as Update[];
    // If this throws, the runner retries getUpdates with the same offset: nothing is confirmed.
    const fresh = await this.admit(updates);
    this.nextOffset = Math.max(this.nextOffset, ...updates.map((u) => u.update_id + 1));
    if (fresh.size < updates.length) this.logger.info({ dropped: updates.length - fresh.size }, "updates already in the journal were not handled again");
    return { ...res, result: updates.filter((u) => fresh.has(u.update_id)) } as never;
  };

  /** Installed in createBot: ties each journaled update's outgoing calls to it, and marks it done. */
  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const id = ctx.update.update_id;
    if (this.admitOnEntry && !this.active.has(id) && !(await this.admit([ctx.update])).has(id)) {
      ctx.log.info("duplicate update: already in the journal, not handled again");
      return;
    }
    const entry = this.active.get(id);
    if (!entry) return next(); // not journaled: the console chat, or a bot not started through a runner
    if (entry.started) {
      ctx.log.info("duplicate update: already being handled");
      return;
    }
    entry.started = true;
    ctx.api.config.use(this.callTransformer(id, entry, ctx.update));
    let status: "done" | "failed" = "failed";
    try {
      await next();
      status = "done";
    } finally {
      this.active.delete(id);
      await this.store.journal.finish(id, status).catch((err) => ctx.log.error({ err }, "could not mark the update done in the journal"));
    }
  };

  private callTransformer(updateId: number, entry: Active, update: Update): Transformer {
    return async (prev, method, payload, signal) => {
      if (!isEffect(method)) return entry.late && method === "sendChatAction" ? ({ ok: true, result: true } as never) : prev(method, payload, signal);
      const seq = entry.seq++;
      const done = entry.recorded[seq];
      if (done) {
        if (done.method !== method) this.logger.warn({ update_id: updateId, seq, recorded: done.method, now: method }, "replay made a different call than before the crash");
        return { ok: true, result: done.result } as never;
      }
      let call = method as string;
      let body = payload as Record<string, unknown>;
      if (entry.late) {
        // An apology instead of the first message of the answer; the rest is not sent.
        if (entry.apology !== undefined || !call.startsWith("send") || body.chat_id === undefined || !expectsAnswer(update)) {
          return { ok: true, result: entry.apology ?? true } as never;
        }
        call = "sendMessage";
        body = {
          chat_id: body.chat_id,
          text: RESTART_APOLOGY,
          ...(body.message_thread_id !== undefined ? { message_thread_id: body.message_thread_id } : {}),
          ...(body.reply_parameters !== undefined ? { reply_parameters: body.reply_parameters } : {}),
        };
      }
      const res = (await prev(call as typeof method, body as typeof payload, signal)) as ApiResult;
      if (res.ok) {
        if (entry.late) entry.apology = res.result;
        await this.store.journal
          .recordCall(updateId, seq, call, res.result)
          .catch((err) => this.logger.error({ err, update_id: updateId }, "could not record a sent message in the journal"));
      }
      return res as never;
    };
  }

  /** Claims updates whose instance died and handles them again; one recovery at a time. */
  private recover(): Promise<void> {
    this.recovering ??= this.claimAndReplay().finally(() => (this.recovering = null));
    return this.recovering;
  }

  private async claimAndReplay(): Promise<void> {
    const bot = this.bot;
    if (!bot) return;
    // An entry of ours whose lease lapsed while a slow answer was still running is not replayed beside it.
    const entries = (await this.store.journal.claimOrphans(this.owner, this.now() + this.leaseMs)).filter((e) => !this.active.has(e.updateId));
    if (entries.length === 0) return;
    const calls = await this.store.journal.calls(entries.map((e) => e.updateId));
    const replays: Update[] = [];
    for (const e of entries) {
      let update: Update;
      try {
        update = JSON.parse(e.payload ?? "") as Update;
      } catch {
        this.logger.error({ update_id: e.updateId }, "unreadable update in the journal; dropped");
        await this.store.journal.finish(e.updateId, "failed");
        continue;
      }
      const late = this.now() - e.receivedAt > this.options.maxAgeMs;
      this.active.set(e.updateId, { recorded: calls.get(e.updateId) ?? [], seq: 0, late, started: false });
      replays.push(update);
    }
    const late = replays.filter((u) => this.active.get(u.update_id)?.late).length;
    const delivered = [...calls.values()].reduce((n, c) => n + c.length, 0);
    this.logger.info({ updates: replays.length, late, already_sent: delivered }, "answering updates a previous run left unfinished");
    // In update_id order, without waiting: sequentialize in createBot keeps each chat's updates in this order.
    for (const u of replays) void bot.handleUpdate(u).catch((err: BotError<BotContext>) => bot.errorHandler(err));
  }
}

const journals = new WeakMap<object, Journal>();

/** Installs the journal middleware (createBot); the runners find it with journalFor. */
export function useJournal(bot: Bot<BotContext>, deps: BotDeps): void {
  const journal = new Journal(deps.store, deps.logger, { maxAgeMs: DEFAULT_JOURNAL_MAX_AGE_MS, ...deps.journal });
  journals.set(bot, journal);
  bot.use(journal.middleware);
}

export function journalFor(bot: Bot<BotContext>): Journal | undefined {
  return journals.get(bot);
}
