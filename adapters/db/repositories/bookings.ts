import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BookingStatus } from '../../../core/booking/model';
import type { BookingRecord, BookingRepository, NewBooking } from '../../../core/booking/ports';
import type { Database } from '../schema';

/**
 * Bookings and the capacity counter (activity_days). A place is taken by
 *   UPDATE activity_days SET reserved = reserved + 1 WHERE activity_id = ? AND day = ? AND reserved < capacity
 * and given back by the opposite update: on PostgreSQL the row lock makes concurrent transactions queue on the
 * counter and re-read it (READ COMMITTED re-evaluates the WHERE on the new row version), on SQLite there is a single
 * writer. No read-then-write in JavaScript decides a place. The counter row is created on demand, initialised
 * from the reserved bookings, by an INSERT … ON CONFLICT DO NOTHING (a concurrent creator waits, then does nothing).
 */
export function bookingRepository(db: Kysely<Database>): BookingRepository {

  async function ensureCounter(activityId: string, day: string): Promise<void> {
    await db
      .insertInto('activity_days')
      .values((eb) => ({
        activity_id: activityId,
        day,
        reserved: eb
          .selectFrom('bookings')
          .select((s) => s.fn.countAll<number>().as('n'))
          .where('activity_id', '=', activityId)
          .where('day', '=', day)
          .where('status', '=', 'reserved'),
      }))
      .onConflict((oc) => oc.columns(['activity_id', 'day']).doNothing())
      .execute();
  }

  return {
    async find(childId, activityId, day) {
      const row = await db
        .selectFrom('bookings')
        .select(['id', 'child_id', 'activity_id', 'day', 'status', 'unit_price_cents', 'queued_at'])
        .where('child_id', '=', childId)
        .where('activity_id', '=', activityId)
        .where('day', '=', day)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async takePlace(activityId, day, capacity) {
      const take = () =>
        db
          .updateTable('activity_days')
          .set((eb) => ({ reserved: eb('reserved', '+', 1) }))
          .where('activity_id', '=', activityId)
          .where('day', '=', day)
          .where('reserved', '<', capacity)
          .executeTakeFirst();
      const first = await take();
      if (Number(first.numUpdatedRows) === 1) return true;
      // No counter yet (first booking of the day through the counter) or full: create it if missing, try once more.
      await ensureCounter(activityId, day);
      return Number((await take()).numUpdatedRows) === 1;
    },

    async releasePlace(activityId, day) {
      // Without a counter row there is nothing to give back: the row will be created later from the bookings,
      // which already show this one cancelled.
      await db
        .updateTable('activity_days')
        .set((eb) => ({ reserved: eb('reserved', '-', 1) }))
        .where('activity_id', '=', activityId)
        .where('day', '=', day)
        .where('reserved', '>', 0)
        .execute();
    },

    // Reserving may revive any row not already reserved; queueing only a cancelled one (never demote a booking).
    reserve: (booking, now) => upsertBooking(db, booking, 'reserved', now),
    enqueue: (booking, now) => upsertBooking(db, booking, 'waiting', now),

    async changeStatus(bookingId, from, to, now) {
      const result = await db
        .updateTable('bookings')
        .set(to === 'waiting' ? { status: to, updated_at: now.toISOString() } : { status: to, queued_at: null, updated_at: now.toISOString() })
        .where('id', '=', bookingId)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async firstWaiting(activityId, day) {
      const row = await db
        .selectFrom('bookings')
        .innerJoin('children', 'children.id', 'bookings.child_id')
        .select([
          'bookings.id', 'bookings.child_id', 'bookings.activity_id', 'bookings.day', 'bookings.status', 'bookings.unit_price_cents',
          'bookings.queued_at', 'children.family_id', 'children.first_name',
        ])
        .where('bookings.activity_id', '=', activityId)
        .where('bookings.day', '=', day)
        .where('bookings.status', '=', 'waiting')
        .orderBy('bookings.queued_at')
        .orderBy('bookings.id')
        .limit(1)
        .executeTakeFirst();
      return row ? { ...toRecord(row), waitingPosition: 1, familyId: row.family_id, childFirstName: row.first_name } : null;
    },
  };
}

function toRecord(row: {
  id: string; child_id: string; activity_id: string; day: string; status: string; unit_price_cents: number; queued_at: string | null;
}): BookingRecord {
  return {
    id: row.id,
    childId: row.child_id,
    activityId: row.activity_id,
    day: row.day,
    status: row.status as BookingStatus,
    unitPriceCents: Number(row.unit_price_cents),
    queuedAt: row.queued_at,
    waitingPosition: null,
  };
}

/** Rebuilds every capacity counter from the reserved bookings (after a bulk insert such as the demo seed). */
export async function rebuildActivityDays(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('activity_days').execute();
  await db
    .insertInto('activity_days')
    .columns(['activity_id', 'day', 'reserved'])
    .expression((eb) =>
      eb
        .selectFrom('bookings')
        .select(['activity_id', 'day', (s) => s.fn.countAll<number>().as('reserved')])
        .where('status', '=', 'reserved')
        .groupBy(['activity_id', 'day']),
    )
    .execute();
}

/**
 * Errors after which a whole transaction may simply run again: PostgreSQL deadlock (40P01) and serialization failure
 * (40001); SQLite busy / locked (another process holds the write lock past busy_timeout, or a read snapshot went stale).
 */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code));
}

/** One booking row per child, activity and day: insert it, or move an existing row to the new status. */
async function upsertBooking(
  db: Kysely<Database>,
  booking: NewBooking,
  status: 'reserved' | 'waiting',
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const queuedAt = status === 'waiting' ? at : null;
  const result = await db
    .insertInto('bookings')
    .values({
      id: randomUUID(),
      child_id: booking.childId,
      activity_id: booking.activityId,
      day: booking.day,
      status,
      unit_price_cents: booking.unitPriceCents,
      queued_at: queuedAt,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['child_id', 'activity_id', 'day'])
        .doUpdateSet({ status, unit_price_cents: booking.unitPriceCents, queued_at: queuedAt, updated_at: at })
        .where('bookings.status', status === 'reserved' ? '!=' : '=', status === 'reserved' ? 'reserved' : 'cancelled'),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
