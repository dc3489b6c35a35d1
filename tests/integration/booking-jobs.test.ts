/** Basket reminder and expiry jobs, and the staff import of the official school-holiday calendar, on every dialect. */
import { expect, it } from 'vitest';
import { createCanteenFixture } from '../../server/demo/factories';
import { describeEachDialect } from '../harness/databases';
import { agent, cell, save, services } from './booking-helpers';

const HOUR = 3_600_000;

describeEachDialect('booking: basket jobs', (getHandle) => {
  it('reminds a family once, 24 hours after its basket got lines, even with several processes', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db, { family: { email: 'dupont@example.fr' } });
    const s = services(handle);
    await save(s, f, ['2026-12-07', '2026-12-08']);
    s.clock.advance(23 * HOUR);
    expect(await s.basketJobs.sendReminders()).toBe(0);
    s.clock.advance(2 * HOUR);
    // Two processes run the job at the same time: one reminder.
    const [a, b] = await Promise.all([s.basketJobs.sendReminders(), s.basketJobs.sendReminders()]);
    expect(a + b).toBe(1);
    expect(await s.basketJobs.sendReminders()).toBe(0);
    expect(s.mailer.sent).toHaveLength(1);
    expect(s.mailer.sent[0]).toMatchObject({ to: 'dupont@example.fr', subject: 'Vos réservations ne sont pas encore enregistrées' });
    expect(s.mailer.sent[0].text).toContain('2 modifications');
    expect(s.mailer.sent[0].text).toContain('http://portail.test/portail/planning/recapitulatif');
    expect(s.mailer.sent[0].text).toContain('supprimé le dimanche 29 novembre 2026 à 09:00');
  });

  it('expires a basket left untouched past its expiry; the next Valider starts a new one', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db);
    const s = services(handle);
    await save(s, f, ['2026-12-07']);
    const first = (await s.booking.basket(f.family.id))!;
    s.clock.advance(71 * HOUR);
    expect(await s.basketJobs.expireBaskets()).toBe(0);
    s.clock.advance(2 * HOUR);
    expect(await s.basketJobs.expireBaskets()).toBe(1);
    expect(await s.booking.basket(f.family.id)).toBeNull();
    expect(await s.booking.confirm({ familyId: f.family.id, basketId: first.id, version: first.version, actor: agent })).toEqual({ ok: false, error: 'stale_basket' });
    await save(s, f, ['2026-12-08']);
    const second = (await s.booking.basket(f.family.id))!;
    expect(second.id).not.toBe(first.id);
    expect(second.lines.map((l) => l.day)).toEqual(['2026-12-08']);
  });
});

const CSV = [
  'description,zone,start_date,end_date,school_year',
  'Vacances de la Toussaint,Zone A,2026-10-17,2026-11-01,2026-2027',
  'Semaine de test,Zone A,2026-12-05,2026-12-13,2026-2027',
  'Vacances de Noël,Zone A,2026-12-19,2027-01-03,2026-2027',
  'Vacances de Noël,Zone C,2026-12-19,2027-01-03,2026-2027',
].join('\n');

describeEachDialect('booking: school holidays import', (getHandle) => {
  it('refuses a faulty file with French line errors, and a valid one then wins over the shipped data', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db);
    const s = services(handle);
    const actor = { userId: null, label: 'agent', ip: '203.0.113.8' };
    const day7 = async () => {
      const p = await s.booking.planning({ familyId: f.family.id, childId: f.child.id, view: 'week', date: '2026-12-07' });
      return p.ok ? p.value.rows[0].cells[0] : null;
    };
    expect(await day7()).toMatchObject({ open: true, editable: true });
    expect(await s.calendar.source()).toEqual({ kind: 'shipped' });

    const faulty = await s.calendar.importSchoolHolidays(CSV.replace('2026-12-13', '2026-12-32'), actor);
    expect(faulty).toEqual({ ok: false, errors: [{ line: 3, message: 'Ligne 3 : date de fin invalide « 2026-12-32 »' }] });
    const otherZone = await s.calendar.importSchoolHolidays(CSV.split('\n').filter((l) => !l.includes('Zone A')).join('\n'), actor);
    expect(otherZone.ok).toBe(false);
    expect(otherZone.ok ? null : otherZone.errors[0].message).toContain('« Zone A »');
    expect(await s.calendar.importSchoolHolidays('', actor)).toMatchObject({ ok: false });
    expect(await day7()).toMatchObject({ open: true });

    expect(await s.calendar.importSchoolHolidays(CSV, actor)).toEqual({ ok: true, periodCount: 4, zonePeriodCount: 3 });
    expect(await day7()).toMatchObject({ open: false, lock: { reason: 'holiday', detail: 'Semaine de test' } });
    expect(await s.calendar.source()).toMatchObject({ kind: 'imported', importedBy: 'agent', periodCount: 4 });
    const events = await s.store.audit.list({ limit: 5, offset: 0 });
    expect(events[0]).toMatchObject({ action: 'calendar.school_holidays_imported', actorLabel: 'agent' });
    // A day the import closes can no longer be booked.
    expect(await s.booking.saveChanges({ familyId: f.family.id, childId: f.child.id, view: 'week', date: '2026-12-07', checked: [cell(f.activity.id, '2026-12-07')], wholePeriod: [], actor: agent }))
      .toMatchObject({ ok: false, error: 'locked_day' });
  });
});
