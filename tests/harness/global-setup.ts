/**
 * Vitest globalSetup of the integration project: one PostgreSQL server and two migrated templates per run.
 * Test files get a fresh database per test from tests/harness/databases.ts (a template copy: fast).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb, migrateToLatest } from '../../adapters/db/create-db';
import { adminQuery, withDatabase } from './pg-admin';
import { startPostgresForTests } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test PostgreSQL server's maintenance database ('' when unavailable). */
    postgresAdminUrl: string;
    /** Name of the migrated template database ('' when unavailable). */
    postgresTemplate: string;
    /** Path of the migrated SQLite template file; test databases are copied next to it. */
    sqliteTemplate: string;
    /** False only outside CI when no PostgreSQL could be started (CI fails instead). */
    postgresAvailable: boolean;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const cleanups: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => console.error('[harness] teardown step failed:', error));
    }
  };

  try {
    // SQLite template: migrate once, close (checkpoints the WAL into the main file), then tests copy the file.
    const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-sqlite-'));
    cleanups.push(async () => fs.rmSync(sqliteDir, { recursive: true, force: true }));
    const sqliteTemplate = path.join(sqliteDir, 'template.sqlite');
    const sqlite = createDb({ dialect: 'sqlite', filename: sqliteTemplate });
    try {
      await migrateToLatest(sqlite.db);
    } finally {
      await sqlite.destroy();
    }
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(sqliteTemplate + suffix) && fs.statSync(sqliteTemplate + suffix).size > 0) {
        throw new Error(`SQLite template left a non-empty ${suffix} file: it cannot be copied safely`);
      }
    }

    // PostgreSQL: our own throwaway cluster, or TEST_DATABASE_URL (throws in CI when neither works).
    const server = await startPostgresForTests();
    let postgresTemplate = '';
    if (server) {
      cleanups.push(() => server.stop());
      // A private cluster has a fixed template name; a shared server gets a unique one so parallel runs don't clash.
      postgresTemplate = server.external ? `tartine_template_${randomBytes(4).toString('hex')}` : 'tartine_template';
      await adminQuery(server.url, `DROP DATABASE IF EXISTS "${postgresTemplate}"`);
      await adminQuery(server.url, `CREATE DATABASE "${postgresTemplate}" ENCODING 'UTF8'`);
      if (server.external) {
        cleanups.push(() => adminQuery(server.url, `DROP DATABASE IF EXISTS "${postgresTemplate}"`));
      }
      const handle = createDb(
        { dialect: 'postgres', connectionString: withDatabase(server.url, postgresTemplate) },
        { poolSize: 1 },
      );
      try {
        await migrateToLatest(handle.db);
      } finally {
        await handle.destroy(); // no connection may remain on a database used as a template
      }
    }

    project.provide('postgresAdminUrl', server?.url ?? '');
    project.provide('postgresTemplate', postgresTemplate);
    project.provide('sqliteTemplate', sqliteTemplate);
    project.provide('postgresAvailable', server !== null);
    console.log(
      `[harness] templates ready in ${Date.now() - started} ms (sqlite${server ? ` + postgres${server.external ? ' from TEST_DATABASE_URL' : ''}` : ' only'})`,
    );
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
