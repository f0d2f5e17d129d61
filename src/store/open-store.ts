import { mkdirSync } from "node:fs";
import path from "node:path";
import { UserError } from "../core/errors.js";
import { MIGRATIONS } from "./migrations.js";
import { PostgresDriver } from "./postgres-driver.js";
import type { SqlDriver } from "./sql-driver.js";
import { SqliteDriver } from "./sqlite-driver.js";
import { SqlStore, type Clock } from "./sql-store.js";
import type { Store } from "./store.js";

const SQLITE_FILE_NAME = "bot.sqlite";

export interface OpenStoreOptions {
  /** postgres://… selects PostgreSQL; otherwise SQLite. */
  databaseUrl?: string;
  /** Where the SQLite file goes (created if missing). */
  dataDir?: string;
  /** A SQLite file, or ":memory:"; overrides dataDir. */
  sqliteFile?: string;
  now?: Clock;
  /** Told about a dropped idle PostgreSQL connection. */
  onConnectionError?: (err: Error) => void;
}

/** Where a database URL points, without its password: for messages. */
function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

/** Opens the store and brings its schema up to date. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  let driver: SqlDriver;
  let where: string;
  if (options.databaseUrl) {
    where = `PostgreSQL at ${describeDatabaseUrl(options.databaseUrl)}`;
    driver = new PostgresDriver(options.databaseUrl, options.onConnectionError ?? (() => undefined));
  } else {
    const file = options.sqliteFile ?? path.join(options.dataDir ?? "data", SQLITE_FILE_NAME);
    where = file === ":memory:" ? "an in-memory SQLite database" : `SQLite file ${file}`;
    try {
      if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
      driver = new SqliteDriver(file);
    } catch (err) {
      throw new UserError(`Could not open ${where}: ${(err as Error).message}`);
    }
  }
  try {
    await driver.migrate(MIGRATIONS);
  } catch (err) {
    await driver.close().catch(() => undefined);
    throw new UserError(`Could not open ${where}: ${(err as Error).message}`);
  }
  return new SqlStore(driver, options.now);
}
