/**
 * Capacity holds under concurrency, on each database: 50 families confirm the same day at once for 10 places.
 * PostgreSQL gets a pool of 20 connections so that the transactions really run side by side.
 */
import { expect, it } from 'vitest';
import { createActivity, createCanteenFixture, createChild, createEnrolment, createFamily } from '../../server/demo/factories';
import { createTestDatabase, describeEachDialect } from '../harness/databases';
import { confirm, save, services } from './booking-helpers';

const FAMILIES = 50;
const CAPACITY = 10;

describeEachDialect('booking: 50 parallel confirmations for 10 places', (_getHandle, dialect) => {
  it.each([
    ['with a waiting list: the 40 others join it', 1],
    ['without one: the 40 others are reported full', 0],
  ])('ends with exactly 10 reserved bookings, %s', async (_title, waitingList) => {
    const handle = await createTestDatabase(dialect, { poolSize: 20 });
    try {
      const base = await createCanteenFixture(handle.db, { activity: { capacity: CAPACITY, waiting_list: waitingList } });
      const families = [{ family: base.family, child: base.child, activity: base.activity }];
      for (let i = 1; i < FAMILIES; i++) {
        const family = await createFamily(handle.db, { name: `Famille ${i}`, email: `famille${i}@example.fr` });
        const child = await createChild(handle.db, { family_id: family.id, first_name: `Enfant ${i}`, site_id: base.site.id });
        await createEnrolment(handle.db, { child_id: child.id, activity_id: base.activity.id });
        families.push({ family, child, activity: base.activity });
      }
      const s = services(handle);
      // Everyone validated before the opening (the day still shows free places).
      for (const f of families) expect((await save(s, f, ['2026-12-07'])).ok).toBe(true);

      const reports = await Promise.all(families.map((f) => confirm(s, f.family.id)));
      expect(reports.every((r) => r.ok)).toBe(true);
      const outcome = (action: string) => reports.filter((r) => r.ok && r.value.applied.length === 1 && r.value.applied[0].action === action).length;
      const full = reports.filter((r) => r.ok && r.value.failed.length === 1 && r.value.failed[0].reason === 'full').length;
      expect(outcome('add')).toBe(CAPACITY);
      expect(outcome('wait')).toBe(waitingList ? FAMILIES - CAPACITY : 0);
      expect(full).toBe(waitingList ? 0 : FAMILIES - CAPACITY);

      const reserved = await s.store.db
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('activity_id', '=', base.activity.id)
        .where('day', '=', '2026-12-07')
        .where('status', '=', 'reserved')
        .executeTakeFirstOrThrow();
      expect(Number(reserved.n)).toBe(CAPACITY);
      const counter = await s.store.db.selectFrom('activity_days').select('reserved').where('activity_id', '=', base.activity.id).executeTakeFirstOrThrow();
      expect(Number(counter.reserved)).toBe(CAPACITY);
      const occupancy = await s.booking.occupancy({ from: '2026-12-07', to: '2026-12-07' });
      expect(occupancy.map((r) => [r.reserved, r.capacity])).toEqual([[CAPACITY, CAPACITY]]);
    } finally {
      await handle.destroy();
    }
  });

  it('books each day at most once per child when the same family confirms from many tabs at once', async () => {
    const handle = await createTestDatabase(dialect, { poolSize: 20 });
    try {
      const f = await createCanteenFixture(handle.db, { activity: { capacity: 5 } });
      const s = services(handle);
      await save(s, f, ['2026-12-07', '2026-12-08', '2026-12-10']);
      const basket = (await s.booking.basket(f.family.id))!;
      const reports = await Promise.all(
        Array.from({ length: 10 }, () => s.booking.confirm({ familyId: f.family.id, basketId: basket.id, version: basket.version, actor: { userId: 'u', label: 'p', ip: null, staff: false } })),
      );
      expect(new Set(reports.map((r) => (r.ok ? r.value.id : r.error))).size).toBe(1);
      const rows = await s.store.db.selectFrom('bookings').select(['day', 'status']).where('child_id', '=', f.child.id).orderBy('day').execute();
      expect(rows).toEqual(['2026-12-07', '2026-12-08', '2026-12-10'].map((day) => ({ day, status: 'reserved' })));
      expect(s.mailer.sent).toHaveLength(0); // the fixture family has no e-mail address
    } finally {
      await handle.destroy();
    }
  });

  it('keeps the counter right when cancellations and bookings of one day race', async () => {
    const handle = await createTestDatabase(dialect, { poolSize: 20 });
    try {
      const base = await createCanteenFixture(handle.db, { activity: { capacity: 5 } });
      const second = await createActivity(handle.db, { site_id: base.site.id, school_year_id: base.schoolYear.id, name: 'Garderie', kind: 'garderie_soir', capacity: 5 });
      const families = [];
      for (let i = 0; i < 10; i++) {
        const family = await createFamily(handle.db, { name: `F${i}` });
        const child = await createChild(handle.db, { family_id: family.id, site_id: base.site.id });
        await createEnrolment(handle.db, { child_id: child.id, activity_id: base.activity.id });
        await createEnrolment(handle.db, { child_id: child.id, activity_id: second.id });
        families.push({ family, child, activity: base.activity });
      }
      const s = services(handle);
      // Five families hold the five places; then they cancel while the five others book, all at once, each basket
      // touching both activities in a different order of days to invite deadlocks (retried) on PostgreSQL.
      for (const f of families.slice(0, 5)) { await save(s, f, ['2026-12-07']); await confirm(s, f.family.id); }
      for (const f of families.slice(0, 5)) await save(s, f, []);
      for (const f of families.slice(5)) {
        await s.booking.saveChanges({
          familyId: f.family.id, childId: f.child.id, view: 'month', date: '2026-12-01',
          checked: [`${base.activity.id}:2026-12-07`, `${second.id}:2026-12-07`, `${second.id}:2026-12-08`], wholePeriod: [], actor: { userId: 'u', label: 'p', ip: null, staff: false },
        });
      }
      const reports = await Promise.all(families.map((f) => confirm(s, f.family.id)));
      expect(reports.every((r) => r.ok)).toBe(true);
      const count = async (activityId: string, day: string) => {
        const row = await s.store.db.selectFrom('bookings').select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('activity_id', '=', activityId).where('day', '=', day).where('status', '=', 'reserved').executeTakeFirstOrThrow();
        const counter = await s.store.db.selectFrom('activity_days').select('reserved').where('activity_id', '=', activityId).where('day', '=', day).executeTakeFirst();
        return [Number(row.n), Number(counter?.reserved ?? 0)];
      };
      const canteen = await count(base.activity.id, '2026-12-07');
      expect(canteen[0]).toBe(canteen[1]);
      expect(canteen[0]).toBeLessThanOrEqual(5);
      expect(await count(second.id, '2026-12-07')).toEqual([5, 5]);
      expect(await count(second.id, '2026-12-08')).toEqual([5, 5]);
    } finally {
      await handle.destroy();
    }
  });
});
