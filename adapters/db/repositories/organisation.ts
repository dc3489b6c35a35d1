import type { Kysely } from 'kysely';
import type { Organisation } from '../../../core/content/types';
import type { Database } from '../schema';

const ACCESSIBILITY = ['non', 'partiellement', 'totalement'] as const;

export function organisationRepository(db: Kysely<Database>) {
  return {
    async get(): Promise<Organisation | null> {
      const row = await db.selectFrom('organisation').selectAll().executeTakeFirst();
      if (!row) return null;
      const status = ACCESSIBILITY.find((s) => s === row.accessibility_status) ?? 'non';
      return {
        communeName: row.commune_name,
        inseeCode: row.insee_code,
        departement: row.departement,
        holidayZone: row.holiday_zone,
        regieName: row.regie_name,
        contactEmail: row.contact_email,
        accessibilityStatus: status,
      };
    },

    /** The commune and its régie as invoices print them, with its SEPA creditor identity. */
    async issuer() {
      const row = await db.selectFrom('organisation').selectAll().executeTakeFirst();
      return {
        communeName: row?.commune_name ?? '',
        regieName: row?.regie_name ?? '',
        address: row?.address ?? '',
        contactEmail: row?.contact_email ?? '',
        sepaCreditorId: row?.sepa_creditor_id ?? null,
        sepaIban: row?.sepa_iban ?? null,
        sepaBic: row?.sepa_bic ?? null,
      };
    },
  };
}
