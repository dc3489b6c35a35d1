import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CalendarDataRepository } from '../../../core/booking/ports';
import type { Database } from '../schema';

/** The organisation's calendar settings and the staff imports of the official school-holiday CSV (latest wins). */
export function calendarDataRepository(db: Kysely<Database>): CalendarDataRepository {
  const latest = () => db.selectFrom('school_holiday_imports').orderBy('imported_at', 'desc').orderBy('id', 'desc').limit(1);
  return {
    async organisation() {
      const row = await db.selectFrom('organisation').select(['departement', 'holiday_zone']).orderBy('created_at').limit(1).executeTakeFirst();
      return row ? { departement: row.departement, holidayZone: row.holiday_zone } : null;
    },
    async latestImportId() {
      const row = await latest().select('id').executeTakeFirst();
      return row?.id ?? null;
    },
    async latestImport() {
      const row = await latest().selectAll().executeTakeFirst();
      return row
        ? { id: row.id, csvText: row.csv_text, periodCount: Number(row.period_count), importedAt: row.imported_at, importedBy: row.imported_by }
        : null;
    },
    async saveImport(input) {
      const id = randomUUID();
      await db
        .insertInto('school_holiday_imports')
        .values({ id, csv_text: input.csvText, period_count: input.periodCount, imported_by: input.importedBy, imported_at: input.importedAt })
        .execute();
      return id;
    },
  };
}
