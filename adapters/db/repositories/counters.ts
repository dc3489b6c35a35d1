import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/**
 * Next value of a numbering series (receipts, invoices, credit notes), in the caller's transaction. The counter row is
 * created at 0 if missing, then incremented in place: the row lock (PostgreSQL) or the single writer (SQLite)
 * serialises concurrent issuers, and a rollback gives the number back — no gap, no double.
 */
export async function nextCounterValue(db: Kysely<Database>, name: string): Promise<number> {
  return reserveCounterValues(db, name, 1);
}

/** Reserves `count` consecutive values at once, with the same guarantees; returns the first. */
export async function reserveCounterValues(db: Kysely<Database>, name: string, count: number): Promise<number> {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`cannot reserve ${count} numbers`);
  await db
    .insertInto('payment_counters')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  await db
    .updateTable('payment_counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', name)
    .execute();
  const row = await db.selectFrom('payment_counters').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(row.value) - count + 1;
}
