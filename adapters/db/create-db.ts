import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../server/config';
import { migrationProvider } from './migrations/index';
import type { Database } from './schema';

// Keep bigint, numeric and date columns as strings/numbers we convert ourselves: never JS Dates for days.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The driver's own client, for libraries that need it (rate-limiter-flexible). */
  raw: { kind: 'sqlite'; client: SQLite.Database } | { kind: 'postgres'; client: pg.Pool };
  destroy(): Promise<void>;
}

export function openSqlite(filename: string): SQLite.Database {
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(filename), { recursive: true });
  const client = new SQLite(filename);
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  client.pragma('synchronous = NORMAL');
  return client;
}

export function createDb(config: DatabaseConfig, options: { poolSize?: number; onIdleError?: (error: Error) => void } = {}): DatabaseHandle {
  if (config.dialect === 'sqlite') {
    const client = openSqlite(config.filename);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: client }) });
    return { db, dialect: 'sqlite', raw: { kind: 'sqlite', client }, destroy: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: config.connectionString, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server (restart, failover, a dropped test database) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', (error) => options.onIdleError?.(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', raw: { kind: 'postgres', client: pool }, destroy: () => db.destroy() };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
