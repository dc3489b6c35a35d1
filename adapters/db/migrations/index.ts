import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001-foundation';
import * as planning from './0002-planning';
import * as payments from './0003-payments';
import * as dossier from './0004-dossier';
import * as backOffice from './0005-back-office';
import * as invoicing from './0006-invoicing';
import * as referential from './0007-referential';
import * as contentScheduling from './0008-content-scheduling';

/** Explicit list: bundlers and tsx both see every migration, and the order is the file order. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-planning': planning,
  '0003-payments': payments,
  '0004-dossier': dossier,
  '0005-back-office': backOffice,
  '0006-invoicing': invoicing,
  '0007-referential': referential,
  '0008-content-scheduling': contentScheduling,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
