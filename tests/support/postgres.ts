import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

/** The PostgreSQL server of this test run (see postgres-global-setup.ts), or null: skip. */
export const PG_URL = inject("pgUrl");

const created: string[] = [];

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL! });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new empty database on the test server, dropped after the test file. */
export async function freshDatabase(): Promise<string> {
  if (!PG_URL) throw new Error("no PostgreSQL server for this test run");
  const name = `qa_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  created.push(name);
  return withDatabase(PG_URL, name);
}

afterAll(async () => {
  if (!PG_URL || created.length === 0) return;
  const names = created.splice(0);
  await admin(async (c) => {
    for (const n of names) await c.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
  });
});
