/**
 * The bot's durable state, behind one interface with two engines: SQLite
 * (embedded default, a file under DATA_DIR) and PostgreSQL (DATABASE_URL), so
 * that several webhook instances can share one state. Every method is async
 * because the PostgreSQL engine is; both engines run the same SQL and the
 * same migrations (see sql-store.ts and migrations.ts).
 *
 * Times are milliseconds since the epoch from the store's clock, except
 * `GroupMessage.date`, which stays in Telegram's unit (seconds).
 */
export interface Store {
  readonly engine: "sqlite" | "postgres";

  /**
   * Conversation context: an opaque JSON value per key, with an expiry. A key
   * starts with the chat id ("123", "-100456:7", …) so that forgetChat finds it;
   * an expired value reads as undefined and is deleted by the next sweep.
   */
  readContext<T>(key: string): Promise<T | undefined>;
  writeContext<T>(key: string, value: T, ttlMs: number): Promise<void>;
  deleteContext(key: string): Promise<void>;

  /** Stores a group message for recaps; storing the same message again (an edit) replaces its text. */
  addGroupMessage(message: GroupMessage): Promise<void>;
  /** A chat's stored messages dated at or after `sinceSeconds`, oldest first; at most `limit` (default 1000), the newest ones. */
  recentGroupMessages(chatId: number, sinceSeconds: number, limit?: number): Promise<GroupMessage[]>;

  /** Per-chat settings, e.g. when the last recap was made; any JSON value. */
  getSetting<T>(chatId: number, key: string): Promise<T | undefined>;
  setSetting<T>(chatId: number, key: string, value: T): Promise<void>;

  /** Deletes everything stored about a chat, except journal entries still to be answered. */
  forgetChat(chatId: number): Promise<ForgetResult>;
  /** Deletes what is past its retention: old group messages, expired contexts, finished journal entries. */
  sweep(policy: RetentionPolicy): Promise<SweepResult>;

  readonly journal: JournalStore;

  close(): Promise<void>;
}

export interface GroupMessage {
  chatId: number;
  messageId: number;
  /** Forum topic, if any. */
  threadId: number | null;
  /** null for a message sent on behalf of a chat (anonymous admin, linked channel). */
  userId: number | null;
  firstName: string;
  text: string;
  /** Telegram's message date, in seconds since the epoch. */
  date: number;
}

export interface ForgetResult {
  messages: number;
  contexts: number;
  settings: number;
}

export interface RetentionPolicy {
  /** Group messages older than this are deleted. */
  groupMessagesMs: number;
  /** Finished journal entries are kept this long to recognise a duplicate update, then deleted. */
  journalDoneMs: number;
}

export interface SweepResult {
  messages: number;
  contexts: number;
  journal: number;
}

/**
 * The update journal: every update is admitted before Telegram is told it was
 * received, and finished once its reply is sent. The primary key is the
 * update_id, so a duplicate is admitted once. A pending entry is leased by the
 * instance handling it; an entry whose lease ran out belongs to a dead
 * instance and may be claimed by another.
 */
export interface JournalStore {
  /** Inserts the updates not yet journaled; returns the ids it inserted. */
  admit(entries: JournalAdmission[], owner: string, leaseUntil: number): Promise<number[]>;
  /** Records that outgoing call number `seq` of an update succeeded, with Telegram's result. */
  recordCall(updateId: number, seq: number, method: string, result: unknown): Promise<void>;
  /** Recorded calls of these updates, in order. */
  calls(updateIds: number[]): Promise<Map<number, RecordedCall[]>>;
  /** Marks an update answered; its payload and recorded calls are dropped, its id is kept for a while. */
  finish(updateId: number, status: "done" | "failed"): Promise<void>;
  /** Extends the lease on every pending entry this owner holds. */
  renewLeases(owner: string, leaseUntil: number): Promise<void>;
  /** Gives up the leases of this owner's pending entries, except `keep`, so that a restart takes them at once. */
  releaseLeases(owner: string, keep: number[]): Promise<void>;
  /** Takes over pending entries whose lease ran out, in update_id order. */
  claimOrphans(owner: string, leaseUntil: number): Promise<JournalEntry[]>;
  /** When the last lease held by another owner runs out, or null if none is held. */
  othersLeaseEnd(owner: string): Promise<number | null>;
  /** One entry, for tests and diagnostics. */
  get(updateId: number): Promise<JournalEntry | undefined>;
}

export interface JournalAdmission {
  updateId: number;
  chatId: number | null;
  /** The update as JSON. */
  payload: string;
}

export interface JournalEntry {
  updateId: number;
  chatId: number | null;
  /** null once the entry is finished. */
  payload: string | null;
  receivedAt: number;
  status: "pending" | "done" | "failed";
  owner: string | null;
  leaseUntil: number;
}

export interface RecordedCall {
  method: string;
  result: unknown;
}

/** The chat id a context key starts with, or null. */
export function chatIdOfKey(key: string): number | null {
  const m = /^-?\d+/.exec(key);
  return m ? Number(m[0]) : null;
}
