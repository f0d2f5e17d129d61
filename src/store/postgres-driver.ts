import pg from "pg";
import { migrationSql, type Migration } from "./migrations.js";
import { SCHEMA_MIGRATIONS_DDL, type SqlDriver } from "./sql-driver.js";

/** Any fixed number: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 4_711_011;
const INT8_OID = 20;

/** `?` placeholders as PostgreSQL's $1, $2, … (the store's SQL has no literal question marks). */
function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** PostgreSQL through a pg connection pool. */
export class PostgresDriver implements SqlDriver {
  readonly engine = "postgres" as const;
  private readonly pool: pg.Pool;

  constructor(connectionString: string, onError: (err: Error) => void) {
    this.pool = new pg.Pool({
      connectionString,
      max: 5,
      connectionTimeoutMillis: 10_000,
      // BIGINT columns hold chat and update ids, which fit a JS number; pg would return strings.
      types: { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
    });
    // An idle connection that drops (server restart) must not crash the process; the next query reconnects.
    this.pool.on("error", onError);
  }

  async run<R>(sql: string, params: unknown[] = []): Promise<{ rows: R[]; changes: number }> {
    const r = await this.pool.query(numberPlaceholders(sql), params);
    return { rows: r.rows as R[], changes: r.rowCount ?? 0 };
  }

  async atomically(statements: [string, unknown[]][]): Promise<number[]> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const changes: number[] = [];
      for (const [sql, params] of statements) changes.push((await client.query(numberPlaceholders(sql), params)).rowCount ?? 0);
      await client.query("COMMIT");
      return changes;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async migrate(migrations: Migration[]): Promise<number[]> {
    const client = await this.pool.connect();
    try {
      // Session-level lock: a second process blocks here until the first has migrated.
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await client.query(SCHEMA_MIGRATIONS_DDL);
      const done = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
      const applied: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        try {
          await client.query("BEGIN");
          await client.query(migrationSql(m, this.engine));
          await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, Date.now()]);
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw err;
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
