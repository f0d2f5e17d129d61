import type { SqlDriver } from "./sql-driver.js";
import {
  chatIdOfKey,
  type ForgetResult,
  type GroupMessage,
  type JournalAdmission,
  type JournalEntry,
  type JournalStore,
  type RecordedCall,
  type RetentionPolicy,
  type Store,
  type SweepResult,
} from "./store.js";

/** Milliseconds since the epoch; injected in tests to move time. */
export type Clock = () => number;

type MessageRow = { chat_id: number; message_id: number; thread_id: number | null; user_id: number | null; first_name: string; text: string; date: number };
type JournalRow = { update_id: number; chat_id: number | null; payload: string | null; received_at: number; status: JournalEntry["status"]; owner: string | null; lease_until: number };

const toMessage = (r: MessageRow): GroupMessage => ({
  chatId: r.chat_id,
  messageId: r.message_id,
  threadId: r.thread_id,
  userId: r.user_id,
  firstName: r.first_name,
  text: r.text,
  date: r.date,
});

const toEntry = (r: JournalRow): JournalEntry => ({
  updateId: r.update_id,
  chatId: r.chat_id,
  payload: r.payload,
  receivedAt: r.received_at,
  status: r.status,
  owner: r.owner,
  leaseUntil: r.lease_until,
});

const JOURNAL_COLUMNS = "update_id, chat_id, payload, received_at, status, owner, lease_until";

/** ?, ?, ? for a list. */
const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** The store over either engine: one set of SQL statements that both accept. */
export class SqlStore implements Store {
  readonly journal: JournalStore;

  constructor(
    private readonly db: SqlDriver,
    private readonly now: Clock = Date.now,
  ) {
    this.journal = new SqlJournal(db, now);
  }

  get engine() {
    return this.db.engine;
  }

  async readContext<T>(key: string): Promise<T | undefined> {
    const { rows } = await this.db.run<{ value: string }>("SELECT value FROM conversation_context WHERE key = ? AND expires_at > ?", [key, this.now()]);
    return rows[0] ? (JSON.parse(rows[0].value) as T) : undefined;
  }

  async writeContext<T>(key: string, value: T, ttlMs: number): Promise<void> {
    await this.db.run(
      `INSERT INTO conversation_context (key, chat_id, value, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      [key, chatIdOfKey(key), JSON.stringify(value), this.now() + ttlMs],
    );
  }

  async deleteContext(key: string): Promise<void> {
    await this.db.run("DELETE FROM conversation_context WHERE key = ?", [key]);
  }

  async addGroupMessage(m: GroupMessage): Promise<void> {
    await this.db.run(
      `INSERT INTO group_messages (chat_id, message_id, thread_id, user_id, first_name, text, date) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (chat_id, message_id) DO UPDATE SET text = excluded.text`,
      [m.chatId, m.messageId, m.threadId, m.userId, m.firstName, m.text, m.date],
    );
  }

  async recentGroupMessages(chatId: number, sinceSeconds: number, limit = 1000): Promise<GroupMessage[]> {
    const { rows } = await this.db.run<MessageRow>(
      `SELECT chat_id, message_id, thread_id, user_id, first_name, text, date FROM group_messages
       WHERE chat_id = ? AND date >= ? ORDER BY date DESC, message_id DESC LIMIT ?`,
      [chatId, sinceSeconds, limit],
    );
    return rows.map(toMessage).reverse();
  }

  async getSetting<T>(chatId: number, key: string): Promise<T | undefined> {
    const { rows } = await this.db.run<{ value: string }>("SELECT value FROM chat_settings WHERE chat_id = ? AND key = ?", [chatId, key]);
    return rows[0] ? (JSON.parse(rows[0].value) as T) : undefined;
  }

  async setSetting<T>(chatId: number, key: string, value: T): Promise<void> {
    await this.db.run(
      `INSERT INTO chat_settings (chat_id, key, value) VALUES (?, ?, ?)
       ON CONFLICT (chat_id, key) DO UPDATE SET value = excluded.value`,
      [chatId, key, JSON.stringify(value)],
    );
  }

  async forgetChat(chatId: number): Promise<ForgetResult> {
    const [messages, contexts, settings] = await this.db.atomically([
      ["DELETE FROM group_messages WHERE chat_id = ?", [chatId]],
      ["DELETE FROM conversation_context WHERE chat_id = ?", [chatId]],
      ["DELETE FROM chat_settings WHERE chat_id = ?", [chatId]],
      // Finished entries hold only ids by now; pending ones are questions still owed an answer.
      ["DELETE FROM update_journal WHERE chat_id = ? AND status <> 'pending'", [chatId]],
    ]);
    return { messages, contexts, settings };
  }

  async sweep(policy: RetentionPolicy): Promise<SweepResult> {
    const now = this.now();
    const [messages, contexts, journal] = await this.db.atomically([
      ["DELETE FROM group_messages WHERE date < ?", [Math.floor((now - policy.groupMessagesMs) / 1000)]],
      ["DELETE FROM conversation_context WHERE expires_at <= ?", [now]],
      ["DELETE FROM update_journal WHERE status <> 'pending' AND finished_at < ?", [now - policy.journalDoneMs]],
    ]);
    return { messages, contexts, journal };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

class SqlJournal implements JournalStore {
  constructor(
    private readonly db: SqlDriver,
    private readonly now: Clock,
  ) {}

  async admit(entries: JournalAdmission[], owner: string, leaseUntil: number): Promise<number[]> {
    if (entries.length === 0) return [];
    const now = this.now();
    const values = entries.map(() => `(?, ?, ?, ?, 'pending', ?, ?)`).join(", ");
    const params = entries.flatMap((e) => [e.updateId, e.chatId, e.payload, now, owner, leaseUntil]);
    // One statement: all or nothing, and the primary key decides which ones are new.
    const { rows } = await this.db.run<{ update_id: number }>(
      `INSERT INTO update_journal (update_id, chat_id, payload, received_at, status, owner, lease_until) VALUES ${values}
       ON CONFLICT (update_id) DO NOTHING RETURNING update_id`,
      params,
    );
    return rows.map((r) => r.update_id);
  }

  async recordCall(updateId: number, seq: number, method: string, result: unknown): Promise<void> {
    await this.db.run(
      "INSERT INTO update_journal_calls (update_id, seq, method, result) VALUES (?, ?, ?, ?) ON CONFLICT (update_id, seq) DO NOTHING",
      [updateId, seq, method, JSON.stringify(result ?? null)],
    );
  }

  async calls(updateIds: number[]): Promise<Map<number, RecordedCall[]>> {
    const byUpdate = new Map<number, RecordedCall[]>(updateIds.map((id) => [id, []]));
    if (updateIds.length === 0) return byUpdate;
    const { rows } = await this.db.run<{ update_id: number; method: string; result: string }>(
      `SELECT update_id, method, result FROM update_journal_calls WHERE update_id IN (${marks(updateIds.length)}) ORDER BY update_id, seq`,
      updateIds,
    );
    for (const r of rows) byUpdate.get(r.update_id)?.push({ method: r.method, result: JSON.parse(r.result) });
    return byUpdate;
  }

  async finish(updateId: number, status: "done" | "failed"): Promise<void> {
    await this.db.atomically([
      ["UPDATE update_journal SET status = ?, payload = NULL, finished_at = ?, lease_until = 0 WHERE update_id = ?", [status, this.now(), updateId]],
      ["DELETE FROM update_journal_calls WHERE update_id = ?", [updateId]],
    ]);
  }

  async renewLeases(owner: string, leaseUntil: number): Promise<void> {
    await this.db.run("UPDATE update_journal SET lease_until = ? WHERE owner = ? AND status = 'pending'", [leaseUntil, owner]);
  }

  async releaseLeases(owner: string, keep: number[]): Promise<void> {
    const except = keep.length ? ` AND update_id NOT IN (${marks(keep.length)})` : "";
    await this.db.run(`UPDATE update_journal SET lease_until = 0 WHERE owner = ? AND status = 'pending'${except}`, [owner, ...keep]);
  }

  async claimOrphans(owner: string, leaseUntil: number): Promise<JournalEntry[]> {
    // One UPDATE: under concurrency, PostgreSQL re-checks the lease of a row another claimer just took.
    const { rows } = await this.db.run<JournalRow>(
      `UPDATE update_journal SET owner = ?, lease_until = ? WHERE status = 'pending' AND lease_until <= ? RETURNING ${JOURNAL_COLUMNS}`,
      [owner, leaseUntil, this.now()],
    );
    return rows.map(toEntry).sort((a, b) => a.updateId - b.updateId);
  }

  async othersLeaseEnd(owner: string): Promise<number | null> {
    const { rows } = await this.db.run<{ until: number | null }>(
      "SELECT MAX(lease_until) AS until FROM update_journal WHERE status = 'pending' AND owner <> ? AND lease_until > ?",
      [owner, this.now()],
    );
    return rows[0]?.until == null ? null : Number(rows[0].until);
  }

  async get(updateId: number): Promise<JournalEntry | undefined> {
    const { rows } = await this.db.run<JournalRow>(`SELECT ${JOURNAL_COLUMNS} FROM update_journal WHERE update_id = ?`, [updateId]);
    return rows[0] ? toEntry(rows[0]) : undefined;
  }
}
