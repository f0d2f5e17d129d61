import Database from "better-sqlite3";
import { migrationSql, type Migration } from "./migrations.js";
import { SCHEMA_MIGRATIONS_DDL, type SqlDriver } from "./sql-driver.js";

/** SQLite through better-sqlite3 (synchronous; wrapped in promises to share the interface). */
export class SqliteDriver implements SqlDriver {
  readonly engine = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  /** `file` is a path, or ":memory:" for a database that lives as long as the process. */
  constructor(file: string) {
    this.db = new Database(file);
    // WAL lets readers go on while one process writes; FULL makes every commit
    // durable, which is what the update journal promises; a second process
    // opening the file waits for a lock instead of failing.
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("busy_timeout = 5000");
  }

  private prepare(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private runSync<R>(sql: string, params: unknown[]): { rows: R[]; changes: number } {
    const s = this.prepare(sql);
    if (s.reader) {
      const rows = s.all(...params) as R[];
      return { rows, changes: rows.length };
    }
    return { rows: [], changes: s.run(...params).changes };
  }

  async run<R>(sql: string, params: unknown[] = []): Promise<{ rows: R[]; changes: number }> {
    return this.runSync<R>(sql, params);
  }

  async atomically(statements: [string, unknown[]][]): Promise<number[]> {
    return this.db.transaction(() => statements.map(([sql, params]) => this.runSync(sql, params).changes))();
  }

  async migrate(migrations: Migration[]): Promise<number[]> {
    // IMMEDIATE takes the write lock first: a second process waits, then sees the steps applied.
    const apply = this.db.transaction(() => {
      this.db.exec(SCHEMA_MIGRATIONS_DDL);
      const done = new Set((this.db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((r) => r.version));
      const applied: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        this.db.exec(migrationSql(m, this.engine));
        this.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, Date.now());
        applied.push(m.version);
      }
      return applied;
    });
    return apply.immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
