/** The SEPA creditor columns of the organisation row (migration 0006), for core/invoicing/sepa-settings.ts. */
import type { Kysely } from 'kysely';
import type { SepaSettingsRepository } from '../../../core/invoicing/sepa-settings';
import type { Database } from '../schema';

export function sepaSettingsRepository(db: Kysely<Database>): SepaSettingsRepository {
  return {
    async creditor() {
      const row = await db
        .selectFrom('organisation')
        .select(['regie_name', 'sepa_creditor_id', 'sepa_iban', 'sepa_bic'])
        .executeTakeFirst();
      return row ? { name: row.regie_name, creditorId: row.sepa_creditor_id, iban: row.sepa_iban, bic: row.sepa_bic } : null;
    },

    async saveCreditor(settings, now) {
      const result = await db
        .updateTable('organisation')
        .set({
          regie_name: settings.name,
          sepa_creditor_id: settings.creditorId,
          sepa_iban: settings.iban,
          sepa_bic: settings.bic,
          updated_at: now.toISOString(),
        })
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
