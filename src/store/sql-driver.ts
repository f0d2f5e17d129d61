import type { Migration } from "./migrations.js";

/**
 * What the SQL store needs from an engine: statements with `?` placeholders,
 * a few of them at once atomically, and migrations run under the engine's own
 * lock so that two processes opening one database at once apply each step once.
 */
export interface SqlDriver {
  readonly engine: "sqlite" | "postgres";
  /** One statement; rows of a SELECT or RETURNING, and how many rows it changed. */
  run<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; changes: number }>;
  /** Several statements in one transaction; how many rows each changed. */
  atomically(statements: [sql: string, params: unknown[]][]): Promise<number[]>;
  /** Applies the migrations not applied yet; returns their versions. */
  migrate(migrations: Migration[]): Promise<number[]>;
  close(): Promise<void>;
}

export const SCHEMA_MIGRATIONS_DDL =
  "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
