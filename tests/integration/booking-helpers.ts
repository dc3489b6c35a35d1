/** Shared set-up of the booking integration tests: the real repositories and services, a movable clock, a recording mailer. */
import type { DatabaseHandle } from '../../adapters/db/create-db';
import { createStore } from '../../adapters/db/store';
import type { Actor } from '../../core/booking/service';
import type { Clock, Mailer, MailMessage, PasswordHasher } from '../../core/ports';
import { createBookingServices } from '../../server/booking-service';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../adapters/db/schema';
import type { CanteenFixture } from '../../server/demo/factories';

export async function createClosureDay(db: Kysely<Database>, siteId: string, day: string, reason: string) {
  await db.insertInto('closure_days').values({ id: randomUUID(), site_id: siteId, day, reason }).execute();
}

export function movableClock(start: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), set: (iso) => void (now = new Date(iso).getTime()), advance: (ms) => void (now += ms) };
}

export function recordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (m) => void sent.push(m) };
}

export const fakeHasher: PasswordHasher = {
  hash: async (password) => `fake:${password}`,
  verify: async (hash, password) => hash === `fake:${password}`,
};

export const parent: Actor = { userId: 'u-parent', label: 'famille', ip: '203.0.113.7', staff: false };
export const agent: Actor = { userId: 'u-agent', label: 'agent', ip: '203.0.113.8', staff: true };

/** Thursday 26 November 2026, 09:00 in Paris. */
export const NOW = '2026-11-26T08:00:00Z';

/**
 * The harness drops a test's PostgreSQL database WITH (FORCE) right after `pool.end()`, which resolves as soon as the
 * idle clients are asked to end, not once their sockets are closed: a backend killed by the drop then sends 57P01
 * (« terminating connection due to administrator command ») to a client still in the pool's idle list, and the pool
 * re-emits it as an 'error' event nobody listens to. It shows up more with these tests' parallel queries (several
 * pooled clients); the fix belongs in tests/harness/databases.ts. Until then: ignore exactly that error here.
 */
function quietForcedDrop(handle: DatabaseHandle): void {
  if (handle.raw.kind !== 'postgres') return;
  const pool = handle.raw.client;
  if (pool.listenerCount('error') > 0) return;
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') console.error('[booking tests] idle PostgreSQL client error', error);
  });
}

export function services(handle: DatabaseHandle, start = NOW) {
  quietForcedDrop(handle);
  const store = createStore(handle.db);
  const clock = movableClock(start);
  const mailer = recordingMailer();
  const errors: unknown[] = [];
  const wired = createBookingServices({ store, clock, mailer, publicUrl: 'http://portail.test', onError: (e) => errors.push(e) });
  return { store, clock, mailer, errors, ...wired };
}

export type Services = ReturnType<typeof services>;

export const cell = (activityId: string, day: string) => `${activityId}:${day}`;

/** Valider for one child: the month of `date`, with these days checked. */
export async function save(s: Services, fixture: Pick<CanteenFixture, 'family' | 'child' | 'activity'>, days: string[], actor: Actor = parent, date = days[0] ?? '2026-12-01') {
  return s.booking.saveChanges({
    familyId: fixture.family.id, childId: fixture.child.id, view: 'month', date,
    checked: days.map((day) => cell(fixture.activity.id, day)), wholePeriod: [], actor,
  });
}

/** Terminer on the family's current basket. */
export async function confirm(s: Services, familyId: string, actor: Actor = parent) {
  const basket = await s.booking.basket(familyId);
  if (!basket) throw new Error('no basket to confirm');
  return s.booking.confirm({ familyId, basketId: basket.id, version: basket.version, actor });
}

export async function reservedDays(s: Services, childId: string): Promise<string[]> {
  const rows = await s.store.db.selectFrom('bookings').select('day').where('child_id', '=', childId).where('status', '=', 'reserved').orderBy('day').execute();
  return rows.map((r) => r.day);
}
