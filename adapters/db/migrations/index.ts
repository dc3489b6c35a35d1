import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001-foundation';
import * as planning from './0002-planning';

/** Explicit list: bundlers and tsx both see every migration, and the order is the file order. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-planning': planning,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
