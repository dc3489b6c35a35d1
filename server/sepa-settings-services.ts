/** Wires the commune's SEPA creditor settings (core/invoicing/sepa-settings.ts) to the database, one retried transaction per save. */
import type { Kysely } from 'kysely';
import { auditLog } from '../adapters/db/repositories/audit';
import { sepaSettingsRepository } from '../adapters/db/repositories/sepa-settings';
import type { Database } from '../adapters/db/schema';
import type { Store } from '../adapters/db/store';
import type { Actor } from '../core/invoicing/ports';
import { saveCreditorSettings, type SepaSettingsRepositories, type SepaSettingsStore } from '../core/invoicing/sepa-settings';
import type { Clock } from '../core/ports';
import { retryTransaction } from './booking-service';

function repositories(db: Kysely<Database>): SepaSettingsRepositories {
  return { settings: sepaSettingsRepository(db), audit: auditLog(db) };
}

export function createSepaSettingsServices(wiring: { store: Pick<Store, 'db'>; clock: Clock }) {
  const db = wiring.store.db;
  const store: SepaSettingsStore = {
    ...repositories(db),
    transaction: (work) => retryTransaction(() => db.transaction().execute((trx) => work(repositories(trx)))),
  };
  return {
    creditor: () => store.settings.creditor(),
    saveCreditor: (input: { name: unknown; creditorId: unknown; iban: unknown; bic: unknown; actor: Actor }) =>
      saveCreditorSettings({ store, clock: wiring.clock }, input),
  };
}

export type SepaSettingsServices = ReturnType<typeof createSepaSettingsServices>;
