/**
 * The schema, as numbered migrations shared by both engines. Each runs once,
 * in order, recorded in schema_migrations; a new one is appended, never edited.
 * The SQL sticks to what SQLite and PostgreSQL both accept (BIGINT, TEXT,
 * ON CONFLICT); a step that cannot may give one text per engine.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string | { sqlite: string; postgres: string };
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "context, group messages, settings, update journal",
    sql: `
      CREATE TABLE conversation_context (
        key TEXT PRIMARY KEY,
        chat_id BIGINT,
        value TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX conversation_context_chat ON conversation_context (chat_id);
      CREATE INDEX conversation_context_expiry ON conversation_context (expires_at);

      CREATE TABLE group_messages (
        chat_id BIGINT NOT NULL,
        message_id BIGINT NOT NULL,
        thread_id BIGINT,
        user_id BIGINT,
        first_name TEXT NOT NULL,
        text TEXT NOT NULL,
        date BIGINT NOT NULL,
        PRIMARY KEY (chat_id, message_id)
      );
      CREATE INDEX group_messages_chat_date ON group_messages (chat_id, date);
      CREATE INDEX group_messages_date ON group_messages (date);

      CREATE TABLE chat_settings (
        chat_id BIGINT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (chat_id, key)
      );

      CREATE TABLE update_journal (
        update_id BIGINT PRIMARY KEY,
        chat_id BIGINT,
        payload TEXT,
        received_at BIGINT NOT NULL,
        status TEXT NOT NULL,
        owner TEXT,
        lease_until BIGINT NOT NULL,
        finished_at BIGINT
      );
      CREATE INDEX update_journal_pending ON update_journal (status, lease_until);
      CREATE INDEX update_journal_chat ON update_journal (chat_id);

      CREATE TABLE update_journal_calls (
        update_id BIGINT NOT NULL,
        seq INTEGER NOT NULL,
        method TEXT NOT NULL,
        result TEXT NOT NULL,
        PRIMARY KEY (update_id, seq)
      );
    `,
  },
];

export function migrationSql(m: Migration, engine: "sqlite" | "postgres"): string {
  return typeof m.sql === "string" ? m.sql : m.sql[engine];
}
