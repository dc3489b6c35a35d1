/**
 * Databases for integration tests: every suite runs once per dialect, every test on a fresh copy of the migrated
 * template (see global-setup.ts). Usage:
 *
 *   describeEachDialect('family repository', (getHandle, dialect) => {
 *     it('saves a family', async () => {
 *       const { db } = getHandle();
 *       ...
 *     });
 *   });
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, inject } from 'vitest';
import { createDb, type DatabaseHandle, type Dialect } from '../../adapters/db/create-db';
import { adminQuery, withDatabase } from './pg-admin';

export type TestDialect = Dialect;

/** A database made for one test: `destroy()` closes it and drops the database / removes the file. */
export type TestDatabase = DatabaseHandle & { name: string };

const postgresAvailable = inject('postgresAvailable');

/** The dialects every integration suite runs on. PostgreSQL is always there in CI (global setup fails otherwise). */
export const dialects: TestDialect[] = postgresAvailable ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, migrated database (a copy of the run's template). */
export async function createTestDatabase(
  dialect: TestDialect,
  options: { poolSize?: number } = {},
): Promise<TestDatabase> {
  const name = `t_${randomBytes(8).toString('hex')}`;

  if (dialect === 'sqlite') {
    const template = inject('sqliteTemplate');
    const filename = path.join(path.dirname(template), `${name}.sqlite`);
    fs.copyFileSync(template, filename);
    const handle = createDb({ dialect: 'sqlite', filename }, options);
    return {
      ...handle,
      name,
      destroy: once(async () => {
        await handle.destroy();
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(filename + suffix, { force: true });
      }),
    };
  }

  if (!postgresAvailable) throw new Error('PostgreSQL is unavailable in this run (see the warning at the start)');
  const adminUrl = inject('postgresAdminUrl');
  await createFromTemplate(adminUrl, name, inject('postgresTemplate'));
  const handle = createDb({ dialect: 'postgres', connectionString: withDatabase(adminUrl, name) }, options);
  return {
    ...handle,
    name,
    destroy: once(async () => {
      await handle.destroy();
      await dropDatabase(adminUrl, name);
    }),
  };
}

/**
 * One suite per dialect (the way Kysely's own tests loop over dialects), with a fresh database for each test.
 * `getHandle()` returns the current test's database; call it inside tests and hooks, not at collection time.
 * Outside CI, when PostgreSQL is unavailable, the PostgreSQL copy of the suite is reported as skipped.
 */
export function describeEachDialect(
  title: string,
  fn: (getHandle: () => DatabaseHandle, dialect: TestDialect) => void,
): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    if (!dialects.includes(dialect)) {
      // Reported as skipped, never silently absent (and never in CI: global setup fails there first).
      describe.skipIf(true)(`${title} [${dialect}: unavailable]`, () => fn(unavailable, dialect));
      continue;
    }
    describe(`${title} [${dialect}]`, () => {
      let current: TestDatabase | undefined;
      beforeEach(async () => {
        current = await createTestDatabase(dialect);
      });
      afterEach(async () => {
        const handle = current;
        current = undefined;
        await handle?.destroy();
      });
      fn(() => {
        if (!current) throw new Error('getHandle() is only available inside a test or a beforeEach/afterEach hook');
        return current;
      }, dialect);
    });
  }
}

function unavailable(): never {
  throw new Error('this dialect is unavailable in this run');
}

let fileCopySupported = true;

async function createFromTemplate(adminUrl: string, name: string, template: string): Promise<void> {
  const sql = `CREATE DATABASE "${name}" TEMPLATE "${template}"`;
  if (fileCopySupported) {
    try {
      // FILE_COPY (PostgreSQL ≥ 15) copies the small template's files: about twice as fast as the default WAL_LOG.
      return await adminQuery(adminUrl, `${sql} STRATEGY FILE_COPY`);
    } catch (error) {
      if ((error as { code?: string }).code !== '42601') throw error;
      fileCopySupported = false;
    }
  }
  await adminQuery(adminUrl, sql);
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  try {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); // PostgreSQL ≥ 13
  } catch (error) {
    if ((error as { code?: string }).code !== '42601') throw error;
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}"`);
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let promise: Promise<void> | undefined;
  return () => (promise ??= fn());
}
