/**
 * The referential on every dialect: sites and classes, school years (no overlap), closure days on a booked day
 * (cancel and notify with prepaid days credited, or keep), activities (create, edit with a preview, capacity below
 * the bookings of a future day refused naming the day, invalid deadlines refused). Nothing half-done.
 */
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../adapters/db/create-db';
import { createStore } from '../../adapters/db/store';
import { formOf, parseActivityForm } from '../../core/referential/activity-form';
import type { ActivitySettings } from '../../core/referential/model';
import { createReferentialServices } from '../../server/referential-services';
import {
  createActivity,
  createCanteenFixture,
  createChild,
  createEnrolment,
  createFamily,
  createPriceGrid,
  DEMO_GRIDS,
} from '../../server/demo/factories';
import { describeEachDialect } from '../harness/databases';
import { movableClock, recordingMailer } from './booking-helpers';

/** Friday 27 November 2026, 08:30 in Paris. */
const NOW = '2026-11-27T07:30:00Z';
const actor = { userId: 'u-agent', label: 'agent', ip: '203.0.113.8' };

function setup(handle: DatabaseHandle) {
  const mailer = recordingMailer();
  const errors: unknown[] = [];
  const referential = createReferentialServices({
    store: createStore(handle.db),
    clock: movableClock(NOW),
    mailer,
    publicUrl: 'http://portail.test',
    onError: (e) => errors.push(e),
  });
  return { referential, mailer, errors };
}

async function auditActions(handle: DatabaseHandle) {
  return (await handle.db.selectFrom('audit_events').select('action').orderBy('at').execute()).map((r) => r.action);
}

async function book(handle: DatabaseHandle, activity: { id: string; capacity: number }, childId: string, day: string, priceCents: number) {
  const store = createStore(handle.db);
  expect(await store.bookings.takePlace(activity.id, day, activity.capacity)).toBe(true);
  expect(await store.bookings.reserve({ childId, activityId: activity.id, day, unitPriceCents: priceCents }, new Date(NOW))).toBe(true);
}

const reservedOn = async (handle: DatabaseHandle, activityId: string, day: string) =>
  Number(
    (
      await handle.db
        .selectFrom('activity_days')
        .select('reserved')
        .where('activity_id', '=', activityId)
        .where('day', '=', day)
        .executeTakeFirst()
    )?.reserved ?? 0,
  );

describeEachDialect('referential: sites, classes and school years', (getHandle) => {
  it('creates and edits a site, adds and removes classes, refuses bad input and duplicate class names', async () => {
    const handle = getHandle();
    const { referential } = setup(handle);
    const bad = await referential.saveSite({ siteId: null, name: '  ', kind: 'chateau', address: '', actor });
    expect(bad).toEqual({ ok: false, errors: { name: expect.any(String), kind: expect.any(String), address: expect.any(String) } });
    expect(await referential.sites()).toEqual([]);

    const created = await referential.saveSite({
      siteId: null,
      name: 'École Jean-Jaurès',
      kind: 'elementaire',
      address: '1 place de la Mairie',
      actor,
    });
    if (!created.ok) throw new Error('site refused');
    const siteId = created.value.siteId;
    expect(
      (
        await referential.saveSite({
          siteId,
          name: 'École élémentaire Jean-Jaurès',
          kind: 'elementaire',
          address: '1 place de la Mairie',
          actor,
        })
      ).ok,
    ).toBe(true);
    expect((await referential.site(siteId))?.name).toBe('École élémentaire Jean-Jaurès');

    const cp = await referential.addClass({ siteId, name: 'CP – Mme Durand', level: 'CP', actor });
    expect(cp.ok).toBe(true);
    expect(await referential.addClass({ siteId, name: 'CP – Mme Durand', level: 'CE1', actor })).toEqual({
      ok: false,
      errors: { className: 'Ce site a déjà une classe de ce nom.' },
    });
    expect((await referential.addClass({ siteId, name: 'Grands', level: 'CM3', actor })).ok).toBe(false);
    expect((await referential.site(siteId))?.classes.map((c) => [c.name, c.level])).toEqual([['CP – Mme Durand', 'CP']]);
    if (!cp.ok) return;
    expect((await referential.removeClass({ siteId, classId: cp.value.classId, actor })).ok).toBe(true);
    expect((await referential.site(siteId))?.classes).toEqual([]);
    expect(await auditActions(handle)).toEqual([
      'referential.site_created',
      'referential.site_updated',
      'referential.class_added',
      'referential.class_removed',
    ]);
  });

  it('adds a school year and refuses overlapping or inverted dates', async () => {
    const handle = getHandle();
    const { referential } = setup(handle);
    await createCanteenFixture(handle.db); // 2026-2027: 2026-09-01 → 2027-07-03
    const overlap = await referential.addSchoolYear({ startsOn: '2027-06-01', endsOn: '2028-05-31', actor });
    expect(overlap).toEqual({ ok: false, errors: { startsOn: expect.stringContaining('chevauchent l’année scolaire 2026-2027') } });
    expect((await referential.addSchoolYear({ startsOn: '2027-09-02', endsOn: '2027-09-01', actor })).ok).toBe(false);
    expect((await referential.addSchoolYear({ startsOn: '2027-02-30', endsOn: '2028-07-01', actor })).ok).toBe(false);
    expect(await referential.addSchoolYear({ startsOn: '2027-09-02', endsOn: '2028-07-07', actor })).toEqual({
      ok: true,
      value: { id: '2027-2028' },
    });
    expect((await referential.schoolYears()).map((y) => y.id)).toEqual(['2026-2027', '2027-2028']);
  });
});

describeEachDialect('referential: closure days', (getHandle) => {
  async function bookedDay(handle: DatabaseHandle) {
    // Wednesday 9 December 2026: a prepaid Wednesday centre and an invoiced canteen-like activity at the same site.
    const f = await createCanteenFixture(handle.db, { family: { email: 'martin@example.fr' }, activity: { weekdays: '1,2,3,4,5' } });
    const wednesday = await createActivity(handle.db, { site_id: f.site.id, school_year_id: f.schoolYear.id, kind: 'mercredi' });
    await createPriceGrid(handle.db, { activity_id: wednesday.id, school_year_id: f.schoolYear.id }, DEMO_GRIDS.mercredi);
    await createEnrolment(handle.db, { child_id: f.child.id, activity_id: wednesday.id });
    const other = await createFamily(handle.db, { name: 'Durand', email: 'durand@example.fr' });
    const otherChild = await createChild(handle.db, { family_id: other.id, first_name: 'Léo', site_id: f.site.id });
    await book(handle, wednesday, f.child.id, '2026-12-09', 660);
    await book(handle, f.activity, f.child.id, '2026-12-09', 305);
    await book(handle, f.activity, otherChild.id, '2026-12-09', 305);
    return { ...f, wednesday, other };
  }

  it('makes staff choose first, then cancels the bookings, releases the places, credits prepaid days and tells each family', async () => {
    const handle = getHandle();
    const { referential, mailer } = setup(handle);
    const f = await bookedDay(handle);
    const first = await referential.addClosure({ siteId: f.site.id, day: '2026-12-09', reason: 'Grève', choice: null, actor });
    expect(first).toEqual({
      ok: true,
      value: {
        status: 'choose',
        impact: {
          reserved: 3,
          waiting: 0,
          families: 2,
          activities: expect.arrayContaining([expect.objectContaining({ reserved: 1 }), expect.objectContaining({ reserved: 2 })]),
        },
      },
    });
    expect(await referential.closures(f.site.id)).toEqual([]);

    const done = await referential.addClosure({ siteId: f.site.id, day: '2026-12-09', reason: 'Grève', choice: 'cancel', actor });
    expect(done).toEqual({ ok: true, value: { status: 'added', closureId: expect.any(String), cancelled: 3, families: 2 } });
    const statuses = await handle.db.selectFrom('bookings').select('status').execute();
    expect(statuses.every((b) => b.status === 'cancelled')).toBe(true);
    expect(await reservedOn(handle, f.activity.id, '2026-12-09')).toBe(0);
    expect(await reservedOn(handle, f.wednesday.id, '2026-12-09')).toBe(0);
    // Only the prepaid day is credited (the invoiced ones will simply not be invoiced).
    const credits = await handle.db.selectFrom('family_credits').select(['family_id', 'amount_cents', 'kind']).execute();
    expect(credits).toEqual([{ family_id: f.family.id, amount_cents: 660, kind: 'closure_cancellation' }]);
    expect(mailer.sent.map((m) => m.to).sort()).toEqual(['durand@example.fr', 'martin@example.fr']);
    expect(mailer.sent.find((m) => m.to === 'martin@example.fr')?.text).toContain('6,60 €');
    expect((await referential.closures(f.site.id)).map((c) => [c.day, c.reason])).toEqual([['2026-12-09', 'Grève']]);
    expect(await auditActions(handle)).toEqual(['referential.closure_added']);
  });

  it('keeps the bookings when staff choose so, and refuses a second closure of the same day', async () => {
    const handle = getHandle();
    const { referential, mailer } = setup(handle);
    const f = await bookedDay(handle);
    const kept = await referential.addClosure({ siteId: f.site.id, day: '2026-12-09', reason: 'Sortie au musée', choice: 'keep', actor });
    expect(kept).toEqual({ ok: true, value: { status: 'added', closureId: expect.any(String), cancelled: 0, families: 0 } });
    expect((await handle.db.selectFrom('bookings').select('status').execute()).every((b) => b.status === 'reserved')).toBe(true);
    expect(await reservedOn(handle, f.activity.id, '2026-12-09')).toBe(2);
    expect(await handle.db.selectFrom('family_credits').selectAll().execute()).toEqual([]);
    expect(mailer.sent).toEqual([]);
    const again = await referential.addClosure({ siteId: f.site.id, day: '2026-12-09', reason: 'Grève', choice: 'cancel', actor });
    expect(again).toEqual({ ok: false, errors: { day: 'Ce site est déjà fermé ce jour-là.' } });
    expect((await handle.db.selectFrom('bookings').select('status').execute()).every((b) => b.status === 'reserved')).toBe(true);
  });

  it('closes a day without bookings at once, refuses a past day, removes a closure', async () => {
    const handle = getHandle();
    const { referential } = setup(handle);
    const f = await createCanteenFixture(handle.db);
    expect((await referential.addClosure({ siteId: f.site.id, day: '2026-11-26', reason: 'Travaux', choice: null, actor })).ok).toBe(false);
    const added = await referential.addClosure({ siteId: f.site.id, day: '2026-12-18', reason: 'Travaux', choice: null, actor });
    if (!added.ok || added.value.status !== 'added') throw new Error('closure refused');
    expect((await referential.removeClosure({ siteId: f.site.id, closureId: added.value.closureId, actor })).ok).toBe(true);
    expect(await referential.closures(f.site.id)).toEqual([]);
  });
});

describeEachDialect('referential: activities', (getHandle) => {
  const formFor = (siteId: string, overrides: Record<string, string> = {}) => ({
    values: {
      name: 'Stage théâtre',
      kind: 'alsh',
      siteId,
      schoolYearId: '2026-2027',
      period: 'both',
      capacity: '24',
      billingMode: 'prepaid',
      enrolmentMode: 'automatic',
      waitingList: '1',
      addKind: 'days_before',
      addDays: '3',
      addTime: '12:00',
      addWorkingDays: '1',
      cancelKind: 'weekday_of_previous_week',
      cancelWeekday: '4',
      cancelTime: '09:00',
      ...overrides,
    },
    weekdays: ['1', '3'],
    requiredDocuments: ['assurance'],
  });

  it('refuses invalid deadlines and settings, field by field', () => {
    const parsed = parseActivityForm({
      ...formFor('s1', { addDays: '-1', cancelTime: '25:00', cancelWeekday: '9', capacity: '0', kind: 'piscine' }),
      weekdays: ['8'],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['addDays', 'cancelTime', 'cancelWeekday', 'capacity', 'kind', 'weekdays']);
  });

  it('creates an activity, previews an edit and saves it only once confirmed', async () => {
    const handle = getHandle();
    const { referential } = setup(handle);
    const f = await createCanteenFixture(handle.db);
    const parsed = parseActivityForm(formFor(f.site.id));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const created = await referential.saveActivity({ activityId: null, settings: parsed.settings, confirmed: false, actor });
    if (!created.ok || created.value.status !== 'saved') throw new Error('activity refused');
    const stored = await referential.activity(created.value.activityId);
    expect(stored).toMatchObject({
      name: 'Stage théâtre',
      weekdays: [1, 3],
      capacity: 24,
      enrolmentMode: 'automatic',
      requiredDocuments: ['assurance'],
    });
    expect(stored?.addDeadline).toEqual({ kind: 'days_before', days: 3, time: '12:00', workingDaysOnly: true });
    expect(formOf(stored!)).toEqual({ ...formFor(f.site.id), values: { ...formFor(f.site.id).values } });

    const unknownSite = await referential.saveActivity({
      activityId: null,
      settings: { ...parsed.settings, siteId: 'nope' },
      confirmed: true,
      actor,
    });
    expect(unknownSite).toEqual({ ok: false, errors: { siteId: expect.any(String) } });
    const edited: ActivitySettings = { ...parsed.settings, capacity: 30, name: 'Stage théâtre et chant' };
    const preview = await referential.saveActivity({ activityId: created.value.activityId, settings: edited, confirmed: false, actor });
    expect(preview).toEqual({
      ok: true,
      value: {
        status: 'preview',
        preview: { changed: ['name', 'capacity'], futureBookings: 0, families: 0, capacity: { from: 24, to: 30 } },
      },
    });
    expect((await referential.activity(created.value.activityId))?.capacity).toBe(24);
    expect((await referential.saveActivity({ activityId: created.value.activityId, settings: edited, confirmed: true, actor })).ok).toBe(
      true,
    );
    expect((await referential.activity(created.value.activityId))?.capacity).toBe(30);
    expect(await auditActions(handle)).toEqual(['referential.activity_created', 'referential.activity_updated']);
  });

  it('refuses a capacity below the bookings of a future day, naming the day, and changes nothing', async () => {
    const handle = getHandle();
    const { referential } = setup(handle);
    const f = await createCanteenFixture(handle.db, { activity: { capacity: 3 } });
    const second = await createChild(handle.db, { family_id: f.family.id, first_name: 'Chloé', site_id: f.site.id });
    await book(handle, f.activity, f.child.id, '2026-12-03', 305);
    await book(handle, f.activity, second.id, '2026-12-03', 305);
    await book(handle, f.activity, f.child.id, '2026-12-04', 305);
    // A past day over the new capacity does not count.
    await handle.db
      .insertInto('bookings')
      .values({
        id: 'past',
        child_id: second.id,
        activity_id: f.activity.id,
        day: '2026-11-26',
        status: 'reserved',
        unit_price_cents: 305,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await handle.db
      .insertInto('bookings')
      .values({
        id: 'past2',
        child_id: f.child.id,
        activity_id: f.activity.id,
        day: '2026-11-26',
        status: 'reserved',
        unit_price_cents: 305,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    const before = (await referential.activity(f.activity.id))!;
    const preview = await referential.saveActivity({
      activityId: f.activity.id,
      settings: { ...before, capacity: 2 },
      confirmed: false,
      actor,
    });
    expect(preview).toEqual({
      ok: true,
      value: { status: 'preview', preview: { changed: ['capacity'], futureBookings: 3, families: 1, capacity: { from: 3, to: 2 } } },
    });
    const refused = await referential.saveActivity({
      activityId: f.activity.id,
      settings: { ...before, capacity: 1 },
      confirmed: true,
      actor,
    });
    expect(refused).toEqual({
      ok: false,
      errors: {
        capacity:
          'La capacité ne peut pas passer de 3 à 1 : ce jour a déjà plus de réservations — jeudi 3 décembre 2026 (2 réservés). Rien n’a été modifié.',
      },
    });
    expect((await referential.activity(f.activity.id))?.capacity).toBe(3);
    expect(await auditActions(handle)).toEqual([]);
  });
});

describe('the activity form', () => {
  it('keeps the waiting list off when its box is not ticked', () => {
    const parsed = parseActivityForm({
      values: {
        name: 'Cantine',
        kind: 'cantine',
        siteId: 's',
        schoolYearId: '2026-2027',
        period: 'school',
        capacity: '80',
        billingMode: 'invoice',
        enrolmentMode: 'manual',
        addKind: 'days_before',
        addDays: '2',
        addTime: '12:00',
        cancelKind: 'days_before',
        cancelDays: '2',
        cancelTime: '12:00',
      },
      weekdays: ['1', '2', '4', '5'],
      requiredDocuments: [],
    });
    expect(parsed.ok && parsed.settings.waitingList).toBe(false);
  });
});
