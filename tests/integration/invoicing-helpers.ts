/**
 * Shared set-up of the invoicing integration tests: the invoicing services wired as in production
 * (server/invoicing-services.ts) with a movable clock, a recording mailer and a hook that can make a transaction fail
 * just before its commit; and a commune with canteen bookings to invoice.
 */
import type { DatabaseHandle } from '../../adapters/db/create-db';
import type { Database } from '../../adapters/db/schema';
import type { Kysely } from 'kysely';
import {
  buildAttendance,
  createBooking,
  createCanteenFixture,
  createChild,
  createEnrolment,
  createFamily,
  createGuardian,
  insertRows,
} from '../../server/demo/factories';
import { createInvoicingServices } from '../../server/invoicing-services';
import { movableClock, recordingMailer } from './booking-helpers';

/** Friday 27 November 2026, 10:00 in Paris. */
export const INVOICING_NOW = '2026-11-27T09:00:00Z';
export const staff = { userId: 'u-agent', label: 'agent', ip: '203.0.113.8' };
/** The demo canteen grid: QF 1000 → bracket 4 (860–1149 €) → 3,05 €. */
export const MEAL_CENTS = 305;
export const VALID_IBAN = 'FR76 3000 6000 0112 3456 7890 189';
export const VALID_ICS = 'FR72ZZZ123456';

export function invoicingServices(handle: DatabaseHandle, start = INVOICING_NOW) {
  const clock = movableClock(start);
  const mailer = recordingMailer();
  const errors: unknown[] = [];
  const hooks: { beforeCommit?: () => void } = {};
  const invoicing = createInvoicingServices({
    store: { db: handle.db },
    clock,
    mailer,
    publicUrl: 'http://portail.test',
    onError: (error) => errors.push(error),
    beforeCommit: () => hooks.beforeCommit?.(),
  });
  return { invoicing, clock, mailer, errors, hooks };
}

/** Canteen days of November 2026 (Monday, Tuesday, Thursday, Friday; no holiday that month after the 2nd). */
export const NOVEMBER_DAYS = ['2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10', '2026-11-12', '2026-11-13'];

/**
 * A commune with one canteen (« Sur facture ») and `families` families of one child each, every child booked on the
 * November days given; file numbers F-001, F-002… so the invoicing order is known.
 */
export async function invoicingFixture(db: Kysely<Database>, options: { families?: number; days?: readonly string[] } = {}) {
  const base = await createCanteenFixture(db, { family: { file_number: 'F-001', name: 'Martin', email: 'martin@example.fr' } });
  await createGuardian(db, { family_id: base.family.id, first_name: 'Sarah', last_name: 'Martin', email: 'sarah.martin@example.fr' });
  const families = [{ family: base.family, child: base.child }];
  for (let i = 2; i <= (options.families ?? 2); i++) {
    const family = await createFamily(db, {
      file_number: `F-${String(i).padStart(3, '0')}`,
      name: `Famille${i}`,
      email: `famille${i}@example.fr`,
    });
    const child = await createChild(db, { family_id: family.id, last_name: family.name, site_id: base.site.id });
    await createEnrolment(db, { child_id: child.id, activity_id: base.activity.id });
    families.push({ family, child });
  }
  for (const { child } of families) {
    for (const day of options.days ?? NOVEMBER_DAYS) {
      await createBooking(db, { child_id: child.id, activity_id: base.activity.id, day, status: 'reserved', unit_price_cents: MEAL_CENTS });
    }
  }
  return { ...base, families };
}

export async function markAttendance(
  db: Kysely<Database>,
  input: { childId: string; activityId: string; day: string; status: string; justified?: boolean },
) {
  await insertRows(db, 'attendance', [
    buildAttendance({
      child_id: input.childId,
      activity_id: input.activityId,
      day: input.day,
      status: input.status,
      justified: input.justified ? 1 : 0,
    }),
  ]);
}

export async function count(
  db: Kysely<Database>,
  table: 'invoices' | 'credit_notes' | 'regie_payments' | 'account_entries' | 'invoice_allocations' | 'sepa_debits' | 'audit_events',
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
